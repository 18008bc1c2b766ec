/**
 * The file names of the keys seen lately, so that a turn hashes its conversation's key once, not
 * on each read, write and transcript line (a SHA-256 and a path join each, ~2 µs). Bounded: once
 * full it starts over (a name is recomputed, never wrong).
 */
export class FileNames {
  private readonly names = new Map<string, string>();

  constructor(
    private readonly nameOf: (key: string) => string,
    private readonly limit = 4096,
  ) {}

  of(key: string): string {
    let name = this.names.get(key);
    if (name === undefined) {
      name = this.nameOf(key);
      if (this.names.size >= this.limit) this.names.clear();
      this.names.set(key, name);
    }
    return name;
  }
}
