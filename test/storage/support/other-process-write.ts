/**
 * Another process writing one conversation through its own file store (for the cache tests):
 *   node --import tsx other-process-write.ts <dir> <key> <item JSON>
 * Prints the eTag the item got.
 */
import { FileConversationStore } from '../../../src/storage/file/conversations';

async function main() {
  const [dir, key, json] = process.argv.slice(2);
  const store = new FileConversationStore(dir!);
  await store.write({ [key!]: JSON.parse(json!) as Record<string, unknown> });
  console.log((await store.read([key!]))[key!]?.eTag);
}

void main();
