import { IntakeEngine, type StoredConversation } from '../../src/intake/conversation';
import { everyPathOutcome } from '../../tools/replay/model-paths';
import { buildLead, leadSchema } from '../../src/screening/lead';
import { flows } from '../support/talk';

/**
 * Every simple path of the machine to a final state — thousands — and the lead each submitted
 * one makes: the screening rules and the public lead contract must accept every combination of
 * answers the machine lets a prospect give. The answers come from walking the machine's graph;
 * one path in 40 is also typed as a prospect would (button titles, sample answers, in English and
 * French) and replayed through the conversation engine, which must give exactly those answers.
 * (The edge-covering paths are replayed with their replies by corpus.test.ts.)
 */
const SAMPLE_EVERY = 40;

describe('every simple path of the intake machine', () => {
  const { simplePaths, outcomes } = everyPathOutcome({ flows: flows(), describeEvery: SAMPLE_EVERY });
  const submitted = outcomes.filter((o) => o.end === 'submitted');

  it('is enumerated in full, ending submitted or declined', () => {
    expect(outcomes).toHaveLength(simplePaths);
    expect(simplePaths).toBeGreaterThan(1000);
    expect(submitted.length).toBeGreaterThan(1000);
    expect(outcomes.some((o) => o.end === 'declined')).toBe(true);
  });

  it('yields a lead the contract accepts on every submitted path', () => {
    const failures: string[] = [];
    const checked = new Set<string>();
    for (const outcome of submitted) {
      const key = JSON.stringify(outcome.answers);
      if (checked.has(key)) continue;
      checked.add(key);
      const lead = buildLead({
        id: 'lead-path',
        reference: 'IMP-2026-PATH-0001',
        createdAt: '2026-11-25T17:00:00.000Z',
        locale: outcome.index % 2 ? 'fr-CA' : 'en-CA',
        answers: outcome.answers,
        handoffRequested: false,
      });
      const result = leadSchema.safeParse(lead);
      if (!result.success) failures.push(`path ${outcome.index + 1}: ${result.error.message}`);
    }
    expect(failures.slice(0, 5)).toEqual([]);
    expect(checked.size).toBeGreaterThan(100);
  });

  it('gives the same answers through the engine, typed, on a sample of paths', () => {
    const engine = new IntakeEngine(flows());
    const deps = {
      now: () => new Date('2026-11-25T17:00:00.000Z'),
      newLeadId: () => 'lead-path',
      newReference: () => 'IMP-2026-PATH-0001',
    };
    const sample = outcomes.filter((o) => o.path);
    expect(sample.length).toBeGreaterThanOrEqual(Math.floor(simplePaths / SAMPLE_EVERY));
    const mismatches: string[] = [];
    for (const { path, answers, end } of sample) {
      let state: StoredConversation | undefined;
      let given: unknown;
      for (const [turn, message] of path!.messages.entries()) {
        const result = engine.handle(state, message, deps, path!.locale);
        state = result.state;
        const at = result.position.kind === 'step' ? result.position.step : result.position.kind;
        if (at !== path!.positions[turn]) {
          mismatches.push(
            `${path!.name} turn ${turn}: "${message}" led to ${at}, expected ${path!.positions[turn]}`,
          );
          break;
        }
        if (result.submitted) given = result.submitted.answers;
      }
      if (end === 'submitted' && JSON.stringify(given) !== JSON.stringify(answers))
        mismatches.push(`${path!.name}: the engine submitted ${JSON.stringify(given)}`);
    }
    expect(mismatches.slice(0, 5)).toEqual([]);
  });
});
