import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { InProcessBot } from '../../src/bot/in-process-bot';
import { InProcessDriver } from '../../tools/replay/in-process-driver';
import type { Flows } from '../../src/intake/flows';
import { HttpDriver } from '../../tools/replay/http-driver';
import { Redaction } from '../../src/intake/redaction';
import { replayFiles } from '../../tools/replay/runner';
import { startServer } from '../../src/server';
import { startReceiver } from '../support/http-bot';
import { flows } from '../support/talk';
import { tempConfig } from '../support/temp-data';

const corpus = path.join(__dirname, '..', 'transcripts');
const root = path.join(__dirname, '..', '..');
const tsx = path.join(root, 'node_modules', '.bin', 'tsx');
const cli = (...args: string[]) =>
  promisify(execFile)(tsx, [path.join(root, 'scripts', 'replay.ts'), ...args], {
    cwd: root,
    encoding: 'utf8',
  }).then(
    (done) => ({ status: 0, ...done }),
    (failed: { code: number; stdout: string; stderr: string }) => ({
      status: failed.code,
      stdout: failed.stdout,
      stderr: failed.stderr,
    }),
  );

function rewordedFlows(): Flows {
  const copy = structuredClone(flows());
  copy['en-CA'].steps.role.prompt = 'Which of these best describes you?';
  return copy;
}

describe('the replay command', () => {
  let tmp: string;
  beforeEach(() => {
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'imp-replay-cli-'));
  });
  afterEach(() => fs.rmSync(tmp, { recursive: true, force: true }));
  const copy = (name: string) => {
    const target = path.join(tmp, name);
    fs.copyFileSync(path.join(corpus, name), target);
    return target;
  };

  it('--update rewrites only the replies that changed, keeping their ids, times and the reference', async () => {
    const file = copy('employer-intra-company-transfer.transcript');
    const leadFile = copy('employer-intra-company-transfer.lead.json');
    const before = fs.readFileSync(file, 'utf8').split('\n');
    const leadBefore = fs.readFileSync(leadFile, 'utf8');
    const wording = rewordedFlows();
    const update = () =>
      replayFiles([file], new InProcessDriver(new InProcessBot({ flows: wording })), new Redaction(wording), {
        update: true,
      });

    expect((await update()).files[0]).toMatchObject({ status: 'passed', updated: true });
    const after = fs.readFileSync(file, 'utf8').split('\n');
    expect(after).toHaveLength(before.length);
    const changed = after.flatMap((line, i) => (line === before[i] ? [] : [i]));
    expect(changed).toHaveLength(1); // the one reply that asks the reworded question
    const [was, now] = [before[changed[0]!]!, after[changed[0]!]!].map(
      (line) => JSON.parse(line.replace(/,$/, '')) as { id: string; timestamp: string; text: string },
    );
    expect(now!.text).toContain('Which of these best describes you?');
    expect({ id: now!.id, timestamp: now!.timestamp }).toEqual({ id: was!.id, timestamp: was!.timestamp });
    expect(fs.readFileSync(leadFile, 'utf8')).toBe(leadBefore); // the lead did not change

    const updatedOnce = fs.readFileSync(file, 'utf8');
    expect((await update()).files[0]).toMatchObject({ status: 'passed' });
    expect(fs.readFileSync(file, 'utf8')).toBe(updatedOnce);
  });

  it('refuses --url without --allow-writes, sending nothing', async () => {
    const bot = await startReceiver();
    try {
      const run = await cli(copy('fr-consent-declined.transcript'), '--url', `${bot.url}/api/messages`);
      expect(run.status).toBe(2);
      expect(run.stderr).toContain('--allow-writes');
      expect(run.stdout).toBe('');
      expect(bot.received).toHaveLength(0);
    } finally {
      await bot.close();
    }
  });

  it('writes the JSON report to a file with --out, for scripts', async () => {
    const out = path.join(tmp, 'report.json');
    const run = await cli(copy('fr-consent-declined.transcript'), '--json', '--out', out);
    expect(run.status).toBe(0);
    expect(JSON.parse(fs.readFileSync(out, 'utf8'))).toMatchObject({ passed: 1, failed: 0 });
  });

  it('marks conversations replayed into a server as test traffic: no lead for staff, no notification', async () => {
    const webhook = await startReceiver();
    const config = tempConfig({
      WEBHOOK_URL: `${webhook.url}/hook`,
      WEBHOOK_SECRET: 'a-long-enough-test-secret-for-replays-1234',
    });
    const server = await startServer(config);
    const driver = new HttpDriver(`${server.url}/api/messages`);
    try {
      const report = await replayFiles(
        [copy('employer-intra-company-transfer.transcript')],
        driver,
        new Redaction(flows()),
      );
      expect(report.files[0]).toMatchObject({ status: 'passed', mismatches: [] });
      // the submission was acknowledged to the "prospect" (the replies matched), yet handed on to no one
      expect(await server.leads.all()).toEqual([]);
      expect(await server.staff.notifier.outbox.pendingIds()).toEqual([]);
    } finally {
      driver.close();
      await server.close();
      await webhook.close();
      config.cleanup();
    }
    expect(webhook.received).toHaveLength(0);
  });
});
