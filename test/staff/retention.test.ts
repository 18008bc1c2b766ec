import { startServer } from '../../src/server';
import { RetentionPurger } from '../../src/staff/retention';
import { intraCompanyWorker } from '../support/answers';
import { ask } from '../support/http-bot';
import { flows } from '../support/talk';
import { filesUnder, tempConfig } from '../support/temp-data';
import { submitIntake, type Running } from './support';

const DAY = 86_400_000;

describe('the retention schedule', () => {
  const config = tempConfig({ RETENTION_DAYS: '365', ABANDONED_DAYS: '30' });
  let server: Running;
  let leadId: string;

  const conversationExists = async (id: string) =>
    (await server.conversations.read([`test/conversations/${id}`]))[`test/conversations/${id}`] !== undefined;
  const transcriptLength = async (id: string) => (await server.transcripts.read('test', id)).length;
  const purgerAt = (daysLater: number) =>
    new RetentionPurger(server.staff.stores, server.staff.eraser, {
      retentionDays: config.RETENTION_DAYS,
      abandonedDays: config.ABANDONED_DAYS,
      now: () => new Date(Date.now() + daysLater * DAY),
    });

  beforeAll(async () => {
    server = await startServer(config);
    await submitIntake(server, 'kept-lead', { ...intraCompanyWorker, contactName: 'Ottoline Vantongeren' });
    leadId = (await server.leads.all())[0]!.id;
    // a prospect who stopped after two questions, asking for a person
    await ask(server.url, 'abandoned', 'hello');
    await ask(server.url, 'abandoned', 'yes');
    await ask(server.url, 'abandoned', flows()['en-CA'].steps.role.choices!.worker!);
    await ask(server.url, 'abandoned', 'talk to a person');
    // asked how to reach them first, then handed off
    await ask(server.url, 'abandoned', 'Ana Souza');
    await ask(server.url, 'abandoned', 'ana.souza@example.com');
    // and one who declined consent
    await ask(server.url, 'declined', 'hello');
    await ask(server.url, 'declined', 'no');
    await server.transcripts.settled();
  }, 30_000);
  afterAll(async () => {
    await server.close();
    config.cleanup();
  });

  it('keeps everything younger than the limits', async () => {
    expect(await purgerAt(29).run()).toEqual({ leads: 0, conversations: 0, transcripts: 0, handoffs: 0 });
    expect(await conversationExists('abandoned')).toBe(true);
  });

  it('purges conversations never submitted after ABANDONED_DAYS, with their transcript and handoff', async () => {
    const handoffs = await server.staff.stores.handoffs.all();
    expect(handoffs).toHaveLength(1);
    const intakeId = handoffs[0]!.intakeId;
    expect(await transcriptLength('abandoned')).toBeGreaterThan(0);

    const report = await purgerAt(31).run();
    expect(report).toMatchObject({ leads: 0, conversations: 2 });
    expect(await conversationExists('abandoned')).toBe(false);
    expect(await conversationExists('declined')).toBe(false);
    expect(await transcriptLength('abandoned')).toBe(0);
    expect(await transcriptLength('declined')).toBe(0);
    expect(await server.staff.stores.handoffs.get(intakeId)).toBeUndefined();
    expect(Object.keys(filesUnder(config.DATA_DIR)).filter((f) => f.includes(intakeId))).toEqual([]);
    // the submitted one stays
    expect(await conversationExists('kept-lead')).toBe(true);
    expect(await server.leads.get(leadId)).toBeDefined();
  });

  it('deletes leads and their conversations after RETENTION_DAYS, and logs it', async () => {
    const report = await purgerAt(366).run();
    expect(report.leads).toBe(1);
    expect(await server.leads.get(leadId)).toBeUndefined();
    expect(await conversationExists('kept-lead')).toBe(false);
    expect(await transcriptLength('kept-lead')).toBe(0);
    expect(await server.staff.stores.index.size()).toBe(0);
    const files = filesUnder(config.DATA_DIR);
    expect(JSON.stringify(files)).not.toContain('Ottoline');
    expect(JSON.stringify(files)).not.toContain('priya@example.com');
    const log = await server.staff.stores.audit.latest(200);
    expect(log).toEqual([expect.objectContaining({ leadId, reason: 'retention', by: 'retention' })]);
  });
});
