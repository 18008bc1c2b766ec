import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { verifyWebhookSignature } from '../../src/notify';
import { startServer } from '../../src/server';
import { intraCompanyWorker } from '../support/answers';
import { filesUnder, tempConfig } from '../support/temp-data';
import { eventually } from '../notify/support';
import { addStaff, StaffClient, submitIntake, type Running } from './support';

/** The acceptance, from a fresh data folder, with every part real except the network. */

const prospect = {
  ...intraCompanyWorker,
  contactName: 'Zelda Quixote-Marchetti',
  contactEmail: 'zelda.qm@example.org',
  contactPhone: '+16045550777',
  offerJobTitle: 'Ornithology of Zanzibar',
};
const traces = ['Zelda', 'Quixote', 'zelda.qm@example.org', '6045550777', 'Ornithology of Zanzibar'];

describe('acceptance: a completed intake, from the prospect to deletion', () => {
  const secret = 'acceptance-webhook-secret-of-32-characters-or-more';
  const mails: string[] = [];
  const hooks: { verified: boolean; event: string }[] = [];
  let smtp: SMTPServer;
  let receiver: http.Server;
  let config: ReturnType<typeof tempConfig>;
  let server: Running;

  beforeAll(async () => {
    smtp = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS', 'AUTH'],
      disableReverseLookup: true,
      logger: false,
      onData(stream, _session, callback) {
        let raw = '';
        stream.on('data', (chunk: Buffer) => (raw += chunk.toString('utf8')));
        stream.on('end', () => {
          mails.push(raw);
          callback();
        });
      },
    });
    await new Promise<void>((resolve) => smtp.listen(0, '127.0.0.1', resolve));
    receiver = http.createServer((req, res) => {
      let body = '';
      req.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
      req.on('end', () => {
        hooks.push({
          event: String(req.headers['x-imp-event']),
          verified: verifyWebhookSignature({
            body,
            timestamp: req.headers['x-imp-timestamp'] as string,
            signature: req.headers['x-imp-signature'] as string,
            secret,
          }),
        });
        res.writeHead(204).end();
      });
    });
    await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
    config = tempConfig({
      SMTP_URL: `smtp://127.0.0.1:${(smtp.server.address() as AddressInfo).port}`,
      STAFF_EMAIL: 'intake@firm.example',
      WEBHOOK_URL: `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/imp`,
      WEBHOOK_SECRET: secret,
    });
    server = await startServer(config);
  }, 30_000);
  afterAll(async () => {
    await server.close();
    await new Promise<void>((resolve) => smtp.close(() => resolve()));
    receiver.closeAllConnections();
    await new Promise<void>((resolve) => receiver.close(() => resolve()));
    config.cleanup();
  });

  let reference: string;
  let leadId: string;

  it('records the lead, visible on the dashboard after sign-in and not before', async () => {
    reference = await submitIntake(server, 'acceptance-1', prospect, { handoffAtReview: true });
    leadId = (await server.leads.all())[0]!.id;
    const anonymous = await fetch(`${server.url}/staff/leads/${leadId}`, { redirect: 'manual' });
    expect(anonymous.status).toBe(303);
    expect(await anonymous.text()).not.toContain('Zelda');

    await addStaff(config.DATA_DIR);
    const client = new StaffClient(server.url);
    await client.login();
    const list = await (await client.get('/staff/leads')).text();
    expect(list).toContain(reference);
    expect(list).toContain('Zelda Quixote-Marchetti');
  });

  it('emails staff through the SMTP server and posts a webhook the receiver verifies', async () => {
    await eventually(
      () => mails.length >= 2 && hooks.length >= 2,
      10_000,
      'the email and webhook deliveries',
    );
    expect(mails.some((raw) => raw.includes(reference))).toBe(true);
    expect(hooks.map((h) => h.event).sort()).toEqual(['handoff.requested', 'lead.submitted']);
    expect(hooks.every((h) => h.verified)).toBe(true);
    const page = await (await loggedIn()).get(`/staff/leads/${leadId}`);
    const html = await page.text();
    expect(html.match(/delivered/g)?.length).toBeGreaterThanOrEqual(4);
  });

  it('deletes every trace of the prospect from the data folder on a privacy request', async () => {
    const before = JSON.stringify(filesUnder(config.DATA_DIR));
    for (const trace of traces.slice(0, 3)) expect(before).toContain(trace);

    const client = await loggedIn();
    const csrf = await client.csrf(`/staff/leads/${leadId}`);
    const refused = await client.post(`/staff/leads/${leadId}/delete`, { _csrf: csrf, confirm: 'IMP-WRONG' });
    expect(refused.headers.get('location')).toContain('error=confirm-mismatch');
    expect(await server.leads.get(leadId)).toBeDefined();

    const deleted = await client.post(`/staff/leads/${leadId}/delete`, { _csrf: csrf, confirm: reference });
    expect(deleted.headers.get('location')).toBe('/staff/leads?done=deleted');

    const files = filesUnder(config.DATA_DIR);
    for (const [file, content] of Object.entries(files)) {
      for (const trace of traces) {
        expect({ file, found: content.includes(trace) ? trace : undefined }).toEqual({
          file,
          found: undefined,
        });
      }
    }
    expect(Object.keys(files).some((f) => f.startsWith('conversations/'))).toBe(false);
    expect(Object.keys(files).some((f) => f.startsWith('transcripts/'))).toBe(false);
    expect(Object.keys(files).some((f) => f.includes(leadId) && !f.endsWith('deletions.jsonl'))).toBe(false);

    // the deletion itself is recorded, without personal data
    const log = await (await client.get('/staff/deletions')).text();
    expect(log).toContain(reference);
    expect(log).toContain('privacy-request');
    expect((await client.get(`/staff/leads/${leadId}`)).status).toBe(404);
    expect(await (await client.get('/staff/leads')).text()).not.toContain(reference);
  });

  async function loggedIn(): Promise<StaffClient> {
    const client = new StaffClient(server.url);
    await client.login();
    return client;
  }
});
