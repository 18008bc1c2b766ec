import fs from 'node:fs';
import path from 'node:path';
import { leadSchema, type Lead } from '../../src/screening/lead';
import { createStaffStores } from '../../src/staff';
import { LEAD_ROW_FORMAT, type LeadRow } from '../../src/ports/lead-list';
import { rowOf, rowsFrom } from '../../src/staff/lead-index';
import { WorkflowStore } from '../../src/staff/workflow';
import { fileLayout, openFileStorage } from '../../src/storage/file';
import { SAVED_ROW_FILES } from '../../src/storage/file/lead-index';
import { MemoryLeadIndex } from '../../src/storage/memory/lead-index';
import type { Storage } from '../../src/ports/storage';
import { startServer } from '../../src/server';
import { tempConfig } from '../support/temp-data';

/**
 * The file store saves the lead list's rows (DATA_DIR/leads/.index) so that a start reads only
 * the leads written since, not every lead; the rows it then lists must be the ones a full read
 * gives, and an erased lead must leave the saved file too.
 */

const sample = leadSchema.parse(
  JSON.parse(fs.readFileSync(path.join(__dirname, 'fixtures', 'sample-lead.json'), 'utf8')),
);

describe('the row of a lead', () => {
  it('is what the saved rows of this format hold (a change to the row must raise LEAD_ROW_FORMAT)', () => {
    // When this fails because rowOf or attentionOf changed what a row holds: raise LEAD_ROW_FORMAT
    // (src/staff/lead-index.ts) and update both here, so that no start reuses rows of the old kind.
    expect({ format: LEAD_ROW_FORMAT, row: rowOf(sample, 'new') }).toEqual({
      format: 1,
      row: {
        id: 'lead-sample',
        reference: 'IMP-2026-TEST-MPLE',
        createdAt: '2026-11-10T10:00:00.000Z',
        status: 'new',
        role: 'worker',
        priority: 'medium',
        urgency: 'urgent',
        deadline: '2026-12-01',
        streams: ['C41/C46'],
        name: 'Maria Santos',
        email: 'maria@example.com',
        handoff: true,
        flags: 1,
        search: 'maria santos\nmaria@example.com\nimp-2026-test-mple',
        attention: {
          urgency: { level: 'urgent', deadline: '2026-12-01', reason: 'Status expires 2026-12-01' },
          flags: [{ ground: 'medical-exam', serious: true }],
        },
        phone: '+16045550199',
        source: 'other',
      },
    });
  });
});

describe('the saved lead rows of the file store', () => {
  const config = tempConfig();
  afterAll(() => config.cleanup());
  const savedFolder = fileLayout(config.DATA_DIR).leadRows;
  /** Every saved file's text, together. */
  const savedText = () =>
    fs
      .readdirSync(savedFolder)
      .map((name) => fs.readFileSync(path.join(savedFolder, name), 'utf8'))
      .join('');
  /** Replaces the saved files with one file of this text. */
  const saveOnly = (text: string) => {
    fs.rmSync(savedFolder, { recursive: true });
    fs.mkdirSync(savedFolder);
    fs.writeFileSync(path.join(savedFolder, 'rows-00.jsonl'), text);
  };

  const leadNumbered = (n: number, overrides: Partial<Lead> = {}): Lead => ({
    ...sample,
    id: `lead-${n}`,
    reference: `IMP-2026-TEST-000${n}`,
    createdAt: `2026-11-1${n}T10:00:00.000Z`,
    handoffRequested: n % 2 === 0,
    contact: { ...sample.contact, name: `Prospect ${n}`, email: `prospect${n}@example.com` },
    ...overrides,
  });

  /** The saved files: their formats (each file's first line) and their rows (one per line). */
  function savedRows(): { formats: number[]; rows: LeadRow[] } {
    const formats: number[] = [];
    const rows: LeadRow[] = [];
    for (const name of fs.readdirSync(savedFolder)) {
      const [header, ...lines] = fs
        .readFileSync(path.join(savedFolder, name), 'utf8')
        .split('\n')
        .filter((line) => line !== '')
        .map((line) => JSON.parse(line) as unknown);
      formats.push((header as { format: number }).format);
      rows.push(...(lines as LeadRow[]));
    }
    return { formats, rows };
  }

  /** A server's start on the data folder: its stores, its index loaded, and the leads it read. */
  async function start(): Promise<{
    storage: Storage;
    read: string[];
    staff: ReturnType<typeof createStaffStores>;
  }> {
    const storage = openFileStorage(config.DATA_DIR);
    const read: string[] = [];
    const get = storage.leads.get.bind(storage.leads);
    storage.leads.get = (id: string) => {
      read.push(id);
      return get(id);
    };
    const staff = createStaffStores(config, { storage });
    await staff.loadIndex();
    return { storage, read, staff };
  }

  /** The rows a start that reads every lead lists (no saved rows). */
  async function fullRead(): Promise<LeadRow[]> {
    const storage = openFileStorage(config.DATA_DIR);
    const staff = createStaffStores(config, { storage });
    const index = new MemoryLeadIndex();
    await index.load(
      rowsFrom({
        leads: storage.leads,
        workflow: storage.workflow,
        handoffIds: () => staff.stores.handoffs.intakeIds(),
      }),
    );
    return index.select({});
  }

  it('reads every lead at the first start, then only the leads written since', async () => {
    const first = await start();
    for (const n of [1, 2, 3]) await first.storage.leads.create(`lead-${n}`, leadNumbered(n));
    const second = await start();
    expect(second.read.sort()).toEqual(['lead-1', 'lead-2', 'lead-3']);
    const files = fs.readdirSync(savedFolder);
    expect(files).toHaveLength(SAVED_ROW_FILES);
    for (const file of files) expect(fs.statSync(path.join(savedFolder, file)).mode & 0o777).toBe(0o600);
    expect(savedRows().formats).toEqual(files.map(() => LEAD_ROW_FORMAT));

    // meanwhile: a new lead, and staff changed the workflow of a saved one
    await second.storage.leads.create('lead-4', leadNumbered(4, { handoffRequested: false }));
    await new WorkflowStore(second.storage.workflow).assign(
      'lead-1',
      { owner: 'alex@firm.example', followUp: '2026-11-20' },
      'alex@firm.example',
      new Date('2026-11-19T12:00:00.000Z'),
    );
    await new WorkflowStore(second.storage.workflow).change(
      'lead-3',
      { status: 'contacted' },
      'alex@firm.example',
      new Date('2026-11-19T12:00:00.000Z'),
    );
    // leads 1 and 4 did not ask for a person in their intake, but did afterwards (a handoff
    // document): lead 1's row is saved, lead 4's is read
    for (const id of ['lead-1', 'lead-4'])
      await second.storage.handoffs.put(id, {
        intakeId: id,
        conversationKey: `emulator/conversations/${id}`,
        requests: [],
      });

    const third = await start();
    expect(third.read).toEqual(['lead-4']);
    const listed = await third.storage.leadIndex.select({});
    expect(listed).toEqual(await fullRead());
    expect(listed.find((r) => r.id === 'lead-1')).toMatchObject({
      owner: 'alex@firm.example',
      handoff: true,
    });
    expect(listed.find((r) => r.id === 'lead-3')).toMatchObject({ status: 'contacted', handoff: false });
    expect(listed.find((r) => r.id === 'lead-4')).toMatchObject({ handoff: true });
  });

  it('reads every lead again when the saved rows are of another format, or unreadable', async () => {
    const current = savedRows();
    expect(current.rows).toHaveLength(4);
    const rowLines = current.rows.map((row) => JSON.stringify(row));
    for (const content of [
      [JSON.stringify({ format: LEAD_ROW_FORMAT - 1 }), ...rowLines].join('\n'),
      [JSON.stringify({ format: LEAD_ROW_FORMAT }), ...rowLines.slice(0, 2), rowLines[2]!.slice(0, 20)].join(
        '\n',
      ),
      JSON.stringify({ format: LEAD_ROW_FORMAT }),
      '',
    ]) {
      saveOnly(content);
      const again = await start();
      expect(again.read.sort()).toEqual(['lead-1', 'lead-2', 'lead-3', 'lead-4']);
      expect(await again.storage.leadIndex.select({})).toEqual(await fullRead());
    }
  });

  it('keeps the workflow part of the saved rows out of the file, and of the list when a row still has one', async () => {
    const current = savedRows();
    // lead 1 has an owner and a follow-up in its workflow record, not in the saved rows
    expect(current.rows.find((r) => r.id === 'lead-1')).not.toHaveProperty('owner');
    // a row saved with an owner its record no longer has (an older file): the record wins
    for (const row of current.rows)
      if (row.id === 'lead-2') Object.assign(row, { owner: 'gone@firm.example' });
    saveOnly([{ format: LEAD_ROW_FORMAT }, ...current.rows].map((line) => JSON.stringify(line)).join('\n'));
    const again = await start();
    expect(again.read).toEqual([]);
    expect(await again.storage.leadIndex.get('lead-2')).not.toHaveProperty('owner');
    expect(await again.storage.leadIndex.select({})).toEqual(await fullRead());
  });

  it('lists no lead another process deleted, though the saved rows still hold it', async () => {
    const before = savedText();
    await openFileStorage(config.DATA_DIR).leads.delete('lead-4');
    expect(savedText()).toBe(before);
    const after = await start();
    expect(after.read).toEqual([]);
    expect((await after.storage.leadIndex.select({})).map((r) => r.id).sort()).toEqual([
      'lead-1',
      'lead-2',
      'lead-3',
    ]);
    expect(savedText()).not.toContain('prospect4@example.com');
  });

  it('drops an erased lead from the saved rows before the erasure is done', async () => {
    // lead 66 is saved in the same file as lead 2 (of 64, by a hash of the id)
    const lead66 = leadNumbered(66, { createdAt: '2026-11-16T10:00:00.000Z' });
    const first = await start();
    await first.storage.leads.create('lead-66', lead66);
    const { staff } = await start();
    expect(await staff.stores.index.get('lead-66')).toBeDefined();
    expect(savedText()).toContain('prospect2@example.com');
    expect(savedText()).toContain('prospect66@example.com');
    // another process erases lead 66: this one's rows still hold it, its next save must not
    await first.staff.eraser.erase('lead-66', { by: 'alex@firm.example', reason: 'privacy-request' });
    expect(savedText()).not.toContain('prospect66@example.com');
    await Promise.all([
      staff.eraser.erase('lead-2', { by: 'alex@firm.example', reason: 'privacy-request' }),
      staff.eraser.erase('lead-3', { by: 'alex@firm.example', reason: 'privacy-request' }),
    ]);
    const saved = savedText();
    expect(saved).not.toContain('prospect2@example.com');
    expect(saved).not.toContain('prospect3@example.com');
    expect(saved).not.toContain('prospect66@example.com');
    expect(saved).toContain('prospect1@example.com');
  });
});

describe('a server closed as soon as it started', () => {
  it('has finished its first load of the lead list, rows saved, when close resolves: nothing writes into its data folder after', async () => {
    const config = tempConfig();
    try {
      const server = await startServer(config);
      await server.close();
      // the load's save is the last thing written; were it still under way, fewer files would be there
      expect(fs.readdirSync(fileLayout(config.DATA_DIR).leadRows).sort()).toHaveLength(SAVED_ROW_FILES);
    } finally {
      config.cleanup();
    }
  });
});
