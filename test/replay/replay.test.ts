import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { InProcessBot } from '../../src/bot/in-process-bot';
import { InProcessDriver } from '../../tools/replay/in-process-driver';
import type { Flows } from '../../src/intake/flows';
import { Redaction } from '../../src/intake/redaction';
import { formatFileReport } from '../../tools/replay/report';
import { replayFiles, replayScript } from '../../tools/replay/runner';
import { readScript } from '../../tools/replay/script';
import { flows } from '../support/talk';

const corpus = path.join(__dirname, '..', 'transcripts');
const root = path.join(__dirname, '..', '..');

/** The flows with one prompt reworded, as if someone had edited flows/en-CA.yaml. */
function rewordedFlows(): Flows {
  const copy = structuredClone(flows());
  copy['en-CA'].steps.role.prompt = 'Which of these best describes you?';
  return copy;
}

const replayWith = (files: string[], wording: Flows = flows(), update = false) =>
  replayFiles(files, new InProcessDriver(new InProcessBot({ flows: wording })), new Redaction(wording), {
    update,
  });

describe('replaying recorded conversations', () => {
  let tmp: string;
  beforeEach(() => {
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'imp-replay-'));
  });
  afterEach(() => fs.rmSync(tmp, { recursive: true, force: true }));

  const copy = (name: string) => {
    const target = path.join(tmp, name);
    fs.copyFileSync(path.join(corpus, name), target);
    return target;
  };

  it('replays a transcript saved by the Bot Framework Emulator and a hand-written Chatdown file', async () => {
    const emulator = readScript(path.join(corpus, 'emulator-employer.transcript'));
    expect(emulator.turns[0]!.user).toMatchObject({ type: 'conversationUpdate', channelId: 'emulator' });
    expect(emulator.turns.some((t) => t.other.some((a) => a.type === 'trace'))).toBe(true);
    const report = await replayWith([
      path.join(corpus, 'emulator-employer.transcript'),
      path.join(corpus, 'hand-written-declined-then-employer.chat'),
    ]);
    expect(report.files.map((f) => [path.basename(f.file), f.status, f.mismatches])).toEqual([
      ['emulator-employer.transcript', 'passed', []],
      ['hand-written-declined-then-employer.chat', 'passed', []],
    ]);
  });

  it('fails when a prompt is reworded, naming the turn, the message and the changed line', async () => {
    const report = await replayWith(
      [path.join(corpus, 'employer-intra-company-transfer.transcript')],
      rewordedFlows(),
    );
    const [file] = report.files;
    expect(file!.status).toBe('failed');
    expect(file!.mismatches).toEqual([
      expect.objectContaining({
        turn: 2,
        user: '"Yes"',
        kind: 'text',
        expected: 'Which of these describes you?',
        actual: 'Which of these best describes you?',
      }),
    ]);
    const printed = formatFileReport(file!);
    expect(printed).toContain('employer-intra-company-transfer.transcript');
    expect(printed).toContain('turn 2 — user: "Yes"');
    expect(printed).toContain('- Which of these describes you?');
    expect(printed).toContain('+ Which of these best describes you?');
  });

  it('rewrites the expected replies with --update, after which the new wording passes and the old fails', async () => {
    const files = [copy('hand-written-declined-then-employer.chat'), copy('review-changes.transcript')];
    const updated = await replayWith(files, rewordedFlows(), true);
    expect(updated.files.map((f) => [f.status, f.updated])).toEqual([
      ['passed', true],
      ['passed', true],
    ]);
    expect(fs.readFileSync(files[0]!, 'utf8')).toContain('IntakeBot: Which of these best describes you?');
    expect((await replayWith(files, rewordedFlows())).failed).toBe(0);
    expect((await replayWith(files)).failed).toBe(2);
  });

  it('compares the lead a conversation produces with its .lead.json, field by field', async () => {
    const transcript = copy('employer-intra-company-transfer.transcript');
    const leadFile = copy('employer-intra-company-transfer.lead.json');
    const lead = JSON.parse(fs.readFileSync(leadFile, 'utf8'));
    expect(lead).toMatchObject({ id: '<lead id>', reference: 'IMP-YYYY-XXXX-XXXX', role: 'employer' });
    lead.screening.priority.level = lead.screening.priority.level === 'high' ? 'low' : 'high';
    delete lead.answers.employerWage;
    fs.writeFileSync(leadFile, JSON.stringify(lead));

    const report = await replayWith([transcript]);
    expect(report.files[0]!.status).toBe('failed');
    expect(report.files[0]!.mismatches).toEqual([]);
    expect(report.files[0]!.lead?.differences.map((d) => d.path)).toEqual([
      'answers.employerWage',
      'screening.priority.level',
    ]);
    expect(formatFileReport(report.files[0]!)).toMatch(
      /screening\.priority\.level: expected "(high|low)", actual "/,
    );
  });

  it('reports a different step, a reply the transcript does not have and one the bot did not send', async () => {
    const file = copy('fr-consent-declined.transcript');
    const activities = JSON.parse(fs.readFileSync(file, 'utf8')) as {
      channelData?: { intake?: { step?: string } };
    }[];
    const botReplies = activities.filter((a) => a.channelData?.intake?.step);
    botReplies[0]!.channelData!.intake!.step = 'role';
    activities.splice(activities.indexOf(botReplies[1]!), 1);
    activities.push(JSON.parse(JSON.stringify(botReplies[0])));
    fs.writeFileSync(file, JSON.stringify(activities));

    const script = readScript(file);
    const report = await replayScript(
      script,
      new InProcessDriver(new InProcessBot({ flows: flows() })),
      new Redaction(flows()),
    );
    expect(report.mismatches.map((m) => [m.turn, m.kind])).toEqual([
      [1, 'step'],
      [2, 'unexpected'],
      [3, 'missing'],
    ]);
  });

  it('reports a file it cannot replay as a failure that says why', async () => {
    const empty = path.join(tmp, 'empty.transcript');
    fs.writeFileSync(empty, '[]');
    const broken = path.join(tmp, 'broken.transcript');
    fs.writeFileSync(broken, '[{"type": "message",');
    const report = await replayWith([empty, broken]);
    expect(report.failed).toBe(2);
    expect(report.files.map((f) => [f.status, f.error])).toEqual([
      ['error', expect.stringMatching(/no user activity to replay/)],
      ['error', expect.stringMatching(/broken\.transcript: not valid JSON/)],
    ]);
  });

  it('is a command: N passed, N failed as the last line, exit code 1 on a failure, --json on request', () => {
    const passing = copy('fr-consent-declined.transcript');
    const failing = path.join(tmp, 'failing.chat');
    fs.writeFileSync(failing, 'user: hi\nbot: Hello!\n');
    const tsx = path.join(root, 'node_modules', '.bin', 'tsx');
    const run = (...args: string[]) =>
      spawnSync(tsx, [path.join(root, 'scripts', 'replay.ts'), ...args], { cwd: root, encoding: 'utf8' });

    const text = run(passing, failing, '--jobs', '2');
    expect(text.status).toBe(1);
    const lines = text.stdout.trim().split('\n');
    expect(lines.at(-1)).toBe('1 passed, 1 failed');
    expect(text.stdout).toContain('turn 1 — user: "hi"');
    expect(text.stdout).toContain('- Hello!');
    expect(text.stdout).toContain('in 2 processes');

    const json = run(passing, '--json');
    expect(json.status).toBe(0);
    expect(JSON.parse(json.stdout)).toMatchObject({ passed: 1, failed: 0, files: [{ status: 'passed' }] });
  }, 60_000);
});
