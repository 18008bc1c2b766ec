/**
 * Writes a recorded conversation as a .transcript file (a JSON array of activities, as the Bot
 * Framework Emulator saves them), ready for `npm run replay` or the Emulator's "Open transcript".
 *
 *   npm run transcript:export -- <reference | conversation id> [-o file] [--channel id] [--lead]
 */
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { InProcessBot } from '../src/bot/in-process-bot';
import { InProcessDriver } from '../tools/replay/in-process-driver';
import { loadConfig } from '../src/config';
import { findRecordedConversation } from '../tools/replay/export';
import { normalizeLead } from '../tools/replay/lead-diff';
import { Redaction } from '../src/intake/redaction';
import {
  activityToSend,
  leadFileOf,
  scriptOf,
  serializeTranscript,
  type ActivityJson,
} from '../tools/replay/script';

const usage = `Usage: npm run transcript:export -- <reference | conversation id> [options]

Finds a conversation recorded under DATA_DIR/transcripts, by the reference number of the lead it
submitted (IMP-2026-XXXX-XXXX) or by its conversation id, and writes it as a .transcript file.
The text of admissibility and contact answers is redacted in recordings, so it is in the file too.

Options:
  -o, --output <file>  where to write (default: standard output)
  --channel <id>       the channel, when the conversation id exists on several
  --lead               also write <file>.lead.json: the lead this build produces from the
                       conversation, for replays to compare (needs -o)
  -h, --help           show this help`;

async function main(): Promise<number> {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: {
      output: { type: 'string', short: 'o' },
      channel: { type: 'string' },
      lead: { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  if (values.help) {
    console.log(usage);
    return 0;
  }
  if (positionals.length !== 1) {
    console.error(`${usage}\n\nerror: give one reference number or conversation id`);
    return 2;
  }
  if (values.lead && !values.output) {
    console.error('error: --lead writes a file next to the transcript: give -o <file>');
    return 2;
  }
  process.env.LOG_LEVEL ??= 'warn';
  const config = loadConfig();
  const { summary, activities } = await findRecordedConversation(
    config.DATA_DIR,
    positionals[0]!,
    values.channel,
  );
  const text = serializeTranscript(activities, 'pretty');
  if (!values.output) {
    process.stdout.write(text);
    return 0;
  }
  const output = values.output.endsWith('.transcript') ? values.output : `${values.output}.transcript`;
  fs.mkdirSync(path.dirname(path.resolve(output)), { recursive: true });
  fs.writeFileSync(output, text);
  console.error(
    `wrote ${activities.length} activities of conversation ${summary.conversationId} (${summary.channelId}) to ${output}`,
  );
  if (values.lead) {
    const bot = new InProcessBot();
    const redaction = new Redaction(bot.flows);
    const script = scriptOf(output, 'transcript', activities as ActivityJson[]);
    const run = await new InProcessDriver(bot).converse(
      script.turns.map((turn) => activityToSend(turn.user, redaction)),
      { channelId: summary.channelId },
    );
    if (run.lead === undefined) {
      console.error('note: the conversation submits no lead, so no .lead.json was written');
    } else {
      fs.writeFileSync(leadFileOf(output), `${JSON.stringify(normalizeLead(run.lead), null, 2)}\n`);
      console.error(`wrote the lead this build produces to ${leadFileOf(output)}`);
    }
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
