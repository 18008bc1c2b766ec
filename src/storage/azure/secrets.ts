import { randomBytes } from 'node:crypto';
import type { ContainerClient } from '@azure/storage-blob';
import { isConditionFailed, readText, writeText } from './blobs';

/**
 * A secret every instance must share (the staff session secret when SESSION_SECRET is not set):
 * the first instance to start writes a random one (create-only, so two first starts agree on
 * one), every instance reads it. It lives in the container, which only the server's account
 * can read, as the file store keeps it in DATA_DIR.
 */
export async function loadSharedSecret(container: ContainerClient, name: string): Promise<string> {
  const blob = `secrets/${name}`;
  const existing = await readText(container, blob);
  if (existing && existing.text.trim().length >= 32) return existing.text.trim();
  try {
    await writeText(container, blob, randomBytes(48).toString('base64url'), { createOnly: true });
  } catch (error) {
    if (!isConditionFailed(error)) throw error;
  }
  return (await readText(container, blob))!.text.trim();
}
