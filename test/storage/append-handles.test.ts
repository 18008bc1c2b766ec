import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { AppendHandles } from '../../src/storage/file/append-handles';

/** The file store's kept append handles: bound to an inode, bounded in number. */

let dir: string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'imp-append-handles-'));
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

const inodeOf = (file: string) => fs.statSync(file, { bigint: true }).ino;
const openHandles = () => fs.readdirSync('/proc/self/fd').length;

describe('append handles', () => {
  it('append through one handle while the path names the inode they expect, and refuse another inode', () => {
    const handles = new AppendHandles();
    const file = path.join(dir, 'a.json');
    fs.writeFileSync(file, 'one\n');
    const first = inodeOf(file);
    expect(handles.append(file, first, 'two\n')).toBe(true);
    expect(handles.append(file, first, 'three\n')).toBe(true);
    expect(handles.size).toBe(1);
    expect(fs.readFileSync(file, 'utf8')).toBe('one\ntwo\nthree\n');

    fs.writeFileSync(`${file}.new`, 'replaced\n');
    fs.renameSync(`${file}.new`, file);
    // the caller's stat sees the new inode: the handle on the old one is closed, the path opened again
    expect(handles.append(file, inodeOf(file), 'four\n')).toBe(true);
    expect(fs.readFileSync(file, 'utf8')).toBe('replaced\nfour\n');
    expect(handles.size).toBe(1);

    // replaced again between the caller's stat and the open: nothing is written anywhere
    const seen = inodeOf(file);
    handles.close(file);
    fs.writeFileSync(`${file}.new`, 'again\n');
    fs.renameSync(`${file}.new`, file);
    expect(handles.append(file, seen, 'lost?\n')).toBe(false);
    expect(fs.readFileSync(file, 'utf8')).toBe('again\n');
    expect(handles.size).toBe(0);
    handles.closeAll();
  });

  it('keep at most their limit open, closing the least recently used', () => {
    const before = openHandles();
    const handles = new AppendHandles(3);
    const files = ['a', 'b', 'c', 'd', 'e'].map((name) => path.join(dir, name));
    for (const file of files) fs.writeFileSync(file, '');
    for (const file of files) expect(handles.append(file, inodeOf(file), 'x\n')).toBe(true);
    expect(handles.size).toBe(3);
    expect(openHandles() - before).toBe(3);
    handles.close(files[4]!);
    handles.close(files[0]!); // closed already: nothing happens
    expect(openHandles() - before).toBe(2);
    handles.closeAll();
    expect(openHandles()).toBe(before);
    for (const file of files) expect(fs.readFileSync(file, 'utf8')).toBe('x\n');
  });
});
