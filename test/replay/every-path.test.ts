import { IntakeEngine, type StoredConversation } from '../../src/intake/conversation';
import { generateModelPaths } from '../../tools/replay/model-paths';
import { leadSchema, buildLead } from '../../src/screening/lead';
import { flows } from '../support/talk';

/**
 * Conversations that together take every transition of the machine (the graph has millions of
 * simple paths since the questions follow the rules, too many to enumerate), typed as a prospect
 * would (button titles, sample answers, in English and French) and replayed through the
 * conversation engine: after every message the bot must be at the question the machine predicts,
 * and every submitted path must yield a lead that the public contract accepts.
 */
describe('every transition of the intake machine', () => {
  const model = generateModelPaths({ flows: flows() });

  it('covers every edge of the graph with paths to a final state', () => {
    expect(model.paths.length).toBeGreaterThan(100);
    expect(model.simplePaths).toBeGreaterThan(model.paths.length);
  });

  it('replays to the predicted question after every message, ending submitted or declined', () => {
    const engine = new IntakeEngine(flows());
    const deps = {
      now: () => new Date('2026-11-25T17:00:00.000Z'),
      newLeadId: () => 'lead-path',
      newReference: () => 'IMP-2026-PATH-0001',
    };
    const mismatches: string[] = [];
    const endings = new Map<string, number>();
    const visited = new Set<string>();
    for (const path of model.paths) {
      let state: StoredConversation | undefined;
      for (const [turn, message] of path.messages.entries()) {
        const result = engine.handle(state, message, deps, path.locale);
        state = result.state;
        const at = result.position.kind === 'step' ? result.position.step : result.position.kind;
        visited.add(at);
        if (at !== path.positions[turn]) {
          mismatches.push(
            `${path.name} turn ${turn}: "${message}" led to ${at}, expected ${path.positions[turn]}`,
          );
          break;
        }
        if (result.submitted) {
          const { submission, answers, locale, handoffRequested } = result.submitted;
          const lead = buildLead({
            id: submission.leadId,
            reference: submission.reference,
            createdAt: submission.submittedAt,
            locale,
            answers,
            handoffRequested,
          });
          leadSchema.parse(lead);
        }
      }
      const end = path.positions.at(-1)!;
      endings.set(end, (endings.get(end) ?? 0) + 1);
    }
    expect(mismatches.slice(0, 5)).toEqual([]);
    expect([...endings.keys()].sort()).toEqual(['declined', 'submitted']);
    process.stdout.write(
      `every transition: ${model.paths.length} conversations replayed (${endings.get('submitted')} submitted, ` +
        `${endings.get('declined')} declined), ${visited.size} positions visited\n`,
    );
  }, 240_000);
});
