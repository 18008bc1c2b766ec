import { isRelevant } from '../../src/intake/relevance';
import { stepCatalogue, stepIds, type Answers, type StepId } from '../../src/intake/steps';
import { buildLead, type Lead } from '../../src/screening';
import { screeningCases } from '../screening/cases';
import { profiles } from '../support/profiles';

/**
 * Every question must earn its place: for each step, its answer is changed on every realistic
 * profile and screening case where it is asked, and the lead is rebuilt. The parts of the lead
 * that change (streams, flags, pathways, urgency, priority, blockers, lawyer notes, summary lines)
 * are what read the step. A step that nothing reads fails the test, and so does a step that no
 * profile or case ever asks (it could not be checked).
 */

/** Consent is the permission to ask anything at all: it gates every question, not the triage. */
const notTriage = new Set<StepId>(['consent']);

const countries = ['US', 'MX', 'FR', 'GB', 'IN', 'PH', 'CA', 'KR', 'IS', 'GT'];

/** Answers of other shapes that some text-typed inputs store (NOC, business number, email). */
const otherShapes: unknown[] = [
  { noc: '60010', teer: 0 },
  { noc: '31301', teer: 1 },
  { teer: 4 },
  {},
  null,
  '987654321',
  'someone.else@example.com',
];

function alternatives(step: StepId, current: unknown): unknown[] {
  const input = stepCatalogue[step].input;
  return candidates(step, current).filter(
    (value) => JSON.stringify(value) !== JSON.stringify(current) && input.value.safeParse(value).success,
  );
}

function candidates(step: StepId, current: unknown): unknown[] {
  const input = stepCatalogue[step].input;
  switch (input.kind) {
    case 'yesno':
      return [!current];
    case 'choice':
      return (input.choices ?? []).filter((choice) => choice !== current);
    case 'country':
      return countries.filter((code) => code !== current);
    case 'number': {
      const n = typeof current === 'number' ? current : 0;
      return [0, 1, 5, 11, 12, 16, 30, 40, 2015, 2024, n + 1, n * 2 + 5].filter((value) => value !== n);
    }
    case 'date':
      return ['2026-11-01', '2026-12-10', '2027-01-10', '2027-06-01', '2024-01-01', '2026-07-01'].filter(
        (value) => value !== current,
      );
    case 'money':
      return [
        { amount: 20, per: 'hour' },
        { amount: 250000, per: 'year' },
      ];
    case 'phone':
      return [current === null ? '+16045550111' : null];
    default:
      return [`${String(current)} (changed)`, ...otherShapes];
  }
}

/** The parts of a lead that staff read, each under a name. */
function readout(lead: Lead): Map<string, string> {
  const { screening, summary } = lead;
  const parts = new Map<string, string>([
    ['streams', JSON.stringify(screening.streams)],
    ['flags', JSON.stringify(screening.admissibility.flags)],
    ['lawyer notes', JSON.stringify(screening.admissibility.notes)],
    ['pathways', JSON.stringify(screening.pathways)],
    ['urgency', JSON.stringify(screening.urgency)],
    ['priority', JSON.stringify(screening.priority)],
    ['blockers', JSON.stringify(screening.blockers)],
    ['contact', JSON.stringify(lead.contact)],
  ]);
  for (const line of summary.text.split('\n')) {
    const label = /^([A-Z][A-Za-z ]+):/.exec(line)?.[1];
    if (label && !['Why', 'Missing facts', 'To confirm (law)', 'Why not'].includes(label)) {
      parts.set(`summary: ${label}`, (parts.get(`summary: ${label}`) ?? '') + line);
    }
  }
  return parts;
}

function leadOf(answers: Answers): Lead | undefined {
  try {
    return buildLead({
      id: 'usage',
      reference: 'IMP-USAGE',
      createdAt: '2026-11-25T17:00:00.000Z',
      locale: 'en-CA',
      answers: { contactName: 'Pat Doe', contactEmail: 'pat@example.com', ...answers },
      handoffRequested: false,
    });
  } catch {
    return undefined;
  }
}

const bases: Answers[] = [
  ...profiles.map((profile) => profile.answers),
  ...screeningCases.map((testCase) => ({ consent: true, ...testCase.answers })),
];

function readersOf(step: StepId): { asked: number; readers: Set<string> } {
  const readers = new Set<string>();
  let asked = 0;
  for (const base of bases) {
    if (!isRelevant(step, base) || base[step] === undefined) continue;
    asked += 1;
    const before = leadOf(base);
    if (!before) continue;
    const original = readout(before);
    for (const value of alternatives(step, base[step])) {
      const after = leadOf({ ...base, [step]: value } as Answers);
      if (!after) continue;
      for (const [name, text] of readout(after)) if (original.get(name) !== text) readers.add(name);
      for (const name of original.keys()) if (!readout(after).has(name)) readers.add(name);
    }
    if (readers.size >= 3) break;
  }
  return { asked, readers };
}

describe('every question is read by a rule or a staff field', () => {
  const usage = new Map(stepIds.filter((id) => !notTriage.has(id)).map((id) => [id, readersOf(id)]));

  it.each([...usage.keys()])('%s', (step) => {
    const { asked, readers } = usage.get(step)!;
    expect({ step, askedSomewhere: asked > 0 }).toEqual({ step, askedSomewhere: true });
    expect({ step, readBy: readers.size > 0 ? 'something' : 'nothing' }).toEqual({
      step,
      readBy: 'something',
    });
  });

  afterAll(() => {
    if (process.env.STEP_USAGE_REPORT) {
      for (const [step, { readers }] of usage) console.log(`${step}: ${[...readers].join(', ')}`);
    }
  });
});
