/**
 * Crash drills: starts the server (as `npm start` does) in its own process group, runs 20
 * conversations at once against it, SIGKILLs the whole group at a random moment, and checks what
 * the data folder kept: every answer the server acknowledged must be there, at the right step,
 * in files that parse. Repeated N times on the same data folder, then prints the totals.
 *
 *   npm run drill                 # 20 drills
 *   npm run drill -- --drills 5 --conversations 20 --seed 7 [--data-dir DIR]
 */
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { IntakeEngine } from '../src/intake/conversation';
import { loadFlows } from '../src/intake/flows';
import { FileConversationStore } from '../src/storage/file/conversations';
import { intraCompanyWorker } from '../tools/support/answers';
import { ask } from '../tools/support/http-bot';
import { groupAlive, startServerProcess } from '../tools/support/server-process';
import { typedAnswer } from '../tools/support/typed-answer';
import { mulberry32 } from '../tools/random';

const { values } = parseArgs({
  options: {
    drills: { type: 'string', default: '20' },
    conversations: { type: 'string', default: '20' },
    seed: { type: 'string', default: '1' },
    'data-dir': { type: 'string' },
  },
});
const DRILLS = Number(values.drills);
const CONVERSATIONS = Number(values.conversations);

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

/** The messages of one whole worker intake, as a prospect types them. */
function script(): string[] {
  const flows = loadFlows();
  const en = flows['en-CA'];
  const engine = new IntakeEngine(flows);
  return [
    'hello',
    'yes',
    en.steps.role.choices!.worker!,
    ...engine
      .reviewSteps(intraCompanyWorker)
      .map((step) => typedAnswer(step, intraCompanyWorker[step as keyof typeof intraCompanyWorker], en)),
    'confirm',
  ];
}

const stepOf = (replies: { channelData?: { intake?: { step: string } } }[]) =>
  replies.at(-1)?.channelData?.intake?.step;

interface Tally {
  acknowledged: number;
  lost: number;
  wrongStep: number;
  corruptFiles: number;
}

function corruptFiles(dataDir: string): string[] {
  const bad: string[] = [];
  for (const entry of fs.readdirSync(dataDir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const file = path.join(entry.parentPath, entry.name);
    const text = fs.readFileSync(file, 'utf8');
    try {
      // a conversation's file is a log of its versions, one JSON line each
      const lines = file.endsWith('.jsonl') || file.startsWith(path.join(dataDir, 'conversations'));
      if (file.endsWith('.json') && !lines) JSON.parse(text);
      else if (lines && (file.endsWith('.json') || file.endsWith('.jsonl')))
        for (const line of text.split('\n').filter((l) => l.trim() !== '')) JSON.parse(line);
    } catch {
      bad.push(path.relative(dataDir, file));
    }
  }
  return bad;
}

async function main(): Promise<void> {
  const random = mulberry32(Number(values.seed));
  const dataDir = values['data-dir'] ?? fs.mkdtempSync(path.join(os.tmpdir(), 'imp-intake-drill-'));
  const messages = script();
  const storage = new FileConversationStore(path.join(dataDir, 'conversations'));
  const total: Tally = { acknowledged: 0, lost: 0, wrongStep: 0, corruptFiles: 0 };

  // The steps a conversation goes through, learned once from a conversation run to the end.
  const port = await freePort();
  let server = await startServerProcess(dataDir, port);
  const model: string[] = [];
  for (const message of messages) model.push(stepOf(await ask(server.url, 'drill-model', message)) ?? '?');
  console.log(`${messages.length} messages per intake; data in ${dataDir}`);

  try {
    for (let drill = 1; drill <= DRILLS; drill++) {
      const acked = new Array<number>(CONVERSATIONS).fill(0);
      const steps = new Array<string | undefined>(CONVERSATIONS).fill(undefined);
      let killed = false;
      const talk = async (index: number) => {
        const id = `drill-${drill}-${index}`;
        for (let m = 0; m < messages.length && !killed; m++) {
          try {
            const replies = await ask(server.url, id, messages[m]!);
            if (killed) return; // an answer that arrives after the kill still counts below
            acked[index] = m + 1;
            steps[index] = stepOf(replies);
          } catch {
            return; // the server is gone
          }
        }
      };
      const running = Promise.all(Array.from({ length: CONVERSATIONS }, (_, i) => talk(i)));
      await new Promise((resolve) => setTimeout(resolve, 300 + random() * 2500));
      killed = true;
      await server.kill();
      await running;
      if (groupAlive(server.child.pid!)) throw new Error('the server survived its SIGKILL');

      const tally: Tally = { acknowledged: 0, lost: 0, wrongStep: 0, corruptFiles: 0 };
      for (let index = 0; index < CONVERSATIONS; index++) {
        const n = acked[index]!;
        tally.acknowledged += n;
        const key = `test/conversations/drill-${drill}-${index}`;
        const record = (await storage.read([key]))[key] as { position?: string } | undefined;
        if (n === 0) continue;
        // Acknowledged: the stored step is the one of the last reply, or one further when the
        // next message was saved but its reply never reached the prospect.
        const allowed = [model[n - 1], model[n]].filter(Boolean);
        if (steps[index] !== model[n - 1]) tally.wrongStep++;
        if (!record) tally.lost += n;
        else if (!allowed.includes(record.position ?? '')) {
          const at = model.lastIndexOf(record.position ?? '', n - 1);
          if (at >= 0 && at < n - 1) tally.lost += n - 1 - at;
          else tally.wrongStep++;
        }
      }
      const bad = corruptFiles(dataDir);
      tally.corruptFiles = bad.length;
      for (const file of bad) console.log(`  corrupt: ${file}`);
      console.log(
        `drill ${drill}/${DRILLS}: ${tally.acknowledged} acknowledged answers, ${tally.lost} lost, ` +
          `${tally.wrongStep} at a wrong step, ${tally.corruptFiles} corrupt files`,
      );
      total.acknowledged += tally.acknowledged;
      total.lost += tally.lost;
      total.wrongStep += tally.wrongStep;
      total.corruptFiles = Math.max(total.corruptFiles, tally.corruptFiles);
      server = await startServerProcess(dataDir, port);
    }
  } finally {
    await server.kill();
  }
  console.log(
    `\n${DRILLS} SIGKILL drills of the process group, ${CONVERSATIONS} conversations at once: ` +
      `${total.acknowledged} acknowledged answers, ${total.lost} lost, ${total.wrongStep} at a wrong step, ` +
      `${total.corruptFiles} corrupt files.`,
  );
  if (!values['data-dir']) fs.rmSync(dataDir, { recursive: true, force: true });
  if (total.lost + total.wrongStep + total.corruptFiles > 0) process.exitCode = 1;
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : String(error));
  process.exit(1);
});
