import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { FileTranscriptStore } from '../../src/storage/file/transcripts';
import { findConversationByReference } from '../../src/storage/transcripts';
import { type TranscriptActivity } from '../../src/ports/transcripts';

const activity = (
  conversation: string,
  n: number,
  extra: Partial<TranscriptActivity> = {},
): TranscriptActivity => ({
  type: 'message',
  channelId: 'webchat',
  conversation: { id: conversation },
  id: `${conversation}-${n}`,
  from: { id: n % 2 ? 'prospect' : 'bot', role: n % 2 ? 'user' : 'bot' },
  text: `message ${n}`,
  ...extra,
});

describe('the transcript store (one append-only JSON Lines file per conversation)', () => {
  let dir: string;
  let store: FileTranscriptStore;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'imp-transcripts-'));
    store = new FileTranscriptStore(dir);
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('keeps every activity of a conversation in the order appended, even when appends are not awaited', async () => {
    for (let n = 1; n <= 50; n++) void store.append(activity('c1', n));
    await store.settled();
    const read = await store.read('webchat', 'c1');
    expect(read.map((a) => a.id)).toEqual(Array.from({ length: 50 }, (_, i) => `c1-${i + 1}`));
  });

  it('appends without rewriting: the file only grows by the new line', async () => {
    await store.append(activity('c1', 1));
    const file = store.fileOf('webchat', 'c1');
    const before = fs.readFileSync(file, 'utf8');
    await store.append(activity('c1', 2));
    const after = fs.readFileSync(file, 'utf8');
    expect(after.startsWith(before)).toBe(true);
    expect(after.slice(before.length)).toBe(`${JSON.stringify(activity('c1', 2))}\n`);
  });

  it('keeps conversations apart, per channel too, and returns [] for one never recorded', async () => {
    await store.append(activity('c1', 1));
    await store.append({ ...activity('c1', 2), channelId: 'msteams' });
    expect(await store.read('webchat', 'c1')).toHaveLength(1);
    expect(await store.read('msteams', 'c1')).toHaveLength(1);
    expect(await store.read('webchat', 'nobody')).toEqual([]);
  });

  it('lists recorded conversations with the time of their last activity', async () => {
    await store.append(activity('c1', 1));
    await store.append(activity('c2|livechat', 1));
    const listed = [];
    for await (const summary of store.conversations()) listed.push(summary);
    expect(listed.map((s) => s.conversationId).sort()).toEqual(['c1', 'c2|livechat']);
    expect(listed.every((s) => s.channelId === 'webchat' && !Number.isNaN(Date.parse(s.updatedAt)))).toBe(
      true,
    );
  });

  it('deletes a conversation and says whether there was one', async () => {
    await store.append(activity('c1', 1));
    expect(await store.delete('webchat', 'c1')).toBe(true);
    expect(await store.read('webchat', 'c1')).toEqual([]);
    expect(await store.delete('webchat', 'c1')).toBe(false);
  });

  it('skips a last line cut short by a crash instead of failing the whole transcript', async () => {
    await store.append(activity('c1', 1));
    fs.appendFileSync(store.fileOf('webchat', 'c1'), '{"type":"message","chann');
    expect((await store.read('webchat', 'c1')).map((a) => a.id)).toEqual(['c1-1']);
  });

  it('refuses an activity without a channel or a conversation', async () => {
    await expect(store.append({ type: 'message' } as TranscriptActivity)).rejects.toThrow(/channelId/);
  });

  it('finds the last matching activity reading backwards, across chunk boundaries', async () => {
    const long = 'x'.repeat(30_000);
    await store.append(activity('c1', 2, { channelData: { intake: { step: 'role' } } }));
    for (let n = 3; n < 12; n++) await store.append(activity('c1', n, { text: long }));
    const found = await store.findLast('webchat', 'c1', (a) => a.channelData !== undefined);
    expect(found?.id).toBe('c1-2');
    expect(await store.findLast('webchat', 'c1', () => false)).toBeUndefined();
    expect(await store.findLast('webchat', 'nobody', () => true)).toBeUndefined();
  });

  it('finds the conversation of a lead by its reference, through the conversation record or the confirmation', async () => {
    await store.append(activity('linked', 1));
    await store.append(activity('announced', 1));
    await store.append(
      activity('announced', 2, { text: 'Your reference number is **IMP-2026-AB12-CD34**.' }),
    );
    const records: Record<string, { leadId?: string }> = {
      'webchat/conversations/linked': { leadId: 'lead-1' },
    };
    const lookup = {
      transcripts: store,
      loadConversation: async (key: string) => records[key],
      leads: {
        all: async () => [
          { id: 'lead-1', reference: 'IMP-2026-ZZZZ-0001' },
          { id: 'lead-2', reference: 'IMP-2026-AB12-CD34' },
        ],
      },
    };
    expect((await findConversationByReference('imp-2026-zzzz-0001', lookup))?.conversationId).toBe('linked');
    expect((await findConversationByReference('IMP-2026-AB12-CD34', lookup))?.conversationId).toBe(
      'announced',
    );
    expect(await findConversationByReference('IMP-2026-NONE-0000', lookup)).toBeUndefined();
  });
});
