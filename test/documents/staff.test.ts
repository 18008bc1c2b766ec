import { randomBytes } from 'node:crypto';
import { startServer } from '../../src/server';
import { StaffDirectory } from '../../src/staff/accounts';
import { openFileStorage } from '../../src/storage/file';
import { intraCompanyWorker } from '../support/answers';
import { startClamd, type TestClamd } from '../support/clamd';
import { tempConfig } from '../support/temp-data';
import { addStaff, STAFF_EMAIL, StaffClient, submitIntake, type Running } from '../staff/support';
import { pdfBytes } from './samples';

describe("staff: a lead's documents, their download and the lead's audit trail", () => {
  let clamd: TestClamd;
  let config: ReturnType<typeof tempConfig>;
  let server: Running;
  let staff: StaffClient;
  let leadId: string;
  let documentId: string;

  beforeAll(async () => {
    clamd = await startClamd();
    config = tempConfig({ DOCUMENTS_KEY: randomBytes(32).toString('base64'), CLAMD_SOCKET: clamd.socket });
    server = await startServer(config);
    const reference = await submitIntake(server, 'documents-staff-1', intraCompanyWorker);
    leadId = (await server.leads.all()).find((l) => l.reference === reference)!.id;
    documentId = (await server.documents!.add(leadId, { body: pdfBytes, label: 'offer letter' })).id;
    await addStaff(config.DATA_DIR);
    staff = new StaffClient(server.url);
    await staff.login();
  }, 60_000);
  afterAll(async () => {
    await server?.close();
    config?.cleanup();
    await clamd?.stop();
  });

  it('lists the documents on the lead and records the view', async () => {
    const page = await (await staff.get(`/staff/leads/${leadId}`)).text();
    expect(page).toContain(`/staff/leads/${leadId}/documents/${documentId}`);
    expect(page).toContain('offer letter, PDF, 1 kB');
    expect(page).toMatch(new RegExp(`${STAFF_EMAIL.replace('.', '\\.')} ·\\s+viewed the lead`));
  });

  it('downloads the same bytes, as an attachment, and records who and when', async () => {
    const response = await staff.get(`/staff/leads/${leadId}/documents/${documentId}`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/pdf');
    expect(response.headers.get('content-disposition')).toMatch(
      /^attachment; filename="IMP-.*-offer-letter\.pdf"$/,
    );
    expect(Buffer.from(await response.arrayBuffer()).equals(pdfBytes)).toBe(true);

    const csv = await (await staff.get(`/staff/leads/${leadId}/access.csv`)).text();
    const lines = csv.trim().split('\r\n');
    expect(lines[0]).toBe('time (UTC),who,action,document,type');
    expect(lines.at(-1)).toMatch(new RegExp(`^\\d{4}-.*Z,${STAFF_EMAIL},downloaded,${documentId},pdf$`));
    const page = await (await staff.get(`/staff/leads/${leadId}`)).text();
    expect(page).toContain(`downloaded document ${documentId} (pdf)`);
  });

  it("records a read of the lead through the staff API (the lead, the list) under the token's name", async () => {
    const token = await new StaffDirectory(openFileStorage(config.DATA_DIR).staffDirectory).createToken(
      'crm-sync',
    );
    const response = await fetch(`${server.url}/staff/api/leads/${leadId}`, {
      headers: { authorization: `Bearer ${token}` },
    });
    expect(response.status).toBe(200);
    const entries = async () => (await server.storage.leadAccess.get(leadId))!.entries;
    expect((await entries()).at(-1)).toMatchObject({ by: 'api token crm-sync', action: 'viewed' });
    const before = (await entries()).length;
    const list = await fetch(`${server.url}/staff/api/leads`, {
      headers: { authorization: `Bearer ${token}` },
    });
    expect(((await list.json()) as { items: unknown[] }).items).toHaveLength(1);
    expect((await entries()).slice(before)).toMatchObject([{ by: 'api token crm-sync', action: 'viewed' }]);
  });

  it("records an export holding the lead in the lead's trail", async () => {
    expect((await staff.get('/staff/export.csv')).status).toBe(200);
    const entries = (await server.storage.leadAccess.get(leadId))!.entries;
    expect(entries.at(-1)).toMatchObject({ by: STAFF_EMAIL, action: 'exported' });
    const page = await (await staff.get(`/staff/leads/${leadId}`)).text();
    expect(page).toContain('exported the lead (CSV or JSON)');
  });

  it('serves nothing to a visitor who is not signed in, and nothing of another lead', async () => {
    const anonymous = await fetch(`${server.url}/staff/leads/${leadId}/documents/${documentId}`, {
      redirect: 'manual',
    });
    expect(anonymous.status).not.toBe(200);
    expect((await staff.get(`/staff/leads/other-lead/documents/${documentId}`)).status).toBe(404);
    expect(
      (await fetch(`${server.url}/staff/leads/${leadId}/access.csv`, { redirect: 'manual' })).status,
    ).not.toBe(200);
  });

  it('deletes the audit trail and the documents with the lead', async () => {
    await staff.get(`/staff/leads/${leadId}`);
    expect(await server.storage.leadAccess.get(leadId)).toBeDefined();
    await server.staff.eraser.erase(leadId, { by: STAFF_EMAIL, reason: 'privacy-request' });
    expect(await server.storage.leadAccess.get(leadId)).toBeUndefined();
    expect(await server.storage.leadFiles.list(leadId)).toEqual([]);
  });
});
