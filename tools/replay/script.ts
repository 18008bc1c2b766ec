import fs from 'node:fs';
import path from 'node:path';
import { chatBlock, parseChat, type ChatHeader } from './chatdown';
import { readJsonFile } from './read-json';
import { isObject, redactedAnswerOf, type ActivityLike, type Redaction } from '../../src/intake/redaction';

/**
 * A recorded conversation, ready to replay: each prospect activity (a turn) with the bot
 * messages that answered it. Reads `.transcript` files (a JSON array of Bot Framework activities,
 * as the Emulator saves them and as `npm run transcript:export` writes them) and `.chat` files.
 */

export interface Account {
  id?: string;
  name?: string;
  role?: string;
  [key: string]: unknown;
}

export interface ActivityJson extends ActivityLike {
  type: string;
  id?: string;
  timestamp?: string;
  channelId?: string;
  conversation?: { id?: string; [key: string]: unknown };
  from?: Account;
  recipient?: Account;
  locale?: string;
  replyToId?: string;
  suggestedActions?: {
    actions?: { title?: string; value?: unknown; [key: string]: unknown }[];
    [key: string]: unknown;
  };
  membersAdded?: Account[];
  membersRemoved?: Account[];
}

export interface ReplayTurn {
  /** 1-based, counting the prospect's activities. */
  number: number;
  user: ActivityJson;
  /** The bot's messages in answer, in order. */
  expected: ActivityJson[];
  /** The bot's other activities (traces, events): not compared, kept by `--update`. */
  other: ActivityJson[];
  /** A conversationUpdate a `.chat` file implies when the bot speaks first; not written back. */
  implied?: boolean;
}

export type ScriptFormat = 'transcript' | 'chat';

export interface ReplayScript {
  file: string;
  format: ScriptFormat;
  turns: ReplayTurn[];
  /** Bot activities before any prospect activity: nothing can make the bot say them again. */
  preamble: ActivityJson[];
  chatHeader?: ChatHeader;
  chatUserBlocks?: string[];
  /** `<name>.lead.json` next to the file, when there is one. */
  leadFile: string;
  expectedLead?: unknown;
}

export const scriptExtensions = ['.transcript', '.chat'] as const;

export function leadFileOf(file: string): string {
  return file.replace(/\.(transcript|chat)$/, '') + '.lead.json';
}

/** The files to replay: the files given, and every .transcript / .chat under the folders given. */
export function collectScriptFiles(inputs: string[]): string[] {
  const found: string[] = [];
  const visit = (target: string, explicit: boolean) => {
    const stat = fs.statSync(target, { throwIfNoEntry: false });
    if (!stat) throw new Error(`${target}: no such file or folder`);
    if (stat.isDirectory()) {
      for (const entry of fs.readdirSync(target).sort()) visit(path.join(target, entry), false);
    } else if (scriptExtensions.some((ext) => target.endsWith(ext))) {
      found.push(target);
    } else if (explicit) {
      throw new Error(`${target}: not a .transcript or .chat file`);
    }
  };
  for (const input of inputs) visit(input, true);
  return [...new Set(found)];
}

export function readScript(file: string): ReplayScript {
  const leadFile = leadFileOf(file);
  const expectedLead = fs.existsSync(leadFile) ? readJsonFile(leadFile) : undefined;
  if (file.endsWith('.chat')) {
    const { header, activities, userBlocks } = parseChat(fs.readFileSync(file, 'utf8'));
    const script = scriptOf(file, 'chat', activities, leadFile, expectedLead);
    script.chatHeader = header;
    script.chatUserBlocks = userBlocks;
    return script;
  }
  let activities: unknown;
  try {
    activities = readJsonFile(file);
  } catch (error) {
    throw new Error(`${file}: not valid JSON (${(error as Error).message})`);
  }
  if (!Array.isArray(activities) || activities.some((a) => !isObject(a) || typeof a.type !== 'string')) {
    throw new Error(`${file}: a .transcript must be a JSON array of activities, each with a "type"`);
  }
  return scriptOf(file, 'transcript', activities as ActivityJson[], leadFile, expectedLead);
}

export function scriptOf(
  file: string,
  format: ScriptFormat,
  activities: ActivityJson[],
  leadFile = leadFileOf(file),
  expectedLead?: unknown,
): ReplayScript {
  const speakers = speakerMap(activities);
  const turns: ReplayTurn[] = [];
  const preamble: ActivityJson[] = [];
  for (const activity of activities) {
    const current = turns.at(-1);
    if (speakers.get(activity) === 'user') {
      if (activity.type === 'typing' || activity.type === 'trace') {
        (current?.other ?? preamble).push(activity);
        continue;
      }
      turns.push({ number: turns.length + 1, user: activity, expected: [], other: [] });
    } else if (!current) {
      preamble.push(activity);
    } else if (activity.type === 'message') {
      current.expected.push(activity);
    } else {
      current.other.push(activity);
    }
  }
  // A conversation written in Chatdown may open with the bot: the prospect joined the conversation.
  const opening = preamble.filter((a) => a.type === 'message');
  if (format === 'chat' && opening.length > 0) {
    const first = opening[0]!;
    const user = { ...first.recipient, role: 'user' };
    turns.unshift({
      number: 0,
      user: {
        type: 'conversationUpdate',
        channelId: first.channelId,
        from: user,
        recipient: { ...first.from, role: 'bot' },
        membersAdded: [user],
      },
      expected: opening,
      other: [],
      implied: true,
    });
    preamble.length = 0;
    turns.forEach((turn, i) => (turn.number = i + 1));
  }
  return { file, format, turns, preamble, leadFile, expectedLead };
}

/**
 * Who sent each activity. The Emulator marks roles on messages but not always on
 * conversationUpdates, so the recipient's role and the bot's known ids decide the rest.
 */
function speakerMap(activities: ActivityJson[]): Map<ActivityJson, 'user' | 'bot'> {
  const botIds = new Set<string>();
  const userIds = new Set<string>();
  for (const a of activities) {
    if (a.from?.role === 'bot' && a.from.id) botIds.add(a.from.id);
    if (a.recipient?.role === 'bot' && a.recipient.id) botIds.add(a.recipient.id);
    if (a.from?.role === 'user' && a.from.id) userIds.add(a.from.id);
    if (a.recipient?.role === 'user' && a.recipient.id) userIds.add(a.recipient.id);
  }
  const map = new Map<ActivityJson, 'user' | 'bot'>();
  for (const a of activities) {
    let speaker: 'user' | 'bot';
    if (a.from?.role === 'bot' || a.from?.role === 'skill') speaker = 'bot';
    else if (a.from?.role === 'user') speaker = 'user';
    else if (a.recipient?.role === 'bot') speaker = 'user';
    else if (a.recipient?.role === 'user') speaker = 'bot';
    else if (a.from?.id && botIds.has(a.from.id)) speaker = 'bot';
    else if (a.from?.id && userIds.has(a.from.id)) speaker = 'user';
    else speaker = a.replyToId ? 'bot' : 'user';
    map.set(a, speaker);
  }
  return map;
}

/**
 * What a replay sends for a recorded prospect activity: the same words (or, for a redacted
 * answer, words that give the same answer), from the same accounts, with none of the ids.
 */
export function activityToSend(user: ActivityJson, redaction: Redaction): ActivityJson {
  const sent: ActivityJson = { type: user.type };
  const answer = redactedAnswerOf(user);
  if (user.type === 'message') {
    sent.text = answer ? redaction.syntheticText(answer) : (user.text ?? '');
    if (!answer && user.value !== undefined) sent.value = user.value;
    if (!answer && user.attachments) sent.attachments = user.attachments;
  } else if (user.value !== undefined) {
    sent.value = user.value;
  }
  if (typeof user.name === 'string') sent.name = user.name;
  if (user.locale) sent.locale = user.locale;
  if (user.timestamp) sent.timestamp = user.timestamp;
  if (user.membersAdded) sent.membersAdded = user.membersAdded;
  if (user.membersRemoved) sent.membersRemoved = user.membersRemoved;
  if (isObject(user.channelData)) {
    const { intake: _intake, ...rest } = user.channelData;
    if (Object.keys(rest).length > 0) sent.channelData = rest;
  }
  sent.from = {
    id: user.from?.id ?? 'user',
    ...(user.from?.name ? { name: user.from.name } : {}),
    role: 'user',
  };
  sent.recipient = {
    id: user.recipient?.id ?? 'bot',
    ...(user.recipient?.name ? { name: user.recipient.name } : {}),
    role: 'bot',
  };
  return sent;
}

/** How a turn reads in a report: the prospect's words, or what kind of activity it was. */
export function describeUserActivity(user: ActivityJson, sent?: ActivityJson): string {
  if (user.type === 'message') {
    const typed = JSON.stringify(user.text ?? '');
    return sent && sent.text !== user.text ? `${typed} (replayed as ${JSON.stringify(sent.text)})` : typed;
  }
  if (user.type === 'conversationUpdate') {
    const added = (user.membersAdded ?? []).map((m) => m.name ?? m.id).join(', ');
    return `(conversationUpdate${added ? `: ${added} joined` : ''})`;
  }
  return `(${user.type}${typeof user.name === 'string' ? ` ${user.name}` : ''})`;
}

/** The transcript with each turn's bot messages replaced by `replies` (for `--update`). */
export function rewriteTranscript(
  script: ReplayScript,
  replies: ActivityJson[][],
  changedTurns?: boolean[],
): ActivityJson[] {
  const out: ActivityJson[] = [...script.preamble];
  script.turns.forEach((turn, i) => {
    out.push(turn.user, ...turn.other);
    if (changedTurns && !changedTurns[i]) {
      out.push(...turn.expected); // unchanged: as recorded, ids and timestamps included
      return;
    }
    const user = turn.user;
    (replies[i] ?? []).forEach((reply, r) => {
      // a reply that replaces a recorded one keeps its id and its time
      const recorded = turn.expected[r];
      out.push({
        ...reply,
        id: recorded?.id ?? (user.id ? `${user.id}-${r + 1}` : reply.id),
        timestamp: recorded?.timestamp ?? user.timestamp ?? reply.timestamp,
        channelId: user.channelId ?? reply.channelId,
        conversation: user.conversation ?? reply.conversation,
        from: { ...(user.recipient ?? reply.from), role: 'bot' },
        recipient: { ...(user.from ?? reply.recipient), role: 'user' },
        replyToId: user.id,
        serviceUrl: user.serviceUrl ?? reply.serviceUrl,
      });
    });
  });
  return out;
}

/** The .chat file with each turn's bot messages replaced by `replies` (for `--update`). */
export function rewriteChat(script: ReplayScript, replies: ActivityJson[][]): string {
  const header = script.chatHeader;
  const botName = header?.bot ?? 'bot';
  const blocks: string[] = [];
  let lastBlock: unknown;
  script.turns.forEach((turn, i) => {
    const block = turn.user.chatBlock;
    if (!turn.implied && typeof block === 'number' && block !== lastBlock) {
      blocks.push(script.chatUserBlocks?.[block] ?? '');
      lastBlock = block;
    }
    for (const reply of replies[i] ?? []) blocks.push(chatBlock(botName, reply));
  });
  const head = header?.lines.length ? `${header.lines.join('\n')}\n\n` : '';
  return `${head}${blocks.join('\n\n')}\n`;
}

export type TranscriptLayout = 'pretty' | 'lines';

/**
 * A .transcript file's text: a JSON array of activities, either indented as the Emulator saves
 * it (`pretty`) or one activity per line (`lines`: half the size, and a diff shows which
 * activities changed), the layout of the regression corpus.
 */
export function serializeTranscript(activities: unknown[], layout: TranscriptLayout = 'pretty'): string {
  if (layout === 'pretty') return `${JSON.stringify(activities, null, 2)}\n`;
  return `[\n${activities.map((a) => JSON.stringify(a)).join(',\n')}\n]\n`;
}

export function layoutOf(content: string): TranscriptLayout {
  return /^\[\n\{/.test(content) ? 'lines' : 'pretty';
}
