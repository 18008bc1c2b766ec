import type { TokenCredential } from '@azure/core-auth';
import type { HttpClient } from '@azure/core-rest-pipeline';
import { DefaultAzureCredential } from '@azure/identity';
import { CryptographyClient, KeyClient, parseKeyVaultKeyIdentifier } from '@azure/keyvault-keys';
import type { KeyWrapper } from '../ports/documents';

/**
 * Azure Key Vault wraps the documents' file keys (DOCUMENTS_KEY_VAULT_KEY_ID, a key identifier:
 * https://<vault>.vault.azure.net/keys/<name>, with or without its version): RSA-OAEP-256 with an
 * RSA key the server never holds, wrapKey and unwrapKey done by Key Vault. The server signs in
 * with DefaultAzureCredential (App Service's managed identity where deployed), which needs the key
 * permissions get, wrapKey and unwrapKey (the "Key Vault Crypto User" role).
 *
 * Each file records the identifier of the key version that wrapped it ("keyvault:<id>"), so a
 * file still opens after the key is rotated (a new version), as long as the old version stays
 * enabled. Only versions of the configured key, in the configured vault, are ever asked to unwrap:
 * a stored file cannot make the server send its Azure token anywhere else.
 *
 * Loaded only when DOCUMENTS_KEY_VAULT_KEY_ID is set (src/server.ts): a server without it never
 * loads the Azure SDK.
 */

const ALGORITHM = 'RSA-OAEP-256';
const PREFIX = 'keyvault:';

export interface KeyVaultWrapperOptions {
  /** Who the server is to Key Vault: DefaultAzureCredential unless given (tests give a stub). */
  credential?: TokenCredential;
  /** How requests reach Key Vault (tests play Key Vault with their own). */
  httpClient?: HttpClient;
}

export class KeyVaultKeyWrapper implements KeyWrapper {
  private readonly credential: TokenCredential;
  private readonly vaultUrl: string;
  private readonly name: string;
  private readonly version: string | undefined;
  private keyClient: KeyClient | undefined;
  private readonly clients = new Map<string, CryptographyClient>();

  constructor(
    private readonly keyId: string,
    private readonly options: KeyVaultWrapperOptions = {},
  ) {
    const parsed = parseKeyVaultKeyIdentifier(keyId);
    this.vaultUrl = normalized(parsed.vaultUrl);
    this.name = parsed.name;
    this.version = parsed.version || undefined;
    this.credential = options.credential ?? new DefaultAzureCredential();
  }

  async wrap(fileKey: Buffer): Promise<{ keyRef: string; wrapped: Buffer }> {
    // the version that wraps it is named, for unwrapping after the key is rotated
    const keyId = await this.currentVersionId();
    const result = await this.client(keyId).wrapKey(ALGORITHM, fileKey);
    return { keyRef: `${PREFIX}${keyId}`, wrapped: Buffer.from(result.result) };
  }

  /**
   * The configured version, or else the key's current one, asked each time (the SDK does not say
   * which version a versionless identifier wrapped with).
   */
  private async currentVersionId(): Promise<string> {
    if (this.version) return `${this.vaultUrl}/keys/${this.name}/${this.version}`;
    this.keyClient ??= new KeyClient(this.vaultUrl, this.credential, this.pipelineOptions());
    const key = await this.keyClient.getKey(this.name);
    if (!key.id || !this.isOurs(key.id) || !key.properties.version)
      throw new Error(`Key Vault answered an unexpected key (${key.id})`);
    return key.id;
  }

  private pipelineOptions() {
    return this.options.httpClient ? { httpClient: this.options.httpClient } : {};
  }

  owns(keyRef: string): boolean {
    return keyRef.startsWith(PREFIX) && this.isOurs(keyRef.slice(PREFIX.length));
  }

  async unwrap(keyRef: string, wrapped: Buffer): Promise<Buffer> {
    if (!this.owns(keyRef)) throw new Error('not a version of the configured Key Vault key');
    const result = await this.client(keyRef.slice(PREFIX.length)).unwrapKey(ALGORITHM, wrapped);
    return Buffer.from(result.result);
  }

  private isOurs(keyId: string): boolean {
    try {
      const parsed = parseKeyVaultKeyIdentifier(keyId);
      return normalized(parsed.vaultUrl) === this.vaultUrl && parsed.name === this.name;
    } catch {
      return false;
    }
  }

  /** One client per key version (each fetches its key once). */
  private client(keyId: string): CryptographyClient {
    let client = this.clients.get(keyId);
    if (!client) {
      client = new CryptographyClient(keyId, this.credential, this.pipelineOptions());
      this.clients.set(keyId, client);
    }
    return client;
  }
}

function normalized(vaultUrl: string): string {
  const url = new URL(vaultUrl);
  return `${url.protocol}//${url.host.toLowerCase()}`;
}
