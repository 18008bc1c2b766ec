import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fsyncSetting, openFileStorage } from '../../src/storage/file';
import { FileConversationStore } from '../../src/storage/file/conversations';
import { FileTranscriptStore } from '../../src/storage/file/transcripts';
import { isConflict, type StoreItem } from '../../src/ports/store';
import { describeStoreContract } from './contract';

/**
 * The file store's own promises, beyond the contract every store keeps: its cache of live
 * conversations never hides another process's write, a crash mid-append loses nothing that was
 * acknowledged, and folders written by earlier versions (lowdb's layout) still read.
 */

const root = path.resolve(__dirname, '../..');
const key = 'emulator/conversations/c-1';
let dir: string;

beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'imp-file-conversations-'));
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

function writeFromAnotherProcess(item: StoreItem): string {
  return execFileSync(
    process.execPath,
    ['--import', 'tsx', 'test/storage/support/other-process-write.ts', dir, key, JSON.stringify(item)],
    { cwd: root, encoding: 'utf8' },
  ).trim();
}

async function conflictOf(work: Promise<unknown>): Promise<unknown> {
  return work.then(
    () => undefined,
    (error: unknown) => error,
  );
}

describe('the file conversation store', () => {
  it('never serves a cached item after another process wrote it, nor checks a write against the cached eTag', async () => {
    const store = new FileConversationStore(dir);
    await store.write({ [key]: { step: 'one', eTag: '*' } });
    const mine = (await store.read([key]))[key]!;
    await store.write({ [key]: { ...mine, step: 'two' } }); // cached now, with a version appended

    const theirs = writeFromAnotherProcess({ step: 'theirs', eTag: '*' });
    const seen = (await store.read([key]))[key]!;
    expect(seen).toMatchObject({ step: 'theirs', eTag: theirs });

    // a write from the stale copy is refused; one from what is stored now goes through
    const stale = await conflictOf(store.write({ [key]: { step: 'three', eTag: mine.eTag } }));
    expect(isConflict(stale)).toBe(true);
    await store.write({ [key]: { ...seen, step: 'three' } });
    expect((await store.read([key]))[key]).toMatchObject({ step: 'three' });
  }, 30_000);

  it('hands out the item it holds, deeply frozen, while the file is unchanged (no parse, no restore)', async () => {
    const store = new FileConversationStore(dir);
    await store.write({ [key]: { step: 'one', answers: { role: 'employer' }, eTag: '*' } });
    const first = (await store.read([key]))[key]!;
    expect((await store.read([key]))[key]).toBe(first);
    expect(Object.isFrozen(first) && Object.isFrozen(first.answers)).toBe(true);
    expect(() => {
      (first.answers as Record<string, string>).role = 'worker';
    }).toThrow(TypeError);
    // what another process writes is read again (frozen too)
    writeFromAnotherProcess({ step: 'theirs', eTag: first.eTag });
    const theirs = (await store.read([key]))[key]!;
    expect(theirs).not.toBe(first);
    expect(theirs).toMatchObject({ step: 'theirs' });
    expect(Object.isFrozen(theirs)).toBe(true);
  }, 30_000);

  it('sees another process append to a file it has cached (same inode, grown)', async () => {
    const store = new FileConversationStore(dir);
    await store.write({ [key]: { step: 'one', eTag: '*' } });
    const first = (await store.read([key]))[key]!;
    // the other process appends a version: the file keeps its inode
    const ino = fs.statSync(store.fileOf(key)).ino;
    const theirs = writeFromAnotherProcess({ step: 'theirs', eTag: first.eTag });
    expect(fs.statSync(store.fileOf(key)).ino).toBe(ino);
    expect((await store.read([key]))[key]).toMatchObject({ step: 'theirs', eTag: theirs });
    expect(isConflict(await conflictOf(store.write({ [key]: { ...first, step: 'late' } })))).toBe(true);
  }, 30_000);

  it('skips a version cut short by a crash, and starts the next one on a line of its own', async () => {
    const store = new FileConversationStore(dir);
    await store.write({ [key]: { step: 'one', eTag: '*' } });
    const acknowledged = (await store.read([key]))[key]!;
    // a process killed in the middle of its append (never acknowledged)
    fs.appendFileSync(store.fileOf(key), '{"key":"emulator/conversations/c-1","item":{"step":"tw');

    const reopened = new FileConversationStore(dir);
    expect((await reopened.read([key]))[key]).toEqual(acknowledged);
    await reopened.write({ [key]: { ...acknowledged, step: 'two' } });
    const again = new FileConversationStore(dir);
    expect((await again.read([key]))[key]).toMatchObject({ step: 'two' });
  });

  it('starts a conversation whose first version a crash cut short (its file holds no complete line)', async () => {
    const store = new FileConversationStore(dir);
    const file = store.fileOf(key);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    // a process killed in the middle of writing the conversation's first version (never acknowledged)
    fs.writeFileSync(file, '{"key":"emulator/conversations/c-1","item":{"st');

    expect((await store.read([key]))[key]).toBeUndefined();
    await store.write({ [key]: { step: 'one', eTag: '*' } });
    expect(fs.readFileSync(file, 'utf8').trim().split('\n')).toHaveLength(1);
    expect((await new FileConversationStore(dir).read([key]))[key]).toMatchObject({ step: 'one' });
  });

  it('reads a conversation file written by lowdb (earlier versions), and rewrites it at the next write', async () => {
    const store = new FileConversationStore(dir);
    const file = store.fileOf(key);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, JSON.stringify({ key, item: { step: 'old', eTag: 'e-1' } }, null, 2));

    expect((await store.read([key]))[key]).toEqual({ step: 'old', eTag: 'e-1' });
    await store.write({ [key]: { step: 'new', eTag: 'e-1' } });
    expect(fs.readFileSync(file, 'utf8').trim().split('\n')).toHaveLength(1);
    expect((await new FileConversationStore(dir).read([key]))[key]).toMatchObject({ step: 'new' });
    const keys: string[] = [];
    for await (const k of store.keys()) keys.push(k);
    expect(keys).toEqual([key]);
  });

  it('keeps a file to a bounded number of versions however many turns are written', async () => {
    const store = new FileConversationStore(dir);
    let item: StoreItem = { turn: 0, eTag: '*' };
    for (let turn = 1; turn <= 100; turn++) {
      await store.write({ [key]: { ...item, turn } });
      item = (await store.read([key]))[key]!;
    }
    expect(item).toMatchObject({ turn: 100 });
    await store.settled(); // compacted after the turns, never in one
    const lines = fs.readFileSync(store.fileOf(key), 'utf8').trim().split('\n');
    expect(lines.length).toBeLessThanOrEqual(32);
    expect((await new FileConversationStore(dir).read([key]))[key]).toEqual(item);
  });

  it('appends to the file at its path, not to one a kept handle still holds after it was replaced or removed', async () => {
    const store = new FileConversationStore(dir);
    const file = store.fileOf(key);
    await store.write({ [key]: { turn: 1, eTag: '*' } });
    await store.write({ [key]: { ...(await store.read([key]))[key]!, turn: 2 } });
    const second = (await store.read([key]))[key]!;

    // another process compacts the file: a new inode at the same path, same last version
    const replacement = `${file}.other`;
    fs.writeFileSync(replacement, `${JSON.stringify({ key, item: second })}\n`);
    fs.renameSync(replacement, file);
    await store.write({ [key]: { ...second, turn: 3 } });
    const lines = fs.readFileSync(file, 'utf8').trim().split('\n');
    expect(lines.map((line) => (JSON.parse(line) as { item: StoreItem }).item.turn)).toEqual([2, 3]);
    expect((await new FileConversationStore(dir).read([key]))[key]).toMatchObject({ turn: 3 });

    // another process removes it (a privacy deletion): the next conversation starts a new file
    fs.rmSync(file);
    expect((await store.read([key]))[key]).toBeUndefined();
    await store.write({ [key]: { turn: 1, eTag: '*' } });
    expect(fs.readFileSync(file, 'utf8').trim().split('\n')).toHaveLength(1);
    expect((await new FileConversationStore(dir).read([key]))[key]).toMatchObject({ turn: 1 });
  });

  it('rewrites a conversation that leaves the cache to its last version, unless someone changed it since', async () => {
    const store = new FileConversationStore(dir, { cached: 1 });
    const other = 'emulator/conversations/c-2';
    await store.write({ [key]: { turn: 1, nested: { answers: { a: 1 } }, eTag: '*' } });
    const first = (await store.read([key]))[key]!;
    await store.write({ [key]: { ...first, turn: 2, nested: { answers: { a: 2, b: 'é' } } } });
    const last = (await store.read([key]))[key]!;
    expect(fs.readFileSync(store.fileOf(key), 'utf8').trim().split('\n')).toHaveLength(2);

    await store.write({ [other]: { turn: 1, eTag: '*' } }); // evicts `key`
    await store.settled();
    const lines = fs.readFileSync(store.fileOf(key), 'utf8').trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(JSON.parse(lines[0]!)).toEqual({ key, item: last });
    expect((await new FileConversationStore(dir).read([key]))[key]).toEqual(last);

    // evicted again after another process appended: its newer version is left as it is
    await store.read([key]);
    await store.write({ [key]: { ...last, turn: 3 } });
    const third = (await store.read([key]))[key]!;
    await store.write({ [key]: { ...third, turn: 4 } });
    const appended = `${JSON.stringify({ key, item: { ...third, turn: 5, eTag: 'elsewhere' } })}\n`;
    fs.appendFileSync(store.fileOf(key), appended);
    const before = fs.readFileSync(store.fileOf(key), 'utf8');
    await store.write({ [other]: { ...(await store.read([other]))[other]!, turn: 2 } });
    await store.settled();
    expect(fs.readFileSync(store.fileOf(key), 'utf8')).toBe(before);
  });

  it('takes STORAGE_FSYNC as 1/0 or true/false, and refuses anything else with the setting named', () => {
    expect(fsyncSetting(undefined)).toBe(false);
    expect(fsyncSetting('0')).toBe(false);
    expect(fsyncSetting('1')).toBe(true);
    expect(fsyncSetting('TRUE')).toBe(true);
    expect(() => fsyncSetting('yes')).toThrow(/STORAGE_FSYNC/);
  });
});

describeStoreContract('file, STORAGE_FSYNC=1', () => {
  const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'imp-store-contract-fsync-'));
  const storage = openFileStorage(folder, { durable: true });
  return {
    storage,
    reopen: () => ({ ...openFileStorage(folder, { durable: true }), leadIndex: storage.leadIndex }),
    cleanup: async () => {
      await storage.transcripts.settled();
      fs.rmSync(folder, { recursive: true, force: true });
    },
  };
});

describe('the file transcript store', () => {
  it("writes the activities logged together (a turn's) in one append, in order", async () => {
    const store = new FileTranscriptStore(path.join(dir, 'transcripts'));
    fs.mkdirSync(store.directory); // the first append ever makes the folder: a second call
    const appends = jest.spyOn(fs, 'appendFileSync');
    try {
      const activity = (text: string) => ({
        type: 'message',
        channelId: 'emulator',
        conversation: { id: 'c-1' },
        text,
      });
      await Promise.all(['hello', 'welcome', 'consent?'].map((text) => store.append(activity(text))));
      expect(appends).toHaveBeenCalledTimes(1);
      expect((await store.read('emulator', 'c-1')).map((a) => a.text)).toEqual([
        'hello',
        'welcome',
        'consent?',
      ]);
      await store.append(activity('yes'));
      expect(appends).toHaveBeenCalledTimes(2);
    } finally {
      appends.mockRestore();
    }
  });
});
