import {
  constants,
  generateKeyPairSync,
  privateDecrypt,
  publicEncrypt,
  randomBytes,
  type KeyObject,
} from 'node:crypto';
import type { TokenCredential } from '@azure/core-auth';
import { createHttpHeaders, type HttpClient, type PipelineRequest } from '@azure/core-rest-pipeline';
import { loadConfig } from '../../src/config';
import { documentsKeyFrom, seal, TamperedDocumentError } from '../../src/documents/envelope';
import { KeyVaultKeyWrapper } from '../../src/documents/key-vault';
import { LocalKeyWrapper } from '../../src/documents/key-wrap';
import { DocumentVault } from '../../src/documents/vault';
import { assemble } from '../../src/server';
import { openMemoryStorage } from '../../src/storage/memory';
import { MemoryLeadFiles } from '../../src/storage/memory/lead-files';
import { tempConfig } from '../support/temp-data';
import { pdfBytes, pngBytes } from './samples';

/**
 * Azure Key Vault wrapping the documents' keys, without a network: the Key Vault client is given
 * an HttpClient that plays the service (its 401 challenge, the key, wrapkey and unwrapkey with a
 * real RSA key, RSA-OAEP-256) and a stub credential standing for the managed identity.
 */

const VAULT = 'https://imp-test.vault.azure.net';
const TOKEN = 'kv-access-token';
const clean = { scan: async () => ({ clean: true as const }) };
const b64url = (bytes: Uint8Array) => Buffer.from(bytes).toString('base64url');

function fakeKeyVault(vault = VAULT) {
  const versions = new Map<string, { publicKey: KeyObject; privateKey: KeyObject }>();
  let current = '';
  const rotate = (version: string) => {
    versions.set(version, generateKeyPairSync('rsa', { modulusLength: 2048 }));
    current = version;
  };
  rotate('v1');
  const seen: { method: string; path: string; authorization?: string; alg?: string; status?: number }[] = [];
  const answer = (
    request: PipelineRequest,
    status: number,
    body: unknown,
    headers: Record<string, string> = {},
  ) => ({
    request,
    status: (seen[seen.length - 1]!.status = status),
    headers: createHttpHeaders({ 'content-type': 'application/json', ...headers }),
    bodyAsText: JSON.stringify(body),
  });
  const httpClient: HttpClient = {
    async sendRequest(request) {
      const url = new URL(request.url);
      if (url.origin !== vault) throw new Error(`request to another host: ${request.url}`);
      const authorization = request.headers.get('authorization') ?? undefined;
      const body =
        typeof request.body === 'string' ? (JSON.parse(request.body) as Record<string, string>) : {};
      seen.push({
        method: request.method,
        path: url.pathname,
        authorization,
        ...(body.alg ? { alg: body.alg } : {}),
      });
      if (authorization !== `Bearer ${TOKEN}`)
        return answer(
          request,
          401,
          { error: { code: 'Unauthorized' } },
          {
            'www-authenticate':
              'Bearer authorization="https://login.microsoftonline.com/tenant-1", resource="https://vault.azure.net"',
          },
        );
      const match = /^\/keys\/documents\/?([^/]*)\/?(wrapkey|unwrapkey)?$/.exec(url.pathname);
      const version = match?.[1] || current;
      const pair = versions.get(version);
      if (!match || !pair) return answer(request, 404, { error: { code: 'KeyNotFound' } });
      const kid = `${vault}/keys/documents/${version}`;
      const oaep256 = { padding: constants.RSA_PKCS1_OAEP_PADDING, oaepHash: 'sha256' };
      if (match[2] === 'wrapkey') {
        const wrapped = publicEncrypt(
          { key: pair.publicKey, ...oaep256 },
          Buffer.from(body.value!, 'base64url'),
        );
        return answer(request, 200, { kid, value: b64url(wrapped) });
      }
      if (match[2] === 'unwrapkey') {
        try {
          const key = privateDecrypt(
            { key: pair.privateKey, ...oaep256 },
            Buffer.from(body.value!, 'base64url'),
          );
          return answer(request, 200, { kid, value: b64url(key) });
        } catch {
          return answer(request, 400, {
            error: { code: 'BadParameter', message: 'The parameter is incorrect.' },
          });
        }
      }
      const jwk = pair.publicKey.export({ format: 'jwk' });
      return answer(request, 200, {
        key: { kid, kty: 'RSA', key_ops: ['wrapKey', 'unwrapKey'], n: jwk.n, e: jwk.e },
        attributes: { enabled: true },
      });
    },
  };
  const scopes: string[][] = [];
  const credential: TokenCredential = {
    async getToken(scope) {
      scopes.push(Array.isArray(scope) ? scope : [scope]);
      return { token: TOKEN, expiresOnTimestamp: Date.now() + 3_600_000 };
    },
  };
  return { httpClient, credential, seen, scopes, rotate, versions };
}

describe('Azure Key Vault wraps each document key (DOCUMENTS_KEY_VAULT_KEY_ID)', () => {
  it('wraps with RSA-OAEP-256 after the 401 challenge, records the key version, and opens the file again', async () => {
    const kv = fakeKeyVault();
    const files = new MemoryLeadFiles();
    const wrapper = new KeyVaultKeyWrapper(`${VAULT}/keys/documents`, kv);
    const vault = new DocumentVault(files, { sealWith: wrapper }, clean);
    const info = await vault.add('lead-1', { body: pdfBytes, label: 'offer letter' });
    expect((await vault.read('lead-1', info.id))!.bytes.equals(pdfBytes)).toBe(true);
    expect(await vault.list('lead-1')).toEqual([info]);

    // the first request goes without a token, Key Vault answers 401 with where to get one
    expect(kv.seen[0]).toMatchObject({ authorization: undefined, status: 401 });
    expect(kv.seen.filter((r) => r.status !== 401).every((r) => r.authorization === `Bearer ${TOKEN}`)).toBe(
      true,
    );
    expect(kv.seen.filter((r) => !r.authorization).every((r) => r.status === 401)).toBe(true);
    expect(kv.scopes[0]).toEqual(['https://vault.azure.net/.default']);
    const operations = kv.seen.filter((r) => r.alg).map((r) => `${r.path.split('/').pop()} ${r.alg}`);
    expect(operations).toContain('wrapkey RSA-OAEP-256');
    expect(operations).toContain('unwrapkey RSA-OAEP-256');

    // the stored file names the key version and holds a key only that RSA key unwraps
    const stored = (await files.get('lead-1', info.id))!;
    const ref = `keyvault:${VAULT}/keys/documents/v1`;
    expect(stored.content.subarray(0, 8).toString('latin1')).toBe('IMPDOC2\0');
    expect(stored.content.subarray(10, 10 + ref.length).toString('utf8')).toBe(ref);
    const wrapped = stored.content.subarray(12 + ref.length, 12 + ref.length + 256);
    const fileKey = privateDecrypt(
      {
        key: kv.versions.get('v1')!.privateKey,
        padding: constants.RSA_PKCS1_OAEP_PADDING,
        oaepHash: 'sha256',
      },
      wrapped,
    );
    expect(fileKey).toHaveLength(32);
    expect(stored.content.includes(Buffer.from('%PDF'))).toBe(false);
  });

  it('still opens files wrapped by an earlier version after the key is rotated', async () => {
    const kv = fakeKeyVault();
    const vault = new DocumentVault(
      new MemoryLeadFiles(),
      { sealWith: new KeyVaultKeyWrapper(`${VAULT}/keys/documents`, kv) },
      clean,
    );
    const before = await vault.add('lead-1', { body: pdfBytes, label: 'offer letter' });
    kv.rotate('v2');
    const after = await vault.add('lead-1', { body: pngBytes, label: 'passport' });
    kv.seen.length = 0;
    expect((await vault.read('lead-1', before.id))!.bytes.equals(pdfBytes)).toBe(true);
    expect((await vault.read('lead-1', after.id))!.bytes.equals(pngBytes)).toBe(true);
    const unwrapped = kv.seen.filter((r) => r.path.endsWith('/unwrapkey')).map((r) => r.path);
    expect(new Set(unwrapped)).toEqual(
      new Set(['/keys/documents/v1/unwrapkey', '/keys/documents/v2/unwrapkey']),
    );
  });

  it('opens the files DOCUMENTS_KEY sealed before (both forms) while Key Vault wraps the new ones', async () => {
    const kv = fakeKeyVault();
    const key = documentsKeyFrom(randomBytes(32).toString('base64'), true)!;
    const files = new MemoryLeadFiles();
    const before = await new DocumentVault(files, key, clean).add('lead-1', {
      body: pdfBytes,
      label: 'offer',
    });
    const moved = new DocumentVault(
      files,
      {
        sealWith: new KeyVaultKeyWrapper(`${VAULT}/keys/documents`, kv),
        openAlso: [new LocalKeyWrapper(key)],
        legacy: key,
      },
      clean,
    );
    const after = await moved.add('lead-1', { body: pngBytes, label: 'passport' });
    expect((await moved.read('lead-1', before.id))!.bytes.equals(pdfBytes)).toBe(true);
    expect((await moved.read('lead-1', after.id))!.bytes.equals(pngBytes)).toBe(true);
    expect((await files.get('lead-1', before.id))!.content.subarray(0, 8).toString('latin1')).toBe(
      'IMPDOC2\0',
    );

    // a file in the first form (IMPDOC1, before key wrappers) opens with DOCUMENTS_KEY
    const info = {
      id: 'old-1',
      kind: 'pdf',
      size: pdfBytes.length,
      label: 'old',
      addedAt: new Date(0).toISOString(),
    };
    await files.put('lead-1', {
      id: 'old-1',
      meta: seal(Buffer.from(JSON.stringify(info)), key, 'lead-1/old-1/meta'),
      content: seal(pdfBytes, key, 'lead-1/old-1/content'),
    });
    expect((await moved.read('lead-1', 'old-1'))!.bytes.equals(pdfBytes)).toBe(true);
  });

  it('never asks another vault or key to unwrap: a file naming one does not open, and nothing is sent there', async () => {
    const other = fakeKeyVault('https://elsewhere.vault.azure.net');
    const files = new MemoryLeadFiles();
    const info = await new DocumentVault(
      files,
      { sealWith: new KeyVaultKeyWrapper('https://elsewhere.vault.azure.net/keys/documents', other) },
      clean,
    ).add('lead-1', { body: pdfBytes, label: 'offer' });
    other.seen.length = 0;
    const ours = fakeKeyVault();
    const vault = new DocumentVault(
      files,
      { sealWith: new KeyVaultKeyWrapper(`${VAULT}/keys/documents`, ours) },
      clean,
    );
    await expect(vault.read('lead-1', info.id)).rejects.toThrow(TamperedDocumentError);
    await expect(vault.read('lead-1', info.id)).rejects.toThrow(/a key this server does not use/);
    expect(other.seen).toEqual([]);
    expect(ours.seen).toEqual([]);
    const otherKey = new KeyVaultKeyWrapper(`${VAULT}/keys/another-key`, ours);
    expect(otherKey.owns(`keyvault:${VAULT}/keys/documents/v1`)).toBe(false);
  });

  it('is configured by a key identifier, and turns documents on', () => {
    expect(() =>
      loadConfig({ DOCUMENTS_KEY_VAULT_KEY_ID: 'http://imp.vault.azure.net/keys/documents' }),
    ).toThrow(/DOCUMENTS_KEY_VAULT_KEY_ID/);
    expect(() =>
      loadConfig({ DOCUMENTS_KEY_VAULT_KEY_ID: 'https://imp.vault.azure.net/secrets/documents' }),
    ).toThrow(/key identifier/);
    const config = tempConfig({ DOCUMENTS_KEY_VAULT_KEY_ID: `${VAULT}/keys/documents/v1` });
    try {
      const parts = assemble(config, openMemoryStorage());
      expect(parts.documents).toBeDefined();
      expect(parts.engine).toBeDefined();
    } finally {
      config.cleanup();
    }
  });
});
