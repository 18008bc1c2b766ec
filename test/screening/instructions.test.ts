import fc from 'fast-check';
import type { Answers } from '../../src/intake/steps';
import { buildLead, type Lead } from '../../src/screening';
import { profiles } from '../support/profiles';
import { isoDateArb, workerAnswersArb } from './arbitraries';
import { screeningCases } from './cases';
import { TODAY } from './fixtures';

/**
 * Every sentence of a staff summary that tells staff what to do, or states where the prospect's
 * status stands, is read against the answers that would allow it (§9, §10). The law is restated
 * here from the answers, apart from the rules, so a rule that drifts from it fails. The answers
 * read are the lead's own (the ones relevant on the path taken).
 */

const DAY_MS = 86_400_000;
const addDays = (date: string, days: number) =>
  new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);

/** The day status was lost, when the answers say it was: expiry without an extension, or a refusal. */
function lostOn(a: Answers, today: string): string | undefined {
  const expiry = a.statusExpiry;
  if (a.inCanada !== true || expiry === undefined || expiry >= today) return undefined;
  if (a.extensionFiled === false) return expiry;
  if (a.extensionFiled === true && a.extensionRefused === true) {
    const refused = a.extensionRefusalDate;
    return refused === undefined ? undefined : refused > expiry ? refused : expiry;
  }
  return undefined;
}

const statusLost = (a: Answers, today: string) =>
  a.inCanada === true &&
  a.statusExpiry !== undefined &&
  a.statusExpiry < today &&
  (a.extensionFiled === false || (a.extensionFiled === true && a.extensionRefused === true));

/**
 * IRPR s. 199(e), A74, family-class and Hong Kong pathway files let these apply inside, and a Canadian graduate may
 * have an in-Canada route: only others are "ordinary" visitors.
 */
const ordinaryVisitor = (a: Answers) =>
  a.inCanada === true &&
  a.currentStatus === 'visitor' &&
  a.spouseInCanada === false &&
  a.graduatedInCanada !== true &&
  a.prStatus !== undefined &&
  a.prProgram !== 'family' &&
  a.prProgram !== 'hongKong';

/** IRPR s. 199(e) (a work- or study-permit holder's family), A74 (sponsored, living together), family-class and Hong Kong pathway files. */
const mayApplyInside = (a: Answers) =>
  a.inCanada === true &&
  a.currentStatus === 'visitor' &&
  (a.spouseStatus === 'worker' ||
    a.spouseStatus === 'student' ||
    (a.spouseStatus === 'citizenOrPr' && a.spouseSponsorship === true && a.livingTogether !== false) ||
    a.prProgram === 'family' ||
    a.prProgram === 'hongKong');

/** Status lost more than 90 days ago: nothing left to restore (IRPR s. 182, §10). */
const restorationClosed = (a: Answers, today: string) => {
  const lost = lostOn(a, today);
  return statusLost(a, today) && lost !== undefined && addDays(lost, 90) < today;
};

const arcNeeded = (a: Answers, today: string) =>
  a.removalOrder === true &&
  (a.removalOrderType === 'deportation' ||
    (a.removalOrderType === 'departure' && a.departureConfirmed === false) ||
    (a.removalOrderType === 'exclusion' && a.removalYear === Number(today.slice(0, 4))));

interface Instruction {
  name: string;
  pattern: RegExp;
  /** Whether the answers allow the sentence; `match` is the pattern's match on it. */
  allowed(a: Answers, today: string, match: RegExpMatchArray): boolean;
}

const instructions: Instruction[] = [
  {
    name: '"apply from outside Canada" only for an ordinary visitor',
    pattern: /— apply from outside Canada/,
    allowed: (a) => ordinaryVisitor(a),
  },
  {
    name: 'no instruction to apply from outside for a family member of a permit holder or a sponsored spouse',
    pattern: /from outside Canada/,
    allowed: (a) =>
      !(
        a.spouseStatus === 'worker' ||
        a.spouseStatus === 'student' ||
        (a.spouseStatus === 'citizenOrPr' && a.spouseSponsorship === true)
      ),
  },
  {
    name: '"may apply from inside Canada" only where s. 199(e) or a public policy (A74, Hong Kong) allows it, with a status still valid, maintained or restorable',
    pattern: /from inside Canada as a/,
    allowed: (a, today) => mayApplyInside(a) && !restorationClosed(a, today),
  },
  {
    name: '"once status is restored" only for a status lost within the last 90 days',
    pattern: /once status is restored/,
    allowed: (a, today) => statusLost(a, today) && !restorationClosed(a, today),
  },
  {
    name: '"maintained status" as holding only while an extension is pending, never after a refusal',
    pattern: /maintained status (while|if|after|only if)|extension applied for, not yet decided/,
    allowed: (a) => a.extensionFiled !== false && a.extensionRefused !== true,
  },
  {
    name: 'restoration by a date: 90 days from the day status was lost (the refusal, or the expiry)',
    pattern: /restoration (?:must be applied for|\(IRPR s\. 182\)) by (\d{4}-\d{2}-\d{2})/,
    allowed: (a, today, match) => {
      const lost = lostOn(a, today);
      return lost !== undefined && match[1] === addDays(lost, 90);
    },
  },
  {
    name: '"no work until status is restored" only when status was lost',
    pattern: /no work until status is restored|no work counts until status is restored/,
    allowed: (a, today) => statusLost(a, today),
  },
  {
    name: '"until status is restored" only while restoration is open: within 90 days of losing status (§10)',
    pattern: /until status is restored/,
    allowed: (a, today) => {
      const lost = lostOn(a, today);
      // A refusal without its date: the 90 days cannot be counted, so restoration may still be open.
      return statusLost(a, today) && (lost === undefined || addDays(lost, 90) >= today);
    },
  },
  {
    name: '"the current work permit covers the job on file" only for a worker in Canada on a valid permit, in that job (§9)',
    pattern: /current work permit \(valid until (\d{4}-\d{2}-\d{2})\) covers the job on file/,
    allowed: (a, today, match) =>
      a.inCanada === true &&
      a.currentStatus === 'worker' &&
      a.statusExpiry !== undefined &&
      a.statusExpiry === match[1] &&
      a.statusExpiry >= today &&
      !(a.extensionFiled === true && a.extensionRefused === true) &&
      (a.offerIsCurrentJob === true || a.hasJobOffer === false),
  },
  {
    name: '"apply to extend or change before then" only for a valid status without a pending extension',
    pattern: /apply to extend or change before then/,
    allowed: (a, today) =>
      a.statusExpiry !== undefined &&
      a.statusExpiry >= today &&
      !(a.extensionFiled === true && a.extensionRefused !== true),
  },
  {
    name: '"works in Canada on a work permit" never once status was lost',
    pattern: /works in Canada on a work permit/,
    allowed: (a, today) => !statusLost(a, today),
  },
  {
    name: 'an Authorization to Return blocker only for the orders that always need one',
    pattern: /^- Removal order: an Authorization to Return to Canada/,
    allowed: (a, today) => arcNeeded(a, today),
  },
  {
    name: 'a misrepresentation risk on past forms only where a Canadian application may have followed the refusal',
    pattern: /^- Misrepresentation risk/,
    allowed: (a) =>
      a.previousRefusal === true &&
      a.appliedToCanada !== false &&
      !(
        a.refusalCountry !== undefined &&
        a.canadianApplicationYear !== undefined &&
        a.refusalYear !== undefined &&
        a.canadianApplicationYear < a.refusalYear
      ),
  },
];

function leadOf(answers: Answers, today = TODAY): Lead {
  return buildLead({
    id: 'lead-1',
    reference: 'IMP-1',
    createdAt: `${today}T12:00:00.000Z`,
    locale: 'en-CA',
    answers: { contactName: 'Test Prospect', contactEmail: 'test@example.com', ...answers },
    handoffRequested: false,
  });
}

/** The summary's instruction sentences that the lead's answers do not allow, with the rule each breaks. */
function violations(lead: Lead, today = TODAY): string[] {
  const found: string[] = [];
  for (const line of lead.summary.text.split('\n')) {
    for (const instruction of instructions) {
      const match = line.match(instruction.pattern);
      if (match && !instruction.allowed(lead.answers, today, match))
        found.push(`${instruction.name}: ${line.trim()}`);
    }
  }
  return found;
}

/** Status, family, removal and refusal answers drawn densely, so each instruction is met often. */
const statusAnswersArb: fc.Arbitrary<Answers> = fc.record(
  {
    inCanada: fc.boolean(),
    currentStatus: fc.constantFrom('visitor', 'student', 'worker', 'other' as const),
    statusExpiry: fc.integer({ min: -200, max: 200 }).map((days) => addDays(TODAY, days)),
    extensionFiled: fc.boolean(),
    extensionRefused: fc.boolean(),
    extensionRefusalDate: fc.integer({ min: -200, max: 0 }).map((days) => addDays(TODAY, days)),
    hasJobOffer: fc.boolean(),
    graduatedInCanada: fc.boolean(),
    spouseInCanada: fc.boolean(),
    spouseStatus: fc.constantFrom('worker', 'student', 'citizenOrPr', 'other' as const),
    spouseSponsorship: fc.boolean(),
    livingTogether: fc.boolean(),
    prStatus: fc.constantFrom('none', 'pnpApplied', 'nominated', 'prApplied' as const),
    prProgram: fc.constantFrom('cec', 'fsw', 'pnp', 'family', 'hongKong', 'other' as const),
    immigrationHistory: fc.boolean(),
    previousRefusal: fc.boolean(),
    refusalCountry: fc.constantFrom('US', 'GB', 'CA', 'AU'),
    refusalYear: fc.integer({ min: 2010, max: 2026 }),
    appliedToCanada: fc.boolean(),
    canadianApplicationYear: fc.integer({ min: 2010, max: 2026 }),
    removalOrder: fc.boolean(),
    removalOrderType: fc.constantFrom('deportation', 'exclusion', 'departure', 'notSure' as const),
    removalYear: fc.integer({ min: 2015, max: 2026 }),
    departureConfirmed: fc.boolean(),
  },
  { requiredKeys: [] },
);

describe('instruction sentences in the staff summary', () => {
  it('has a rule for each instruction it reads (the list is not empty)', () => {
    expect(instructions.length).toBeGreaterThanOrEqual(10);
  });

  it.each(profiles.map((profile) => [profile.name, profile.answers] as const))(
    'profile %s: every instruction is allowed by its answers',
    (_name, answers) => {
      expect(violations(leadOf(answers))).toEqual([]);
    },
  );

  it.each(screeningCases.map((testCase) => [testCase.name, testCase.answers] as const))(
    'case "%s": every instruction is allowed by its answers',
    (_name, answers) => {
      expect(violations(leadOf(answers))).toEqual([]);
    },
  );

  it('every instruction is allowed by the answers, over generated status, family and history facts', () => {
    fc.assert(
      fc.property(workerAnswersArb, statusAnswersArb, (base, status) => {
        expect(violations(leadOf({ ...base, ...status }))).toEqual([]);
      }),
      { numRuns: 400 },
    );
  });

  it('every instruction is allowed on any day, for any answers', () => {
    fc.assert(
      fc.property(workerAnswersArb, isoDateArb, (answers, today) => {
        const day = today < '2025-01-01' ? '2026-11-25' : today;
        expect(violations(leadOf(answers, day), day)).toEqual([]);
      }),
      { numRuns: 200 },
    );
  });
});
