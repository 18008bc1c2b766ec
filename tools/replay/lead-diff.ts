import { REFERENCE_PATTERN, REFERENCE_PLACEHOLDER } from './compare';
import { isObject } from '../../src/intake/redaction';

/**
 * The lead a replay produced, compared with the one a transcript expects (`<name>.lead.json`).
 * The lead id, the reference number and the creation time differ on every run and are replaced
 * by placeholders; everything else, the screening and its rules version included, is compared
 * field by field.
 */

export const volatileLeadFields = {
  id: '<lead id>',
  reference: REFERENCE_PLACEHOLDER,
  createdAt: '<created at>',
};

export function normalizeLead(lead: unknown): unknown {
  const id = isObject(lead) && typeof lead.id === 'string' && lead.id.length >= 8 ? lead.id : undefined;
  const normalized = replaceVolatile(structuredClone(lead), id);
  if (isObject(normalized)) {
    for (const [field, placeholder] of Object.entries(volatileLeadFields)) {
      if (field in normalized) normalized[field] = placeholder;
    }
  }
  return normalized;
}

/** Reference numbers and the lead id also appear inside texts (the staff summary names both). */
function replaceVolatile(value: unknown, id: string | undefined): unknown {
  if (typeof value === 'string') {
    const text = value.replace(REFERENCE_PATTERN, REFERENCE_PLACEHOLDER);
    return id ? text.split(id).join(volatileLeadFields.id) : text;
  }
  if (Array.isArray(value)) return value.map((item) => replaceVolatile(item, id));
  if (isObject(value)) {
    for (const key of Object.keys(value)) value[key] = replaceVolatile(value[key], id);
  }
  return value;
}

export interface FieldDifference {
  /** Like `screening.priority.level` or `screening.streams[0].fit`. */
  path: string;
  /** `undefined` when the field is absent on that side. */
  expected: unknown;
  actual: unknown;
}

export function diffFields(expected: unknown, actual: unknown, at = ''): FieldDifference[] {
  if (Array.isArray(expected) && Array.isArray(actual)) {
    const out: FieldDifference[] = [];
    for (let i = 0; i < Math.max(expected.length, actual.length); i++) {
      out.push(...diffFields(expected[i], actual[i], `${at}[${i}]`));
    }
    return out;
  }
  if (isObject(expected) && isObject(actual)) {
    const keys = [...new Set([...Object.keys(expected), ...Object.keys(actual)])].sort();
    return keys.flatMap((key) => diffFields(expected[key], actual[key], at ? `${at}.${key}` : key));
  }
  return JSON.stringify(expected) === JSON.stringify(actual)
    ? []
    : [{ path: at || '(lead)', expected, actual }];
}
