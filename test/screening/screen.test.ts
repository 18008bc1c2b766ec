import { relevantAnswers } from '../../src/intake/relevance';
import type { Answers } from '../../src/intake/steps';
import {
  buildLead,
  RULES_VERSION,
  screen,
  screeningSchema,
  type Lead,
  type Screening,
} from '../../src/screening';
import { screeningCases } from './cases';
import { TODAY, worker, workerWithOffer } from './fixtures';

function screened(answers: Parameters<typeof screen>[0], handoffRequested = false): Screening {
  // Screened as buildLead does: only the answers that matter on the path taken.
  return screen(relevantAnswers(answers), { today: TODAY, handoffRequested });
}

/** The lead staff get, built as the bot builds it on the screening day. */
function leadOf(answers: Answers, handoffRequested = false): Lead {
  return buildLead({
    id: 'lead-1',
    reference: 'IMP-1',
    createdAt: `${TODAY}T12:00:00.000Z`,
    locale: 'en-CA',
    answers: { contactName: 'Test Prospect', contactEmail: 'test@example.com', ...answers },
    handoffRequested,
  });
}

function textOf(entry: { reasons: string[]; missing: string[] }): string {
  return [...entry.reasons, ...entry.missing].join('\n');
}

describe('screening cases', () => {
  it('has at least 40 cases, each naming its reference section', () => {
    expect(screeningCases.length).toBeGreaterThanOrEqual(40);
    for (const testCase of screeningCases) expect(testCase.ref).toMatch(/^§\d/);
  });

  it.each(screeningCases.map((testCase) => [`${testCase.name} (${testCase.ref})`, testCase] as const))(
    '%s',
    (_name, { answers, handoffRequested, expect: want }) => {
      const result = screened(answers, handoffRequested);
      expect(screeningSchema.parse(result)).toEqual(result);
      const byCode = new Map(result.streams.map((stream) => [stream.code, stream]));

      for (const [code, fit] of Object.entries(want.streams ?? {})) {
        if (fit === 'absent') expect(byCode.has(code)).toBe(false);
        else expect({ code, fit: byCode.get(code)?.fit }).toEqual({ code, fit });
      }
      for (const [code, pattern] of Object.entries(want.streamText ?? {})) {
        const stream = byCode.get(code);
        expect(stream).toBeDefined();
        expect(textOf(stream!)).toMatch(pattern);
      }
      if (want.onlyStreams) expect([...byCode.keys()].sort()).toEqual([...want.onlyStreams].sort());
      if (want.noExemptStreamEvident !== undefined) {
        expect(result.noExemptStreamEvident).toBe(want.noExemptStreamEvident);
      }

      const { flags, needsLawyerReview } = result.admissibility;
      if (want.flags) {
        expect(flags.map((flag) => flag.ground).sort()).toEqual([...want.flags].sort());
        if (want.needsLawyerReview === undefined)
          expect(needsLawyerReview).toBe(want.flags.some((ground) => ground !== 'medical-exam'));
      }
      if (want.needsLawyerReview !== undefined) expect(needsLawyerReview).toBe(want.needsLawyerReview);
      if (want.blockers) expect(result.blockers.join('\n')).toMatch(want.blockers);
      if (want.noBlocker) for (const blocker of result.blockers) expect(blocker).not.toMatch(want.noBlocker);
      if (want.nowhere) expect(JSON.stringify(result)).not.toMatch(want.nowhere);
      if (want.notes) expect(result.admissibility.notes.join('\n')).toMatch(want.notes);
      if (want.criminalitySerious !== undefined) {
        const criminality = flags.find((flag) => flag.ground === 'criminality');
        expect(criminality?.serious).toBe(
          want.criminalitySerious === 'unset' ? undefined : want.criminalitySerious,
        );
      }
      if (want.flagNote) {
        const flag = flags.find((candidate) => candidate.ground === want.flagNote?.ground);
        expect(flag?.note).toMatch(want.flagNote.pattern);
      }

      for (const pathway of want.pathways ?? []) {
        const found = result.pathways.filter(
          (candidate) =>
            candidate.program === pathway.program &&
            (pathway.stream === undefined || candidate.stream === pathway.stream),
        );
        if (pathway.fit === 'absent') {
          expect(found).toEqual([]);
          continue;
        }
        expect(found.map((candidate) => candidate.fit)).toEqual([pathway.fit]);
        if (pathway.text) expect(textOf(found[0]!)).toMatch(pathway.text);
      }

      if (want.urgency) {
        expect(result.urgency.level).toBe(want.urgency.level);
        if (want.urgency.deadline !== undefined) {
          expect(result.urgency.deadline).toBe(want.urgency.deadline ?? undefined);
        }
        if (want.urgency.reason) expect(result.urgency.reason).toMatch(want.urgency.reason);
      }
      if (want.priority) expect(result.priority.level).toBe(want.priority);
      if (want.summary) expect(leadOf(answers, handoffRequested).summary.text).toMatch(want.summary);
      if (want.notInSummary)
        expect(leadOf(answers, handoffRequested).summary.text).not.toMatch(want.notInSummary);
    },
  );
});

describe('screen', () => {
  it('stamps the rules version', () => {
    expect(screened(worker()).rulesVersion).toBe(RULES_VERSION);
  });

  it('lists likely streams before possible ones and unlikely ones last', () => {
    const fits = screened(
      workerWithOffer({
        citizenship: 'GB',
        residenceCountry: 'GB',
        age: 38,
        frenchAbility: 'advanced',
        languageTest: 'tefCanada',
        languageLevel: 7,
        languageTestDate: '2026-03-01',
      }),
    ).streams.map((stream) => stream.fit);
    expect(fits).toEqual(
      [...fits].sort(
        (a, b) =>
          ['likely', 'possible', 'unlikely'].indexOf(a) - ['likely', 'possible', 'unlikely'].indexOf(b),
      ),
    );
    expect(fits).toContain('unlikely');
    expect(fits[0]).toBe('likely');
  });

  it('gives the reasons for a priority, and says why a lead is low', () => {
    const low = screened(worker()).priority;
    expect(low).toEqual({ level: 'low', reasons: [expect.stringMatching(/no deadline/)] });
    const medium = screened(
      workerWithOffer({ citizenship: 'US', cusmaProfession: 'engineer' }),
      true,
    ).priority;
    expect(medium).toEqual({ level: 'medium', reasons: ['likely stream: T36', 'asked to talk to staff'] });
  });

  it('reads offer answers when the offer question itself is unanswered, and ignores them after a "no"', () => {
    const { hasJobOffer: _dropped, ...withoutGate } = workerWithOffer({ citizenship: 'US' });
    const codes = (answers: Answers) =>
      screen(answers, { today: TODAY }).streams.map((stream) => stream.code);
    expect(codes(withoutGate)).toContain('T36');
    expect(codes({ ...withoutGate, hasJobOffer: false })).not.toContain('T36');
  });

  it('reads an employer lead from its answers when the role step is missing', () => {
    const result = screen(
      { employerWorkerCitizenship: 'US', employerNoc: { teer: 1 }, employerProvince: 'BC' },
      { today: TODAY },
    );
    expect(result.streams.map((stream) => stream.code)).toContain('T36');
    expect(result.priority.reasons).toContain('employer lead');
  });

  it('never suggests a closed BC PNP graduate stream as open', () => {
    const result = screened(
      workerWithOffer({
        goalType: 'permanent',
        goalProvince: 'BC',
        inCanada: true,
        currentStatus: 'student',
        statusExpiry: '2027-05-01',
        graduatedInCanada: true,
        programCredential: 'bachelor',
        programLength: '24MonthsPlus',
        graduationDate: '2026-10-01',
        hadPgwp: false,
      }),
    );
    const bc = result.pathways.filter((pathway) => pathway.program === 'BC-PNP');
    expect(bc.length).toBeGreaterThan(0);
    for (const pathway of bc) expect(pathway.stream).not.toMatch(/graduate/i);
    expect(bc.map(textOf).join('\n')).toMatch(/International Post-Graduate \(closed Jan 7, 2025\)/);
  });
});
