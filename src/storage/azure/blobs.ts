import { BlobServiceClient, RestError, type ContainerClient } from '@azure/storage-blob';

/**
 * The few things every Azure part needs: a container, JSON in and out with its eTag, and the
 * HTTP statuses that mean "not there" (404) and "changed since you read it" (412 / 409).
 * Each write that must not lose another process's change is a conditional PUT: If-Match on the
 * eTag read, or If-None-Match: * to create only.
 */

export interface AzureSettings {
  connectionString: string;
  container: string;
}

/** Opens the container, creating it when absent; fails with a clear message when unreachable. */
export async function openContainer(settings: AzureSettings): Promise<ContainerClient> {
  let container: ContainerClient;
  try {
    container = BlobServiceClient.fromConnectionString(settings.connectionString).getContainerClient(
      settings.container,
    );
  } catch (error) {
    throw new Error(`AZURE_STORAGE_CONNECTION_STRING is not a valid connection string (${messageOf(error)})`);
  }
  try {
    await container.createIfNotExists();
  } catch (error) {
    throw new Error(
      `Azure Blob Storage: cannot open the container "${settings.container}" (${messageOf(error)})`,
    );
  }
  return container;
}

const messageOf = (error: unknown) => (error instanceof Error ? error.message.split('\n')[0] : String(error));

export const statusOf = (error: unknown): number | undefined =>
  error instanceof RestError ? error.statusCode : undefined;

export const isNotFound = (error: unknown) => statusOf(error) === 404;
/** The condition did not hold: the blob changed (If-Match) or exists (If-None-Match: *). */
export const isConditionFailed = (error: unknown) => statusOf(error) === 412 || statusOf(error) === 409;

export interface Stored {
  text: string;
  etag: string;
}

/** A blob's text and eTag, or undefined when there is no such blob. */
export async function readText(container: ContainerClient, name: string): Promise<Stored | undefined> {
  try {
    const response = await container.getBlobClient(name).download();
    const text = await streamText(response.readableStreamBody);
    return { text, etag: response.etag! };
  } catch (error) {
    if (isNotFound(error)) return undefined;
    throw error;
  }
}

export interface WriteConditions {
  /** Write only when the stored blob has this eTag. */
  ifMatch?: string;
  /** Write only when there is no such blob. */
  createOnly?: boolean;
  metadata?: Record<string, string>;
}

/** Writes a block blob in one PUT; returns its new eTag. Throws the 412/409 of a failed condition. */
export async function writeText(
  container: ContainerClient,
  name: string,
  text: string,
  conditions: WriteConditions = {},
): Promise<string> {
  const body = Buffer.from(text, 'utf8');
  const response = await container.getBlockBlobClient(name).upload(body, body.length, {
    blobHTTPHeaders: { blobContentType: 'application/json' },
    conditions: {
      ...(conditions.ifMatch ? { ifMatch: conditions.ifMatch } : {}),
      ...(conditions.createOnly ? { ifNoneMatch: '*' } : {}),
    },
    ...(conditions.metadata ? { metadata: conditions.metadata } : {}),
  });
  return response.etag!;
}

export async function deleteBlob(container: ContainerClient, name: string): Promise<boolean> {
  const response = await container.getBlobClient(name).deleteIfExists();
  return response.succeeded;
}

export async function streamBytes(stream: NodeJS.ReadableStream | undefined): Promise<Buffer> {
  if (!stream) return Buffer.alloc(0);
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : chunk);
  return Buffer.concat(chunks);
}

export async function streamText(stream: NodeJS.ReadableStream | undefined): Promise<string> {
  return (await streamBytes(stream)).toString('utf8');
}

/** Text as a metadata value (ASCII only): base64url. */
export const toMetadata = (text: string) => Buffer.from(text, 'utf8').toString('base64url');
export const fromMetadata = (value: string | undefined) =>
  value === undefined ? undefined : Buffer.from(value, 'base64url').toString('utf8');

/** Runs `attempt` again while it fails on a condition (another process wrote first), a few times. */
export async function retryOnConflict<T>(attempt: () => Promise<T>, tries = 20): Promise<T> {
  for (let i = 1; ; i++) {
    try {
      return await attempt();
    } catch (error) {
      if (!isConditionFailed(error) || i >= tries) throw error;
      // a little random wait so two busy writers stop colliding
      await new Promise((resolve) => setTimeout(resolve, Math.random() * 5 * i));
    }
  }
}
