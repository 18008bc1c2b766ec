import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { documentsKeyFrom } from '../../src/documents/envelope';
import { DocumentVault } from '../../src/documents/vault';
import { startServer } from '../../src/server';
import { RetentionPurger } from '../../src/staff/retention';
import { intraCompanyWorker, spouseOfWorker } from '../support/answers';
import { tempConfig } from '../support/temp-data';
import { submitIntake, type Running } from '../staff/support';
import { pdfBytes, pngBytes } from './samples';

const DAY = 86_400_000;

describe("a lead's documents go with the lead", () => {
  const config = tempConfig();
  let server: Running;
  let vault: DocumentVault;
  const documentsDir = path.join(config.DATA_DIR, 'documents');
  const leadIdOf = async (name: string) =>
    (await server.leads.all()).find((l) => l.contact.name === name)!.id;

  beforeAll(async () => {
    server = await startServer(config);
    await submitIntake(server, 'erased', intraCompanyWorker);
    await submitIntake(server, 'purged', spouseOfWorker);
    const key = documentsKeyFrom(randomBytes(32).toString('base64'), true)!;
    vault = new DocumentVault(server.storage.leadFiles, key, { scan: async () => ({ clean: true }) });
  }, 60_000);
  afterAll(async () => {
    await server.close();
    config.cleanup();
  });

  it('are kept under DATA_DIR/documents, sealed', async () => {
    const leadId = await leadIdOf(intraCompanyWorker.contactName!);
    await vault.add(leadId, { body: pdfBytes, label: 'offer letter' });
    await vault.add(leadId, { body: pngBytes, label: 'passport' });
    // each: its content and metadata, and the place it holds among the lead's five
    expect(fs.readdirSync(path.join(documentsDir, leadId))).toHaveLength(6);
  });

  it('a privacy deletion removes them', async () => {
    const leadId = await leadIdOf(intraCompanyWorker.contactName!);
    expect(
      await server.staff.eraser.erase(leadId, { by: 'partner@firm.example', reason: 'privacy-request' }),
    ).toBe(true);
    expect(await vault.list(leadId)).toEqual([]);
    expect(fs.existsSync(path.join(documentsDir, leadId))).toBe(false);
  });

  it('the retention purge removes them', async () => {
    const leadId = await leadIdOf(spouseOfWorker.contactName!);
    await vault.add(leadId, { body: pdfBytes, label: 'work permit' });
    const purger = new RetentionPurger(server.staff.stores, server.staff.eraser, {
      retentionDays: config.RETENTION_DAYS,
      abandonedDays: config.ABANDONED_DAYS,
      now: () => new Date(Date.now() + (config.RETENTION_DAYS + 1) * DAY),
    });
    expect((await purger.run()).leads).toBe(1);
    expect(await vault.list(leadId)).toEqual([]);
    expect(fs.readdirSync(documentsDir)).toEqual([]);
  });
});
