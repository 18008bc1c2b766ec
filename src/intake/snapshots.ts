import { createHash } from 'node:crypto';
import { createActor, type AnyActorScope, type Snapshot } from 'xstate';
import {
  createIntakeMachine,
  positionOf,
  type Catalogue,
  type IntakeContext,
  type IntakeEvent,
  type IntakeMachine,
  type IntakeSnapshot,
} from './machine';
import type { Locale } from './flows';
import { firstUnansweredStep } from './relevance';

/**
 * How a conversation's place in the machine is kept between turns: run a transition, persist the
 * snapshot, restore it, and resume a snapshot of an older questionnaire at its first unanswered step.
 */

/** What a conversation stores between turns. */
export interface StoredConversation {
  flowVersion: string;
  snapshot: Snapshot<unknown>;
  /**
   * How many questions the conversation has asked: each question's buttons carry the turn it was
   * asked on, so a button of an earlier question cannot answer the current one. Absent before any.
   */
  turn?: number;
  /** Submitted, and asked whether they want a copy of their answers by email: the answer is due. */
  copyOffered?: boolean;
}

/** Bump when the machine's states change shape (not its steps): stored snapshots then migrate. */
const MACHINE_REVISION = 1;

/** A fingerprint of the questionnaire: it changes whenever a step is added, removed or reshaped. */
export function flowVersionOf(catalogue: Catalogue): string {
  const shape = Object.entries(catalogue).map(([id, s]) => [
    id,
    s.section,
    s.when ?? '',
    s.input.kind,
    s.input.choices ?? [],
  ]);
  return createHash('sha256')
    .update(JSON.stringify([MACHINE_REVISION, shape]))
    .digest('hex')
    .slice(0, 12);
}

/**
 * What the machine's pure transitions run in, made once per engine. XState's `transition()` and
 * `initialTransition()` build a new actor on every call, and an actor's constructor computes the
 * machine's initial state: with every question a state that skips itself, that was a second
 * transition on every turn (measured: 60 of the engine's 90 µs a turn went to transitions, 21
 * after). The machine invokes no actor and has no action but `assign` (test/intake/machine.test.ts
 * checks both), so a shared scope carries nothing between conversations: its deferred work,
 * emitted events and executed actions all go nowhere.
 */
function inertScope(machine: IntakeMachine): AnyActorScope {
  const self = createActor(machine, { input: {} });
  return {
    self,
    id: '',
    sessionId: '',
    system: self.system,
    logger: () => {},
    defer: () => {},
    emit: () => {},
    stopChild: () => {},
    actionExecutor: () => {},
  };
}

export class Snapshots {
  readonly machine: IntakeMachine;
  readonly flowVersion: string;
  /**
   * The key under which a persisted snapshot handed out carries the live one behind it, while
   * that object lives: a store that keeps objects in memory (the file store's cache, replays,
   * tests) then skips restoring it on the next turn. A symbol of this instance's own, in a
   * property that is not enumerable: JSON, spreads, copies and deep freezes do not see it (a copy
   * is restored as any stored snapshot is), and another engine's machine never finds it. Not a
   * WeakMap: a weak collection's entries with young keys are work for every scavenge (with the
   * bot's own-activity marks, 1–4% of a turn's CPU under load: docs/performance.md).
   */
  private readonly live = Symbol('live snapshot');
  private readonly scope: AnyActorScope;

  constructor(private readonly catalogue: Catalogue) {
    this.machine = createIntakeMachine(catalogue);
    this.scope = inertScope(this.machine);
    this.flowVersion = flowVersionOf(catalogue);
  }

  run(snapshot: IntakeSnapshot | undefined, event: IntakeEvent | undefined, locale?: Locale): IntakeSnapshot {
    const from = snapshot ?? this.machine.getInitialSnapshot(this.scope, { locale });
    return event ? this.machine.transition(from, event, this.scope) : from;
  }

  persist(snapshot: IntakeSnapshot): Snapshot<unknown> {
    const persisted = this.machine.getPersistedSnapshot(snapshot);
    Object.defineProperty(persisted, this.live, { value: snapshot });
    return persisted;
  }

  /** The persisted snapshot, or the resume point of an older flow: answers kept, first unanswered step. */
  restore(stored: StoredConversation): { snapshot: IntakeSnapshot; migrated: boolean } {
    if (stored.flowVersion === this.flowVersion) {
      try {
        const snapshot =
          (stored.snapshot as unknown as Record<symbol, IntakeSnapshot | undefined>)[this.live] ??
          this.machine.restoreSnapshot(stored.snapshot as IntakeSnapshot, this.scope);
        positionOf(snapshot); // throws when the snapshot names no state of this machine
        return { snapshot, migrated: false };
      } catch {
        // A snapshot this machine cannot restore is resumed like one from an older flow.
      }
    }
    const old = stored.snapshot as unknown as {
      status?: string;
      value?: unknown;
      context?: Partial<IntakeContext>;
    };
    const context = this.migrateContext(old.context ?? {});
    const finalState = old.status === 'done' && typeof old.value === 'string' ? old.value : undefined;
    const next = firstUnansweredStep(context.answers, this.catalogue);
    const target = finalState ?? (next ? this.statePath(next) : { questions: 'review' });
    return { snapshot: this.machine.resolveState({ value: target as never, context }), migrated: true };
  }

  private migrateContext(old: Partial<IntakeContext>): IntakeContext {
    const answers: Record<string, unknown> = {};
    for (const [step, value] of Object.entries(old.answers ?? {})) {
      const definition = this.catalogue[step];
      if (definition && definition.input.value.safeParse(value).success) answers[step] = value;
    }
    return {
      locale: old.locale ?? 'en-CA',
      answers: answers as IntakeContext['answers'],
      direction: 'forward',
      handoffRequested: old.handoffRequested ?? false,
      ...(old.handoffAwaitsContact ? { handoffAwaitsContact: true } : {}),
      submission: old.submission,
    };
  }

  private statePath(step: string): unknown {
    return { questions: { [this.catalogue[step]!.section]: step } };
  }
}
