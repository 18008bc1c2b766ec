/**
 * Talk to the bot in the terminal (in-process: no server needed) and keep the conversation as a
 * .transcript for `npm run replay`: the quickest way for a tester to record a new case.
 *
 *   npm run chat [-- -o test/transcripts/my-case.transcript] [--locale fr-CA]
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import readline from 'node:readline';
import { parseArgs } from 'node:util';
import { InProcessBot, type BotActivity } from '../src/bot/in-process-bot';
import { InProcessDriver } from '../tools/replay/in-process-driver';
import { TranscriptSession } from '../tools/replay/transcript-session';
import { loadConfig } from '../src/config';
import { normalizeLead } from '../tools/replay/lead-diff';
import { Redaction } from '../src/intake/redaction';
import {
  activityToSend,
  leadFileOf,
  scriptOf,
  serializeTranscript,
  type ActivityJson,
} from '../tools/replay/script';
import { FileTranscriptStore } from '../src/storage/file/transcripts';

const usage = `Usage: npm run chat [-- options]

Chat with the intake bot in this terminal. Suggested answers are numbered: type the number to
send one. Type /quit (or press Ctrl-D) to finish; the conversation is saved as a .transcript
(answers to the admissibility and contact questions are redacted, as in every recording), with
<name>.lead.json next to it when the conversation submitted a lead.

Options:
  -o, --output <file>  where to save (default: DATA_DIR/chats/chat-<date>-<time>.transcript)
  --locale <locale>    the channel's locale: en-CA (default) or fr-CA
  -h, --help           show this help`;

const tty = process.stdout.isTTY && !process.env.NO_COLOR;
const bold = (text: string) => (tty ? text.replace(/\*\*(.+?)\*\*/g, '\u001b[1m$1\u001b[0m') : text);
const dim = (text: string) => (tty ? `\u001b[2m${text}\u001b[0m` : text);

function show(replies: BotActivity[]): string[] {
  let titles: string[] = [];
  for (const reply of replies) {
    if (reply.type !== 'message') continue;
    console.log(`\n${bold(reply.text ?? '')}`);
    titles = (reply.suggestedActions?.actions ?? []).map((a) => a.title ?? String(a.value));
    if (titles.length) console.log(dim(titles.map((t, i) => `  ${i + 1}) ${t}`).join('\n')));
  }
  return titles;
}

function defaultOutput(): string {
  const stamp = new Date().toISOString().replace(/[:T]/g, '-').slice(0, 19);
  return path.join(loadConfig().DATA_DIR, 'chats', `chat-${stamp}.transcript`);
}

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: {
      output: { type: 'string', short: 'o' },
      locale: { type: 'string', default: 'en-CA' },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  if (values.help) {
    console.log(usage);
    return 0;
  }
  process.env.LOG_LEVEL ??= 'warn';
  const chosen = values.output ?? defaultOutput();
  const output = chosen.endsWith('.transcript') ? chosen : `${chosen}.transcript`;
  const storeDir = fs.mkdtempSync(path.join(os.tmpdir(), 'imp-chat-'));
  const store = new FileTranscriptStore(storeDir);
  const bot = new InProcessBot({ record: store });
  const session = new TranscriptSession(bot, store, { channelId: 'chat', locale: values.locale });

  console.log(dim('Chatting with the intake bot. Type a number to pick a suggestion, /quit to finish.'));
  let suggestions = show(await session.join());
  const input = readline.createInterface({ input: process.stdin, output: process.stdout, terminal: tty });
  input.on('SIGINT', () => input.close());
  input.setPrompt('\nyou> ');
  input.prompt();
  for await (const line of input) {
    const typed = line.trim();
    if (typed === '/quit' || typed === '/exit') break;
    const choice = /^\d+$/.test(typed) ? suggestions[Number(typed) - 1] : undefined;
    if (choice) console.log(dim(`(${choice})`));
    suggestions = show(await session.say(choice ?? line));
    input.prompt();
  }
  input.close();

  try {
    const activities = await session.transcript();
    fs.mkdirSync(path.dirname(path.resolve(output)), { recursive: true });
    fs.writeFileSync(output, serializeTranscript(activities, 'pretty'));
    console.log(`\nsaved ${activities.length} activities to ${output}`);
    const redaction = new Redaction(bot.flows);
    const script = scriptOf(output, 'transcript', activities as ActivityJson[]);
    const run = await new InProcessDriver(new InProcessBot({ flows: bot.flows })).converse(
      script.turns.map((turn) => activityToSend(turn.user, redaction)),
      { channelId: session.channelId },
    );
    if (run.lead !== undefined) {
      fs.writeFileSync(leadFileOf(output), `${JSON.stringify(normalizeLead(run.lead), null, 2)}\n`);
      console.log(`saved the lead it produces to ${leadFileOf(output)}`);
    }
    console.log(`replay it with: npm run replay -- ${output}`);
  } finally {
    fs.rmSync(storeDir, { recursive: true, force: true });
  }
  return 0;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    console.error(`error: ${error instanceof Error ? error.message : String(error)}`);
    process.exitCode = 1;
  },
);
