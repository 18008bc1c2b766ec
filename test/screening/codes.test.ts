import { streamRules } from '../../src/screening';

/**
 * Only real codes (imp-reference.md §10): every stream carries an IRCC exemption code (a letter
 * and two digits, or a few of them joined as "C41/C46", "C46–C49", "F60/F66"), or says "code to
 * confirm". A program name such as "CUKTCA" is not a code, and nothing is made up ("CUKTCA-ICT").
 */
const code = /^[ACFT]\d{2}$/;

describe('stream codes', () => {
  it.each(streamRules.map((rule) => [rule.code, rule.name] as const))(
    '%s (%s) is a real code or "code to confirm"',
    (name) => {
      const parts = name === 'code to confirm' ? [] : name.split(/[/–]/);
      for (const part of parts) expect(part).toMatch(code);
    },
  );
});
