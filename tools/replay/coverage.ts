import { createActor, type AnyStateNode, type InspectionEvent } from 'xstate';
import type { IntakeEngine, StoredConversation } from '../../src/intake/conversation';
import type { Flows, Locale } from '../../src/intake/flows';
import { interpret } from '../../src/intake/interpret';
import {
  positionOf,
  type Catalogue,
  type IntakeEvent,
  type IntakeMachine,
  type IntakeSnapshot,
} from '../../src/intake/machine';
import { stepCatalogue } from '../../src/intake/steps';
import { SAMPLE_DAY } from './sample-day';

/**
 * Which states and transitions of the intake machine a set of replayed conversations exercised.
 *
 * A state counts as reached when the bot stopped there: a reply asked its question (or announced
 * the review, the restart confirmation, the submission or the decline). Transitions are the
 * machine's own transition definitions — answers, skips of questions that do not apply, back,
 * change, restart — observed by running each turn's event through an inspected actor.
 */

export interface MachineTransition {
  id: string;
  source: string;
  event: string;
  targets: string[];
}

/** What a coverage collector saw, to be merged with other collectors' (one per worker thread). */
export interface CoverageState {
  reached: string[];
  fired: string[];
}

export interface CoverageReport {
  states: { total: number; covered: number; missing: string[] };
  transitions: { total: number; covered: number; missing: string[] };
}

interface TransitionDefinitionLike {
  source: AnyStateNode;
  target?: readonly AnyStateNode[];
  eventType: string;
}

/** Every state a conversation can stop at (question, review, restart confirmation, final states). */
export function machineStates(machine: IntakeMachine): { id: string; position: string }[] {
  const states: { id: string; position: string }[] = [];
  const visit = (node: AnyStateNode) => {
    const children = Object.values(node.states) as AnyStateNode[];
    if (children.length === 0 && node.type !== 'history') {
      const meta = node.meta as { step?: string } | undefined;
      const tag = ['review', 'confirmRestart', 'submitted', 'declined'].find((t) => node.tags.includes(t));
      const position = meta?.step ?? tag;
      if (position) states.push({ id: node.id, position });
    }
    children.forEach(visit);
  };
  visit(machine.root);
  return states;
}

function describeTransitions(machine: IntakeMachine): Map<TransitionDefinitionLike, MachineTransition> {
  const found = new Map<TransitionDefinitionLike, MachineTransition>();
  const add = (definition: TransitionDefinitionLike, index: number) => {
    const source = definition.source.id;
    const event = definition.eventType === '' ? 'always' : definition.eventType;
    const targets = (definition.target ?? []).map((t) => t.id);
    const label = `${source} —${event}${index > 0 ? `#${index + 1}` : ''}→ ${targets.join(', ') || '(stays)'}`;
    found.set(definition, { id: label, source, event, targets });
  };
  const visit = (node: AnyStateNode) => {
    for (const definitions of node.transitions.values()) {
      (definitions as TransitionDefinitionLike[]).forEach(add);
    }
    ((node.always ?? []) as TransitionDefinitionLike[]).forEach(add);
    (Object.values(node.states) as AnyStateNode[]).forEach(visit);
  };
  visit(machine.root);
  return found;
}

export class MachineCoverage {
  private readonly states: { id: string; position: string }[];
  private readonly transitions: Map<TransitionDefinitionLike, MachineTransition>;
  private readonly reached = new Set<string>();
  private readonly fired = new Set<string>();

  constructor(
    private readonly engine: IntakeEngine,
    private readonly flows: Flows,
    private readonly catalogue: Catalogue = stepCatalogue,
  ) {
    this.states = machineStates(engine.machine);
    this.transitions = describeTransitions(engine.machine);
  }

  /** A bot reply stopped at this position (`channelData.intake.step`). */
  reachedPosition(position: string | undefined): void {
    if (position) this.reached.add(position);
  }

  /**
   * Replays one turn of the engine on an inspected actor to see which transitions it takes.
   * `stored` is the conversation before the turn (undefined for a new one).
   */
  observeTurn(
    stored: StoredConversation | undefined,
    activity: { type: string; text?: string; locale?: string },
  ) {
    const locale: Locale = activity.locale?.toLowerCase().startsWith('fr') ? 'fr-CA' : 'en-CA';
    if (!stored) {
      if (activity.type === 'message' || activity.type === 'conversationUpdate')
        this.run(undefined, undefined, locale);
      return;
    }
    if (activity.type !== 'message') return;
    const { snapshot } = this.engine.restore(stored);
    const reading = interpret(activity.text ?? '', positionOf(snapshot), {
      flows: this.flows,
      locale: snapshot.context.locale,
      catalogue: this.catalogue,
      reviewSteps: () => this.engine.reviewSteps(snapshot.context.answers),
      reading: { today: SAMPLE_DAY, answers: snapshot.context.answers },
    });
    switch (reading.kind) {
      case 'event':
        this.run(snapshot, reading.event, locale);
        break;
      case 'submit':
        this.run(
          snapshot,
          {
            type: 'SUBMIT',
            leadId: 'coverage',
            reference: 'IMP-0000-0000-0000',
            submittedAt: new Date(0).toISOString(),
          },
          locale,
        );
        break;
      case 'startAgain':
        this.run(undefined, undefined, snapshot.context.locale);
        break;
      default:
        break;
    }
  }

  state(): CoverageState {
    return { reached: [...this.reached], fired: [...this.fired] };
  }

  merge(state: CoverageState): void {
    state.reached.forEach((position) => this.reached.add(position));
    state.fired.forEach((id) => this.fired.add(id));
  }

  report(): CoverageReport {
    const missingStates = this.states.filter((s) => !this.reached.has(s.position)).map((s) => s.id);
    const all = [...this.transitions.values()];
    const missingTransitions = all.filter((t) => !this.fired.has(t.id)).map((t) => t.id);
    return {
      states: {
        total: this.states.length,
        covered: this.states.length - missingStates.length,
        missing: missingStates,
      },
      transitions: {
        total: all.length,
        covered: all.length - missingTransitions.length,
        missing: missingTransitions,
      },
    };
  }

  private run(snapshot: IntakeSnapshot | undefined, event: IntakeEvent | undefined, locale: Locale): void {
    const inspect = (inspection: InspectionEvent) => {
      if (inspection.type !== '@xstate.microstep') return;
      for (const definition of inspection._transitions as unknown as TransitionDefinitionLike[]) {
        const known = this.transitions.get(definition);
        if (known) this.fired.add(known.id);
      }
    };
    const actor = snapshot
      ? createActor(this.engine.machine, { snapshot, input: {}, inspect })
      : createActor(this.engine.machine, { input: { locale }, inspect });
    actor.start();
    if (event) actor.send(event);
    actor.stop();
  }
}

export function formatCoverage(report: CoverageReport): string {
  const percent = (covered: number, total: number) =>
    total === 0 ? 100 : Math.round((covered / total) * 1000) / 10;
  const lines = [
    `states reached: ${report.states.covered}/${report.states.total} (${percent(report.states.covered, report.states.total)}%)`,
    `transitions taken: ${report.transitions.covered}/${report.transitions.total} (${percent(report.transitions.covered, report.transitions.total)}%)`,
  ];
  if (report.states.missing.length)
    lines.push(`states no conversation reaches: ${report.states.missing.join(', ')}`);
  return lines.join('\n');
}
