import { createActor } from 'xstate';
import { locales, type Flows, type Locale } from '../../src/intake/flows';
import { interpret } from '../../src/intake/interpret';
import {
  createIntakeMachine,
  positionOf,
  type Catalogue,
  type IntakeEvent,
  type IntakeMachine,
  type IntakeSnapshot,
  type Position,
} from '../../src/intake/machine';
import { relevance } from '../../src/intake/relevance';
import { stepCatalogue, type Answers, type RelevanceName } from '../../src/intake/steps';
import { Redaction } from '../../src/intake/redaction';
import { SAMPLE_DAY } from './sample-day';

/**
 * Model-based conversations: a walk of the intake machine from the first question to a final
 * state (submitted or declined), one conversation per path.
 *
 * A graph node is a question together with the relevance facts that hold at that point (the
 * machine's guards read only those facts, so two conversations at the same question with the
 * same facts have the same future). At each question, the candidate answers — every choice,
 * yes and no, skip when allowed, one sample for typed inputs (two for numbers, which some facts
 * compare with zero) — are grouped by the node they lead to, and one answer per group is kept.
 * The review is always confirmed.
 *
 * The number of simple paths from the start to a final state grows as the product of the
 * independent branches (in the thousands), so the generator keeps a covering subset: paths are
 * added until every edge of the graph — every answer group at every node — is on one of them.
 */

export interface ModelPath {
  name: string;
  locale: Locale;
  /** What the prospect types, the greeting first. */
  messages: string[];
  /** Where the bot should be after each message (a step id, 'review', 'submitted', 'declined'). */
  positions: string[];
  /** The answers that chose a branch, as "step=value". */
  branches: string[];
}

export interface PathModel {
  nodes: number;
  edges: number;
  /** How many simple paths from the start to a final state the graph has. */
  simplePaths: number;
  paths: ModelPath[];
}

interface Node {
  key: string;
  snapshot: IntakeSnapshot;
  position: Position;
  out: Edge[];
  order: number;
}

interface Edge {
  id: number;
  from: Node;
  to: Node;
  event: IntakeEvent;
  /** The text typed for a typed input (choices and yes/no are typed from the flows). */
  text?: string;
}

const relevanceNames = Object.keys(relevance) as RelevanceName[];
const positionName = (position: Position) => (position.kind === 'step' ? position.step : position.kind);
const isFinal = (position: Position) => position.kind === 'submitted' || position.kind === 'declined';

const submitEvent: IntakeEvent = {
  type: 'SUBMIT',
  leadId: 'model',
  reference: 'IMP-0000-0000-0000',
  submittedAt: '2026-01-15T17:00:00.000Z',
};

export interface PathModelOptions {
  flows: Flows;
  catalogue?: Catalogue;
  machine?: IntakeMachine;
  /** The locales the paths alternate between (English first). */
  locales?: readonly Locale[];
  /** Every simple path to a final state instead of the edge-covering subset (thousands). */
  every?: boolean;
}

/** Each fact with the facts its guard reads (`relevance.name(`), transitively. */
function factDependencies(): Map<RelevanceName, Set<RelevanceName>> {
  const direct = new Map(
    relevanceNames.map((name) => [
      name,
      relevanceNames.filter((other) => relevance[name].toString().includes(`relevance.${other}(`)),
    ]),
  );
  const closure = new Map<RelevanceName, Set<RelevanceName>>();
  const visit = (name: RelevanceName): Set<RelevanceName> => {
    const known = closure.get(name);
    if (known) return known;
    const found = new Set<RelevanceName>([name]);
    closure.set(name, found);
    for (const other of direct.get(name) ?? []) for (const dep of visit(other)) found.add(dep);
    return found;
  };
  for (const name of relevanceNames) visit(name);
  return closure;
}

export function generateModelPaths(options: PathModelOptions): PathModel {
  const { catalogue, root, order, nodes, edgeCount } = buildGraph(options);
  const simplePaths = countPaths(order);
  const edgePaths = options.every ? everyPath(root) : coveringPaths(root, order, edgeCount);
  const pathLocales = options.locales ?? locales;
  const paths = edgePaths.map((edges, index) => {
    const locale = pathLocales[index % pathLocales.length]!;
    return describePath(edges, index, locale, options.flows, catalogue);
  });
  return { nodes: nodes.size, edges: edgeCount, simplePaths, paths };
}

/** Where one simple path ends, and the answers it gave on the way. */
export interface PathOutcome {
  index: number;
  end: 'submitted' | 'declined';
  answers: Answers;
  /** The conversation typed, for the paths `describeEvery` picks. */
  path?: ModelPath;
}

/**
 * Every simple path's ending and answers, walked on the graph without typing each conversation
 * (thousands of paths in well under a second). Every `describeEvery`-th path (the first
 * included) also comes typed, to replay through the engine and check that it gives those answers.
 */
export function everyPathOutcome(options: Omit<PathModelOptions, 'every'> & { describeEvery?: number }): {
  simplePaths: number;
  outcomes: PathOutcome[];
} {
  const { catalogue, root, order } = buildGraph(options);
  const pathLocales = options.locales ?? locales;
  const outcomes: PathOutcome[] = [];
  const taken: Edge[] = [];
  const walk = (node: Node, answers: Answers) => {
    if (isFinal(node.position)) {
      const index = outcomes.length;
      const described = options.describeEvery !== undefined && index % options.describeEvery === 0;
      const locale = pathLocales[index % pathLocales.length]!;
      outcomes.push({
        index,
        end: node.position.kind === 'submitted' ? 'submitted' : 'declined',
        answers,
        path: described ? describePath(taken, index, locale, options.flows, catalogue) : undefined,
      });
      return;
    }
    for (const edge of node.out) {
      taken.push(edge);
      const event = edge.event;
      walk(
        edge.to,
        event.type === 'ANSWER' ? ({ ...answers, [event.step]: event.value } as Answers) : answers,
      );
      taken.pop();
    }
  };
  walk(root, {} as Answers);
  return { simplePaths: countPaths(order), outcomes };
}

function buildGraph(options: PathModelOptions) {
  const catalogue: Catalogue = options.catalogue ?? stepCatalogue;
  const machine = options.machine ?? createIntakeMachine(catalogue);
  const redaction = new Redaction(options.flows, catalogue);
  // The facts a question and the ones after it are asked on, with every fact their guards combine
  // (a guard may join an earlier answer with a later one): facts no guard ahead reads no longer matter.
  const stepIds = Object.keys(catalogue);
  const dependencies = factDependencies();
  const factsFrom = new Map<string, RelevanceName[]>(
    stepIds.map((step, i) => {
      const ahead = new Set<RelevanceName>();
      for (const id of stepIds.slice(i)) {
        const when = catalogue[id]!.when;
        if (when) for (const name of dependencies.get(when) ?? [when]) ahead.add(name);
      }
      return [step, relevanceNames.filter((name) => ahead.has(name))];
    }),
  );
  const keyOf = (snapshot: IntakeSnapshot) => {
    const answers = snapshot.context.answers as Answers;
    const position = positionName(positionOf(snapshot));
    const facts = (factsFrom.get(position) ?? [])
      .map((name) => (relevance[name](answers) ? '1' : '0'))
      .join('');
    return `${position}|${facts}`;
  };

  const nodes = new Map<string, Node>();
  const nodeOf = (snapshot: IntakeSnapshot): Node => {
    const key = keyOf(snapshot);
    let node = nodes.get(key);
    if (!node) {
      node = { key, snapshot, position: positionOf(snapshot), out: [], order: nodes.size };
      nodes.set(key, node);
    }
    return node;
  };
  const next = (snapshot: IntakeSnapshot, event: IntakeEvent): IntakeSnapshot => {
    const actor = createActor(machine, { snapshot, input: {} });
    actor.start();
    actor.send(event);
    const after = actor.getSnapshot();
    actor.stop();
    return after;
  };

  const root = nodeOf(createActor(machine, { input: { locale: 'en-CA' } }).getSnapshot());
  const queue = [root];
  let edgeCount = 0;
  while (queue.length) {
    const node = queue.shift()!;
    if (isFinal(node.position)) continue;
    const candidates =
      node.position.kind === 'review'
        ? [{ event: submitEvent }]
        : node.position.kind === 'step'
          ? answerCandidates(node.position.step, catalogue, redaction, options.flows)
          : [];
    const seen = new Set<string>();
    for (const candidate of candidates) {
      const after = next(node.snapshot, candidate.event);
      const key = keyOf(after);
      if (seen.has(key)) continue;
      seen.add(key);
      const known = nodes.has(key);
      const target = nodeOf(after);
      node.out.push({
        id: edgeCount++,
        from: node,
        to: target,
        event: candidate.event,
        text: candidate.text,
      });
      if (!known) queue.push(target);
    }
  }

  return { catalogue, root, order: topologicalOrder(root), nodes, edgeCount };
}

/** The answers worth trying at a question: every value that could lead somewhere different. */
function answerCandidates(
  step: string,
  catalogue: Catalogue,
  redaction: Redaction,
  flows: Flows,
): { event: IntakeEvent; text?: string }[] {
  const input = catalogue[step]!.input;
  const answer = (value: unknown, text?: string) => ({
    event: { type: 'ANSWER', step, value } as IntakeEvent,
    text,
  });
  const candidates: { event: IntakeEvent; text?: string }[] = [];
  if (input.kind === 'yesno') candidates.push(answer(true), answer(false));
  else if (input.kind === 'choice') candidates.push(...(input.choices ?? []).map((value) => answer(value)));
  else {
    const texts = [redaction.sampleAnswer(step)];
    if (input.kind === 'number') texts.push('0');
    for (const text of texts) {
      const reading = readAt(step, text, flows, catalogue);
      if (reading !== undefined) candidates.push(answer(reading, text));
    }
  }
  if (input.optional) candidates.push(answer(null));
  return candidates;
}

function readAt(step: string, text: string, flows: Flows, catalogue: Catalogue): unknown {
  const reading = interpret(
    text,
    { kind: 'step', step },
    { flows, locale: 'en-CA', catalogue, reviewSteps: () => [], reading: { today: SAMPLE_DAY, answers: {} } },
  );
  return reading.kind === 'event' && reading.event.type === 'ANSWER' ? reading.event.value : undefined;
}

function topologicalOrder(root: Node): Node[] {
  const order: Node[] = [];
  const state = new Map<Node, 'visiting' | 'done'>();
  const visit = (node: Node) => {
    const seen = state.get(node);
    if (seen === 'done') return;
    if (seen === 'visiting') throw new Error(`the answer graph has a cycle at ${node.key}`);
    state.set(node, 'visiting');
    for (const edge of node.out) visit(edge.to);
    state.set(node, 'done');
    order.push(node);
  };
  visit(root);
  return order.reverse();
}

function countPaths(order: Node[]): number {
  const count = new Map<Node, number>();
  for (const node of [...order].reverse()) {
    count.set(node, isFinal(node.position) ? 1 : node.out.reduce((sum, e) => sum + count.get(e.to)!, 0));
  }
  return count.get(order[0]!) ?? 0;
}

/** Every path from the root to a final state: the answer graph has no cycle, so all are simple. */
function everyPath(root: Node): Edge[][] {
  const paths: Edge[][] = [];
  const walk = (node: Node, taken: Edge[]) => {
    if (isFinal(node.position)) {
      paths.push([...taken]);
      return;
    }
    for (const edge of node.out) {
      taken.push(edge);
      walk(edge.to, taken);
      taken.pop();
    }
  };
  walk(root, []);
  return paths;
}

/**
 * Paths from the root to a final state until every edge is on one: each new path goes through
 * an edge no path has taken yet, and takes as many other new edges as it can on the way.
 */
function coveringPaths(root: Node, order: Node[], edgeCount: number): Edge[][] {
  const covered = new Set<number>();
  const paths: Edge[][] = [];
  while (covered.size < edgeCount) {
    const gain = (edge: Edge) => (covered.has(edge.id) ? 0 : 1);
    // best[n]: most uncovered edges on a path from n to a final state, and the edge to take
    const best = new Map<Node, { score: number; via?: Edge }>();
    for (const node of [...order].reverse()) {
      if (isFinal(node.position)) {
        best.set(node, { score: 0 });
        continue;
      }
      let choice: { score: number; via?: Edge } = { score: -1 };
      for (const edge of node.out) {
        const score = gain(edge) + best.get(edge.to)!.score;
        if (score > choice.score) choice = { score, via: edge };
      }
      best.set(node, choice);
    }
    // reach[n]: most uncovered edges on a path from the root to n, and the edge arriving
    const reach = new Map<Node, { score: number; via?: Edge }>([[root, { score: 0 }]]);
    for (const node of order) {
      const here = reach.get(node);
      if (!here) continue;
      for (const edge of node.out) {
        const score = here.score + gain(edge);
        const there = reach.get(edge.to);
        if (!there || score > there.score) reach.set(edge.to, { score, via: edge });
      }
    }
    let pick: Edge | undefined;
    let pickScore = -1;
    for (const node of order) {
      for (const edge of node.out) {
        if (covered.has(edge.id) || !reach.has(node)) continue;
        const score = reach.get(node)!.score + 1 + best.get(edge.to)!.score;
        if (score > pickScore) [pick, pickScore] = [edge, score];
      }
    }
    if (!pick) break;
    const prefix: Edge[] = [];
    for (let node = pick.from; node !== root;) {
      const via = reach.get(node)!.via!;
      prefix.unshift(via);
      node = via.from;
    }
    const suffix: Edge[] = [];
    for (let node = pick.to; !isFinal(node.position);) {
      const via = best.get(node)!.via!;
      suffix.push(via);
      node = via.to;
    }
    const path = [...prefix, pick, ...suffix];
    for (const edge of path) covered.add(edge.id);
    paths.push(path);
  }
  return paths;
}

function describePath(
  edges: Edge[],
  index: number,
  locale: Locale,
  flows: Flows,
  catalogue: Catalogue,
): ModelPath {
  const flow = flows[locale];
  const messages = [locale === 'fr-CA' ? 'Bonjour' : 'Hello'];
  const positions = [positionName(edges[0]!.from.position)];
  const branches: string[] = [];
  for (const edge of edges) {
    const event = edge.event;
    if (event.type === 'SUBMIT') {
      messages.push(flow.commands.confirm[0]!);
    } else if (event.type === 'ANSWER') {
      messages.push(typedText(event.step, event.value, edge.text, locale, flows, catalogue));
      if (edge.from.out.length > 1) branches.push(`${event.step}=${JSON.stringify(event.value)}`);
    }
    positions.push(positionName(edge.to.position));
  }
  const role = edges.find((e) => e.event.type === 'ANSWER' && e.event.step === 'role');
  const who = role && role.event.type === 'ANSWER' ? String(role.event.value) : 'declined';
  return {
    name: `path-${String(index + 1).padStart(3, '0')}-${who}-${locale === 'fr-CA' ? 'fr' : 'en'}`,
    locale,
    messages,
    positions,
    branches,
  };
}

/** What a prospect types in `locale` to give `value`: the button title, "skip", or the sample text. */
function typedText(
  step: string,
  value: unknown,
  sample: string | undefined,
  locale: Locale,
  flows: Flows,
  catalogue: Catalogue,
): string {
  const flow = flows[locale];
  const kind = catalogue[step]!.input.kind;
  let text: string | undefined;
  if (value === null) text = flow.commands.skip[0];
  else if (kind === 'yesno') text = value ? flow.yesno.yes : flow.yesno.no;
  else if (kind === 'choice') text = flow.steps[step as keyof typeof flow.steps]?.choices?.[String(value)];
  else text = sample;
  const typed = text ?? String(value);
  if (value !== null && JSON.stringify(readAt(step, typed, flows, catalogue)) !== JSON.stringify(value)) {
    throw new Error(`typing "${typed}" at "${step}" does not give ${JSON.stringify(value)}`);
  }
  return typed;
}
