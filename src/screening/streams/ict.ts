import { Assessment } from '../assessment';
import { ref, refs } from '../reference';
import { citizenOf, type Facts, type RoleLevel } from '../facts';
import type { AnswerOf } from '../../intake/steps';
import { cusma } from './cusma';
import {
  ceta,
  cetaCodesUnconfirmed,
  cptpp,
  cptppCodesUnconfirmed,
  cuktca,
  cuktcaTransfereeCodes,
} from './fta';
import type { StreamRule } from './rule';

/**
 * Intra-company transferees: C61/C62/C63 (C12 before) and the free-trade transferees (CUSMA T37/T38,
 * CETA T44, CPTPP T51): same corporate group, a year of continuous full-time work, the role (§2, §9).
 */

const MIN_GROUP_MONTHS = 12;

export const roleLevelLabels: Record<AnswerOf<'icRoleLevel'>, string> = {
  executive: 'executive',
  seniorManager: 'senior manager',
  specializedKnowledge: 'specialized knowledge',
  other: 'other',
};

export interface Agreement {
  name: string;
  isCitizen: (f: Facts) => boolean;
}

interface IctSpec {
  code: string;
  name: string;
  levels: readonly RoleLevel[];
  agreement?: Agreement;
  /** The start-up code (C61): only for a new Canadian entity; the others only for an established one. */
  newEntity?: boolean;
  /** The rule that tells staff why a role level of "other" does not qualify (one is enough). */
  explainsOtherLevel?: boolean;
  confirm: string[];
  /** The code rests on §10's corrections (UK transferees). */
  dec2026?: true;
}

const revenueRule = 'the multinational already earns revenue in 2 or more countries (Oct 3, 2024 guidance)';

function ictRule(spec: IctSpec): StreamRule {
  const levels = spec.levels.map((level) => roleLevelLabels[level]).join(', ');
  return {
    code: spec.code,
    name: spec.name,
    ref: spec.dec2026
      ? refs(ref.streams, ref.changes, ref.flags, ref.corrections, ref.dec2026)
      : refs(ref.streams, ref.changes, ref.flags, ref.corrections),
    tests: `same corporate group (parent, subsidiary, branch or affiliate), at least ${MIN_GROUP_MONTHS} months of continuous full-time work in the last 3 years, role: ${levels}${spec.agreement ? `, ${spec.agreement.name} citizenship` : ''}${spec.newEntity === undefined ? '' : spec.newEntity ? ', a new Canadian entity' : ', an established Canadian entity'}, revenue in 2+ countries`,
    evaluate(f) {
      const { group } = f;
      if (group.isSameGroup !== true) return undefined;
      if (spec.agreement && !spec.agreement.isCitizen(f)) return undefined;
      if (spec.newEntity === true && group.newEntity !== true) return undefined;
      if (spec.newEntity === false && group.newEntity === true) return undefined;
      const level = group.level;
      const levelFits = level !== undefined && spec.levels.includes(level);
      if (level !== undefined && !levelFits && !(level === 'other' && spec.explainsOtherLevel))
        return undefined;

      const check = new Assessment();
      if (spec.agreement) check.met(`${citizenOf(f)} (${spec.agreement.name})`);
      if (group.relation === 'sameGroupEmployee') {
        check
          .met('the worker is an employee of the same corporate group')
          .confirm(
            'the Canadian company is a parent, subsidiary, branch or affiliate of the current employer',
          );
      } else {
        check.met(`corporate relationship with the current employer: ${group.relation ?? 'same group'}`);
      }
      const months = group.months;
      if (months === undefined) {
        check.unknown(
          `months of continuous full-time work with the group in the last 3 years (at least ${MIN_GROUP_MONTHS})`,
        );
      } else if (months >= MIN_GROUP_MONTHS) {
        check.met(
          `${months} months of continuous full-time work with the group (at least ${MIN_GROUP_MONTHS} in the last 3 years)`,
        );
      } else {
        check.failed(
          `${months} months of continuous full-time work with the group: at least ${MIN_GROUP_MONTHS} in the last 3 years are needed (part-time does not add up)`,
        );
      }
      if (level === undefined) check.unknown(`the role level: ${levels}`);
      else if (levelFits) check.met(`role: ${roleLevelLabels[level]}`);
      else {
        check.failed(
          'role level given as "other": a transfer needs an executive or senior manager (C62) or specialized-knowledge (C63) role',
        );
      }
      if (spec.newEntity === true) check.met('the Canadian entity is new: start-up rules apply');
      else if (spec.newEntity === false && group.newEntity === undefined)
        check.unknown('whether the Canadian entity is new (a new office is the start-up code C61)');
      if (group.revenueInTwoCountries === true) check.met('the group earns revenue in 2 or more countries');
      else if (group.revenueInTwoCountries === false) {
        if (spec.agreement)
          check.unknown(`${revenueRule}: the group does not — to confirm for ${spec.agreement.name}`);
        else
          check.failed(
            'the group does not earn revenue in 2 or more countries: since the Oct 3, 2024 guidance the multinational must already do so',
          );
      } else check.unknown(revenueRule);
      for (const item of spec.confirm) check.confirm(item);
      return check;
    },
  };
}

const newOffice = 'a new office in Canada needs premises, a staffing plan and funds (first permit 1 year)';
const ictCodesUnconfirmed =
  'intra-company transferee codes since Oct 3, 2024: C61 start-up, C62 executive or senior manager, C63 specialized knowledge (C12 before) — to confirm';
const prevailingWage = 'prevailing wage reported for all intra-company transferees — to confirm';

export const ictRules: StreamRule[] = [
  ictRule({
    code: 'C61',
    name: 'Intra-company transferee: start-up (new office)',
    levels: ['executive', 'seniorManager', 'specializedKnowledge'],
    newEntity: true,
    confirm: [newOffice, ictCodesUnconfirmed, prevailingWage],
  }),
  ictRule({
    code: 'C62',
    name: 'Intra-company transferee: executive or senior manager',
    levels: ['executive', 'seniorManager'],
    newEntity: false,
    confirm: [ictCodesUnconfirmed, prevailingWage],
  }),
  ictRule({
    code: 'C63',
    name: 'Intra-company transferee: specialized knowledge',
    levels: ['specializedKnowledge'],
    newEntity: false,
    explainsOtherLevel: true,
    confirm: [
      'proprietary knowledge and advanced expertise: duties and salary',
      ictCodesUnconfirmed,
      prevailingWage,
    ],
  }),
  ictRule({
    code: 'T37',
    name: 'CUSMA intra-company transferee: executive or manager',
    levels: ['executive', 'seniorManager'],
    agreement: cusma,
    confirm: [],
  }),
  ictRule({
    code: 'T38',
    name: 'CUSMA intra-company transferee: specialized knowledge',
    levels: ['specializedKnowledge'],
    agreement: cusma,
    confirm: [],
  }),
  ictRule({
    code: 'T44',
    name: 'CETA intra-company transferee',
    levels: ['executive', 'seniorManager', 'specializedKnowledge'],
    agreement: ceta,
    confirm: [cetaCodesUnconfirmed],
  }),
  ictRule({
    code: 'T44',
    name: 'CUKTCA intra-company transferee',
    levels: ['executive', 'seniorManager', 'specializedKnowledge'],
    agreement: cuktca,
    confirm: [cuktcaTransfereeCodes],
    dec2026: true,
  }),
  ictRule({
    code: 'T51',
    name: 'CPTPP intra-company transferee',
    levels: ['executive', 'seniorManager', 'specializedKnowledge'],
    agreement: cptpp,
    confirm: [cptppCodesUnconfirmed],
  }),
];
