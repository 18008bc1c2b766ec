import type { IntakeEngine, StoredConversation, TurnDependencies } from '../../src/intake/conversation';
import { matchLocale, type Locale } from '../../src/intake/flows';
import type { Redaction } from '../../src/intake/redaction';
import { activityToSend, type ReplayScript } from './script';

/** A message turn as the bare engine takes it: the state it starts from, the text, the locale. */
export interface EngineTurn {
  state: StoredConversation | undefined;
  text: string;
  locale: Locale;
}

/** The benchmarks' clock and ids: fixed, so that every run takes the same paths. */
export function benchDependencies(): TurnDependencies {
  let id = 0;
  return {
    now: () => new Date('2026-11-25T17:00:00.000Z'),
    newLeadId: () => `lead-${++id}`,
    newReference: () => 'IMP-2026-BNCH-0001',
  };
}

/**
 * Runs each script's prospect turns through the bare engine (no bot, no storage), each from the
 * state the last one left; `before`, if given, sees each message turn before it runs.
 */
export function runEngine(
  engine: IntakeEngine,
  scripts: ReplayScript[],
  redaction: Redaction,
  before?: (turn: EngineTurn) => void,
): void {
  const deps = benchDependencies();
  for (const script of scripts) {
    let state: StoredConversation | undefined;
    for (const turn of script.turns) {
      const sent = activityToSend(turn.user, redaction);
      const locale = matchLocale(sent.locale);
      if (sent.type === 'conversationUpdate') {
        state = (state ? engine.resume(state) : engine.start(locale)).state;
      } else if (sent.type === 'message') {
        const text = sent.text ?? '';
        before?.({ state, text, locale });
        state = engine.handle(state, text, deps, locale).state;
      }
    }
  }
}
