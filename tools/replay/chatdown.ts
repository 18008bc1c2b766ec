import type { Account, ActivityJson } from './script';

/**
 * The Bot Framework Chatdown format (.chat): a header (`user=`, `users=`, `bot=`, `channelId=`),
 * then messages that start with `user:` / `bot:` (or the names from the header) at the beginning
 * of a line and run until the next one, so a bot message may span several lines. Inside a
 * message, `[Suggestions=a|b]` adds suggested actions, `[Typing]`, `[Delay=ms]`,
 * `[ConversationUpdate=MembersAdded=…]`, `[Attachment=…]`, `[AttachmentLayout=…]` and the card
 * commands are understood; any other bracketed text stays part of the message.
 */

export interface ChatHeader {
  users: string[];
  bot: string;
  channelId: string;
  /** The header lines as written, kept by `--update`. */
  lines: string[];
}

export interface ChatDocument {
  header: ChatHeader;
  /** Prospect activities carry `chatBlock`: the index of the block they were written in. */
  activities: ActivityJson[];
  /** The prospect's blocks exactly as written, kept by `--update`. */
  userBlocks: string[];
}

const headerLine = /^(bot|user|users|channelId)=(.*)$/i;
const cards: Record<string, string> = {
  herocard: 'application/vnd.microsoft.card.hero',
  basiccard: 'application/vnd.microsoft.card.hero',
  thumbnailcard: 'application/vnd.microsoft.card.thumbnail',
  animationcard: 'application/vnd.microsoft.card.animation',
  audiocard: 'application/vnd.microsoft.card.audio',
  videocard: 'application/vnd.microsoft.card.video',
  mediacard: 'application/vnd.microsoft.card.media',
  signincard: 'application/vnd.microsoft.card.signin',
  oauthcard: 'application/vnd.microsoft.card.oauth',
  adaptivecard: 'application/vnd.microsoft.card.adaptive',
};
const fields = new Set(['suggestions', 'attachment', 'attachmentlayout', ...Object.keys(cards)]);
const activityTypes = new Set(['typing', 'conversationupdate']);
const instructions = new Set(['delay']);

const accountId = (name: string) => name.trim().toLowerCase().replace(/\s+/g, '-');
const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

export function parseChat(content: string): ChatDocument {
  const lines = content
    .replace(/\r\n?/g, '\n')
    .replace(/^\uFEFF/, '')
    .split('\n');
  const header: ChatHeader = { users: [], bot: 'bot', channelId: 'chatdown', lines: [] };
  let index = 0;
  for (; index < lines.length; index++) {
    const line = lines[index]!.trim();
    const match = headerLine.exec(line);
    if (!match) {
      if (line === '' && header.lines.length === 0) continue;
      break;
    }
    header.lines.push(line);
    const [, option, value = ''] = match;
    switch (option!.toLowerCase()) {
      case 'user':
      case 'users':
        header.users = value
          .split(',')
          .map((u) => u.trim())
          .filter(Boolean);
        break;
      case 'bot':
        header.bot = value.trim() || 'bot';
        break;
      case 'channelid':
        header.channelId = value.trim() || header.channelId;
        break;
    }
  }
  if (header.users.length === 0) header.users = ['user'];

  const account = (name: string, role: 'user' | 'bot') => ({ id: accountId(name), name, role });
  const botAccount = account(header.bot, 'bot');
  const names = [...header.users, header.bot, 'bot', 'user'].map(escapeRegExp).join('|');
  const speakerLine = new RegExp(`^(${names})(?:->(${header.users.map(escapeRegExp).join('|')}))?:`, 'i');
  const roleOf = (speaker: string): 'user' | 'bot' =>
    speaker.toLowerCase() === 'bot' || speaker.toLowerCase() === header.bot.toLowerCase() ? 'bot' : 'user';
  const userNamed = (speaker: string) =>
    header.users.find((u) => u.toLowerCase() === speaker.toLowerCase()) ?? header.users[0]!;

  const activities: ActivityJson[] = [];
  let lastUser = header.users[0]!;
  const userBlocks: string[] = [];
  let block: { role: 'user' | 'bot'; from: string; to: string; text: string; raw: string[] } | undefined;
  const flush = () => {
    if (!block) return;
    const made = blockActivities(block.text, block.role, block.from, block.to);
    if (block.role === 'user') {
      for (const activity of made) activity.chatBlock = userBlocks.length;
      userBlocks.push(block.raw.join('\n').trimEnd());
    }
    activities.push(...made);
    block = undefined;
  };
  const blockActivities = (text: string, role: 'user' | 'bot', from: string, to: string): ActivityJson[] => {
    const fromAccount = role === 'bot' ? botAccount : account(from, 'user');
    const toAccount = role === 'bot' ? account(to, 'user') : botAccount;
    return readBlock(text.trim(), fromAccount, toAccount, header.channelId, account);
  };

  for (; index < lines.length; index++) {
    const line = lines[index]!;
    const match = speakerLine.exec(line);
    if (match) {
      flush();
      const role = roleOf(match[1]!);
      const speaker = role === 'user' ? userNamed(match[1]!) : header.bot;
      if (role === 'user') lastUser = speaker;
      const to = role === 'bot' ? (match[2] ? userNamed(match[2]) : lastUser) : header.bot;
      block = { role, from: speaker, to, text: `${line.slice(match[0].length).trim()}\n`, raw: [line] };
    } else if (block) {
      block.text += `${line}\n`;
      block.raw.push(line);
    }
  }
  flush();
  return { header, activities, userBlocks };
}

function readBlock(
  aggregate: string,
  from: { id: string; name: string; role: string },
  to: { id: string; name: string; role: string },
  channelId: string,
  account: (name: string, role: 'user' | 'bot') => { id: string; name: string; role: string },
): ActivityJson[] {
  const out: ActivityJson[] = [];
  const base = () => ({ channelId, from: { ...from }, recipient: { ...to } });
  let message: ActivityJson = { type: 'message', ...base(), text: '' };
  let text = '';
  const flushMessage = () => {
    const body = text.trim();
    if (body || message.suggestedActions || message.attachments) {
      message.text = body;
      out.push(message);
    }
    message = { type: 'message', ...base(), text: '' };
    text = '';
  };
  const command = /\[([\s\S]*?)\]/g;
  let cursor = 0;
  for (let match = command.exec(aggregate); match; match = command.exec(aggregate)) {
    const inner = match[1]!;
    const equals = inner.indexOf('=');
    const name = (equals > 0 ? inner.slice(0, equals) : inner).trim().toLowerCase();
    const value = equals > 0 ? inner.slice(equals + 1).trim() : '';
    if (!fields.has(name) && !activityTypes.has(name) && !instructions.has(name)) continue;
    text += aggregate.slice(cursor, match.index);
    cursor = match.index + match[0].length;
    if (name === 'typing') {
      flushMessage();
      out.push({ type: 'typing', ...base() });
    } else if (name === 'conversationupdate') {
      flushMessage();
      out.push(conversationUpdate(value, base(), account));
    } else if (name === 'suggestions') {
      message.suggestedActions = {
        actions: value
          .split('|')
          .map((t) => t.trim())
          .filter(Boolean)
          .map((title) => ({ type: 'imBack', title, value: title })),
      };
    } else if (name === 'attachment') {
      const [url = '', type] = value.split(/\s+/);
      message.attachments = [
        ...(message.attachments ?? []),
        {
          contentType: type ? (cards[type.toLowerCase()] ?? type) : 'application/octet-stream',
          contentUrl: url,
        },
      ];
    } else if (name === 'attachmentlayout') {
      message.attachmentLayout = value.toLowerCase();
    } else if (cards[name]) {
      message.attachments = [
        ...(message.attachments ?? []),
        { contentType: cards[name], content: cardOf(value) },
      ];
    }
  }
  text += aggregate.slice(cursor);
  flushMessage();
  return out;
}

function conversationUpdate(
  spec: string,
  base: { channelId: string; from: Account; recipient: Account },
  account: (name: string, role: 'user' | 'bot') => { id: string; name: string; role: string },
): ActivityJson {
  const update: ActivityJson = { type: 'conversationUpdate', ...base, membersAdded: [], membersRemoved: [] };
  for (const line of spec.split(/\n/)) {
    const equals = line.indexOf('=');
    if (equals < 0) continue;
    const property = line.slice(0, equals).trim().toLowerCase();
    const members = line
      .slice(equals + 1)
      .split(',')
      .map((m) => m.trim())
      .filter(Boolean)
      .map((name) => account(name, 'user'));
    if (property === 'membersadded' || property === 'added') update.membersAdded = members;
    else if (property === 'membersremoved' || property === 'removed') update.membersRemoved = members;
    else throw new Error(`unknown ConversationUpdate property "${property}"`);
  }
  return update;
}

function cardOf(spec: string): Record<string, unknown> {
  const card: Record<string, unknown> = {};
  for (const line of spec.split('\n')) {
    const equals = line.indexOf('=');
    if (equals < 0) continue;
    const key = line.slice(0, equals).trim().toLowerCase();
    const value = line.slice(equals + 1).trim();
    card[key] = key === 'buttons' ? value.split('|').map((b) => b.trim()) : value;
  }
  return card;
}

/** A message as a Chatdown block: its text, then its suggested actions. */
export function chatBlock(speaker: string, activity: ActivityJson): string {
  const text = (activity.text ?? '').replace(/\r\n?/g, '\n').trim();
  const titles = (activity.suggestedActions?.actions ?? []).map((a) => a.title ?? String(a.value ?? ''));
  const suggestions = titles.length ? `[Suggestions=${titles.join('|')}]` : '';
  return `${speaker}: ${[text, suggestions].filter(Boolean).join('\n')}`;
}
