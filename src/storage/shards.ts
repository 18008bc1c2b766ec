import { createHash } from 'node:crypto';

/** Which of `shards` parts an id belongs to: the same for every process and every start. */
export function shardOf(id: string, shards: number): number {
  return createHash('sha256').update(id).digest().readUInt16BE(0) % shards;
}
