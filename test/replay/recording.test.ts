import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import fs from 'node:fs';
import path from 'node:path';
import { InProcessBot } from '../../src/bot/in-process-bot';
import { InProcessDriver } from '../../tools/replay/in-process-driver';
import { findRecordedConversation } from '../../tools/replay/export';
import { HttpDriver } from '../../tools/replay/http-driver';
import { Redaction } from '../../src/intake/redaction';
import { replayFiles } from '../../tools/replay/runner';
import { startServer } from '../../src/server';
import { relevantSteps } from '../../src/intake/relevance';
import { stepCatalogue, type StepId } from '../../src/intake/steps';
import { employer, intraCompanyWorker } from '../support/answers';
import { ask } from '../support/http-bot';
import { flows, typedAnswer } from '../support/talk';
import { tempConfig } from '../support/temp-data';
import type { FileTranscriptStore } from '../../src/storage/file/transcripts';

const en = () => flows()['en-CA'];
const root = path.join(__dirname, '..', '..');
type Running = Awaited<ReturnType<typeof startServer>>;

const employerSteps = () => new InProcessBot({ flows: flows() }).engine.reviewSteps(employer);

/** The employer's answers typed over HTTP, with a mistyped email first; returns the reference. */
async function employerIntake(url: string, conversation: string): Promise<string> {
  await ask(url, conversation, 'hello');
  await ask(url, conversation, 'yes');
  await ask(url, conversation, en().steps.role.choices!.employer!);
  for (const step of employerSteps()) {
    if (step === 'contactEmail') await ask(url, conversation, 'dana at lionsgate');
    await ask(url, conversation, typedAnswer(step, employer[step as keyof typeof employer], en()));
  }
  const done = await ask(url, conversation, 'confirm');
  const reference = /IMP-\d{4}-[0-9A-Z]{4}-[0-9A-Z]{4}/.exec(done[0]?.text ?? '')?.[0];
  if (!reference) throw new Error(`no reference in ${done[0]?.text}`);
  return reference;
}

describe('recording conversations through HTTP, exporting and replaying them', () => {
  let config: ReturnType<typeof tempConfig>;
  let server: Running;
  beforeEach(async () => {
    config = tempConfig();
    server = await startServer(config);
  });
  afterEach(async () => {
    await server.close();
    config.cleanup();
  });

  it('records every turn with contact and admissibility answers redacted, and the export replays', async () => {
    const reference = await employerIntake(server.url, 'http-1');
    await server.transcripts.settled();

    const raw = fs.readFileSync((server.transcripts as FileTranscriptStore).fileOf('test', 'http-1'), 'utf8');
    for (const secret of [employer.contactName!, employer.contactEmail!, 'dana at lionsgate', '6045550123']) {
      expect(raw).not.toContain(secret);
    }
    expect(raw).toContain(employer.employerCompany!);
    const stored = await server.transcripts.read('test', 'http-1');
    expect(stored.filter((a) => a.from?.role === 'user')).toHaveLength(
      stored.filter((a) => a.from?.role !== 'user').length,
    );

    const output = path.join(config.DATA_DIR, 'exported', 'http-1.transcript');
    // not spawnSync: the server under test shares this event loop and must keep answering
    const exported = await promisify(execFile)(
      path.join(root, 'node_modules', '.bin', 'tsx'),
      [path.join(root, 'scripts', 'export-transcript.ts'), reference, '-o', output, '--lead'],
      { cwd: root, encoding: 'utf8', env: { ...process.env, DATA_DIR: config.DATA_DIR } },
    );
    expect(exported.stderr).toContain(`to ${output}`);
    const file = JSON.parse(fs.readFileSync(output, 'utf8')) as unknown[];
    expect(file).toEqual(JSON.parse(JSON.stringify(stored)));
    expect(JSON.parse(fs.readFileSync(output.replace(/\.transcript$/, '.lead.json'), 'utf8'))).toMatchObject({
      role: 'employer',
      reference: 'IMP-YYYY-XXXX-XXXX',
    });

    const redaction = new Redaction(flows());
    const inProcess = await replayFiles(
      [output],
      new InProcessDriver(new InProcessBot({ flows: flows() })),
      redaction,
    );
    expect(inProcess.files[0]).toMatchObject({
      status: 'passed',
      mismatches: [],
      lead: { compared: true, differences: [] },
    });

    const driver = new HttpDriver(`${server.url}/api/messages`);
    const overHttp = await replayFiles([output], driver, redaction).finally(() => driver.close());
    expect(overHttp.files[0]).toMatchObject({ status: 'passed', mismatches: [], lead: { compared: false } });
  }, 180_000);

  it('hides every admissibility and contact answer the review shows, in its text and in its card', async () => {
    const worker = { ...intraCompanyWorker, impairedDriving: true, impairedDrivingSince2018: false };
    let replies = await ask(server.url, 'worker-review', 'hello');
    for (let turn = 0; turn < 120 && replies.at(-1)?.channelData?.intake?.step !== 'review'; turn++) {
      const step = replies.at(-1)!.channelData!.intake!.step;
      replies = await ask(
        server.url,
        'worker-review',
        typedAnswer(step, worker[step as keyof typeof worker], en()),
      );
    }
    expect(replies.at(-1)?.channelData?.intake?.step).toBe('review');
    await server.transcripts.settled();
    const review = (await server.transcripts.read('test', 'worker-review')).at(-1)!;
    const hidden = Object.entries(stepCatalogue)
      .filter(
        ([step, s]) =>
          ['admissibility', 'contact'].includes(s.section) && relevantSteps(worker).includes(step as StepId),
      )
      .map(([step]) => en().steps[step as keyof typeof stepCatalogue].label);
    expect(hidden.length).toBeGreaterThanOrEqual(8);
    for (const label of hidden) expect(review.text).toContain(`**${label}:** [redacted]`);
    const card = JSON.stringify(review.attachments ?? []);
    for (const secret of [worker.contactName!, worker.contactEmail!, '6045550199'])
      expect(card).not.toContain(secret);
    const facts = [...card.matchAll(/\{"title":"([^"]*)","value":"([^"]*)"\}/g)].map(([, title, value]) => ({
      title,
      value,
    }));
    expect(facts.length).toBeGreaterThan(hidden.length);
    for (const label of hidden) {
      const fact = facts.find((f) => f.title!.endsWith(label));
      expect(fact).toEqual({ title: fact?.title, value: '[redacted]' });
    }
    expect(review.text).toContain(`**${en().steps.offerJobTitle.label}:** ${worker.offerJobTitle}`);
  });

  it('finds a conversation by id, and says clearly when there is none', async () => {
    await ask(server.url, 'by-id', 'hello');
    await server.transcripts.settled();
    const found = await findRecordedConversation(config.DATA_DIR, 'by-id');
    expect(found.summary).toMatchObject({ channelId: 'test', conversationId: 'by-id' });
    expect(found.activities.map((a) => a.type)).toEqual(['message', 'message']);
    await expect(findRecordedConversation(config.DATA_DIR, 'nobody')).rejects.toThrow(
      /no recorded conversation has the id "nobody"/,
    );
    await expect(findRecordedConversation(config.DATA_DIR, 'IMP-2026-ABCD-EFGH')).rejects.toThrow(
      /no recorded conversation submitted the lead IMP-2026-ABCD-EFGH/,
    );
  });

  it('still redacts after a restart, when the question answered is only in the file', async () => {
    await ask(server.url, 'restarted', 'hello');
    await ask(server.url, 'restarted', 'yes');
    await ask(server.url, 'restarted', en().steps.role.choices!.employer!);
    const steps = employerSteps();
    for (const step of steps.slice(0, steps.indexOf('contactName'))) {
      await ask(server.url, 'restarted', typedAnswer(step, employer[step as keyof typeof employer], en()));
    }
    await server.close();
    server = await startServer(config);
    const replies = await ask(server.url, 'restarted', employer.contactName!);
    expect(replies[0]?.channelData?.intake?.step).toBe('contactRole');
    await server.transcripts.settled();
    const stored = await server.transcripts.read('test', 'restarted');
    expect(stored.at(-2)).toMatchObject({
      text: '[redacted]',
      from: { role: 'user' },
      channelData: { intake: { step: 'contactName', redacted: true } },
    });
    expect(JSON.stringify(stored)).not.toContain(employer.contactName!);
  });
});
