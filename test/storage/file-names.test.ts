import { FileNames } from '../../src/storage/file/file-names';

describe('the file names of the keys seen lately', () => {
  it('computes a name once per key while it is remembered, and stays within its bound', () => {
    const computed: string[] = [];
    const names = new FileNames((key) => {
      computed.push(key);
      return `file-of-${key}`;
    }, 2);
    expect(names.of('a')).toBe('file-of-a');
    expect(names.of('a')).toBe('file-of-a');
    expect(names.of('b')).toBe('file-of-b');
    expect(computed).toEqual(['a', 'b']);
    // full: it starts over, and a name computed again is the same
    expect(names.of('c')).toBe('file-of-c');
    expect(names.of('a')).toBe('file-of-a');
    expect(computed).toEqual(['a', 'b', 'c', 'a']);
  });
});
