import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Answers, StepId } from '../../src/intake/steps';
import { openAzureStorage } from '../../src/storage/azure';
import { employer } from '../support/answers';
import { startAzurite, type Azurite } from '../support/azurite';
import { ask, type ActivityJson } from '../support/http-bot';
import { startHttpReceiver } from '../notify/support';
import { groupAlive, startServerProcess, type ServerProcess } from '../support/server-process';
import { flows, typedAnswer } from '../support/talk';

/**
 * Two server processes on one Azurite container, as two instances behind a load balancer: every
 * conversation's turns alternate between them; one is SIGKILLed mid-load (the load balancer then
 * sends its share to the other) and started again. Nothing acknowledged may be lost, every
 * conversation goes on at the right step, and every lead reaches the webhook exactly once.
 */

const CONVERSATIONS = 20;
/** The kill comes once this many turns were acknowledged (of about 25 per conversation). */
const KILL_AFTER_TURNS = 160;
const CONTAINER = 'two-instances';
const en = () => flows()['en-CA'];

const answersOf = (i: number): Answers => ({
  ...employer,
  employerCompany: `Lions Gate Robotics ${i} Inc.`,
  contactName: `Dana Whitfield ${i}`,
  contactEmail: `dana${i}@lionsgaterobotics.example`,
});

const stepOf = (replies: ActivityJson[]) => replies.at(-1)?.channelData?.intake?.step;

describe('two instances on one Azure Blob container (Azurite)', () => {
  let azurite: Azurite;
  let receiver: Awaited<ReturnType<typeof startHttpReceiver>>;
  const dirs: string[] = [];
  const started: ServerProcess[] = [];

  afterAll(async () => {
    await Promise.all(started.filter((s) => groupAlive(s.child.pid!)).map((s) => s.kill()));
    await receiver?.close();
    await azurite?.stop();
    for (const dir of dirs) fs.rmSync(dir, { recursive: true, force: true });
  });

  it('loses no acknowledged answer and delivers each lead once when one is killed mid-load', async () => {
    azurite = await startAzurite();
    receiver = await startHttpReceiver();
    const env = {
      STORAGE: 'azure-blob',
      AZURE_STORAGE_CONNECTION_STRING: azurite.connectionString,
      AZURE_STORAGE_CONTAINER: CONTAINER,
      // several instances: the website chat goes through Azure's Direct Line (never called here)
      DIRECT_LINE_DOMAIN: 'https://directline.botframework.com/v3/directline',
      DIRECT_LINE_SECRET: 'test-only-direct-line-secret-not-real',
      WEBHOOK_URL: `${receiver.url}/leads`,
      WEBHOOK_SECRET: 'test-only-webhook-secret-long-enough-to-sign',
      INSTANCES: '2',
      NOTIFY_LEASE_SECONDS: '20',
    };
    // each instance has its own (unused) local folder: nothing may be shared through the disk
    const dataDir = () => {
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'imp-instance-'));
      dirs.push(dir);
      return dir;
    };
    const start = async () => {
      const server = await startServerProcess(dataDir(), 0, env);
      started.push(server);
      return server;
    };
    const instances: (ServerProcess | undefined)[] = await Promise.all([start(), start()]);

    let acknowledged = 0;
    let failedTurns = 0;
    let killed: Promise<void> | undefined;
    const killAndRestart = async () => {
      const victim = instances[1]!;
      await victim.kill(); // SIGKILL to its process group
      expect(groupAlive(victim.child.pid!)).toBe(false);
      instances[1] = undefined; // the load balancer takes it out
      instances[1] = await start();
    };

    /** Set when a conversation fails: the others stop instead of retrying against stopped servers. */
    let failure: unknown;
    /** One turn, to the instance whose turn it is (the other when it is down); undefined when it failed. */
    const turnOn = async (i: number, turn: number, text: string) => {
      if (failure) throw new Error('another conversation failed');
      const target = instances[(i + turn) % 2] ?? instances[(i + turn + 1) % 2]!;
      try {
        const replies = await ask(target.url, `multi-${i}`, text);
        if (++acknowledged === KILL_AFTER_TURNS) killed = killAndRestart();
        return replies;
      } catch {
        failedTurns++;
        return undefined;
      }
    };

    /** Per conversation, every answer whose turn was acknowledged (HTTP 200 with the next question). */
    const acknowledgedAnswers: Partial<Answers>[] = Array.from({ length: CONVERSATIONS }, () => ({}));
    const converse = async (i: number) => {
      const answers = answersOf(i);
      let turn = 0;
      let replies: ActivityJson[] | undefined;
      while (!replies) replies = await turnOn(i, turn++, 'hello');
      for (let n = 0; n < 100; n++) {
        const step = stepOf(replies);
        if (step === 'review') {
          const confirmed = await turnOn(i, turn++, 'confirm');
          if (confirmed) return confirmed.at(-1)?.text ?? '';
        } else {
          if (!step || !(step in answers)) throw new Error(`conversation ${i}: unexpected step ${step}`);
          const answered = await turnOn(i, turn++, typedAnswer(step, answers[step as StepId], en()));
          if (answered) {
            // acknowledged: the conversation moved on from this step
            expect(stepOf(answered)).not.toBe(step);
            acknowledgedAnswers[i]![step as StepId] = answers[step as StepId] as never;
            replies = answered;
            continue;
          }
        }
        // Not acknowledged (the instance died under it): whether it was kept is unknown, so ask
        // where the conversation stands ("help" repeats the current question, changing nothing).
        let where: ActivityJson[] | undefined;
        while (!where) where = await turnOn(i, turn++, 'help');
        if (step === 'review' && stepOf(where) !== 'review') return where.at(-1)?.text ?? '';
        replies = where;
      }
      throw new Error(`conversation ${i} did not finish`);
    };

    const endings = await Promise.all(
      Array.from({ length: CONVERSATIONS }, (_, i) =>
        converse(i).catch((error: unknown) => {
          failure ??= error;
          throw error;
        }),
      ),
    );
    await killed;
    expect(acknowledged).toBeGreaterThan(KILL_AFTER_TURNS);
    for (const ending of endings) expect(ending).toMatch(/IMP-\d{4}-/);

    // Every lead is in the shared store with every acknowledged answer.
    const storage = await openAzureStorage({
      connectionString: azurite.connectionString,
      container: CONTAINER,
    });
    const leads = await storage.leads.all();
    expect(leads).toHaveLength(CONVERSATIONS);
    for (let i = 0; i < CONVERSATIONS; i++) {
      const lead = leads.find((l) => l.contact.email === `dana${i}@lionsgaterobotics.example`);
      expect(Object.keys(acknowledgedAnswers[i]!).length).toBeGreaterThan(15);
      expect(lead?.answers).toMatchObject(acknowledgedAnswers[i]!);
    }

    // Each lead reaches the webhook once: the outbox empties, then each delivery id came once.
    const deadline = Date.now() + 120_000;
    while ((await storage.outbox.pendingIds()).length > 0) {
      if (Date.now() > deadline) throw new Error('the outbox did not empty');
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    const keys = receiver.received.map((r) => r.headers['idempotency-key']);
    expect([...keys].sort()).toEqual(leads.map((l) => `lead-${l.id}-webhook`).sort());

    // The lead list of either instance shows all of them (the shared index).
    expect(await storage.leadIndex.size()).toBe(CONVERSATIONS);
    console.log(
      `two instances: ${acknowledged} turns acknowledged, ${failedTurns} failed while one was killed`,
    );
    await Promise.all(instances.map((s) => s?.kill()));
  }, 420_000);
});
