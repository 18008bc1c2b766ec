import type { Readable } from 'node:stream';
import { describeEach } from '../documents/describe';
import type { DocumentInfo, DocumentVault } from '../documents/vault';
import type { IntakeEngine } from '../intake/conversation';
import type { Locale, MessageKey } from '../intake/flows';
import { log, logRef } from '../logger';
import type { ConversationRecord } from './intake-service';

/** Why an upload was not kept, and the words the prospect is given for it (flows: documents*). */
const refusalMessages = {
  off: 'documentsOff',
  'not-yet': 'documentsNotYet',
  'too-many': 'documentsTooMany',
  'too-large': 'documentsTooLarge',
  type: 'documentsWrongType',
  infected: 'documentsInfected',
  'scanner-down': 'documentsScannerDown',
  'store-down': 'documentsStoreDown',
  unreachable: 'documentsUnreachable',
} as const satisfies Record<string, MessageKey>;
export type DocumentRefusal = keyof typeof refusalMessages;

export const isDocumentRefusal = (value: unknown): value is DocumentRefusal =>
  typeof value === 'string' && Object.hasOwn(refusalMessages, value);

export interface AttachOutcome {
  /** The documents kept, in the order they came. */
  received: DocumentInfo[];
  /** Why the first file not kept was refused (the files after it were not read). */
  refused?: DocumentRefusal;
}

export interface IncomingFile {
  body: Readable | Uint8Array;
}

const vaultCodes = new Set<string>([
  'too-many',
  'too-large',
  'type',
  'infected',
  'scanner-down',
  'store-down',
]);

/**
 * "Attach a document", for every channel: the files a prospect sends after submitting go to the
 * lead of their conversation, through the vault's checks (count, size, type, scan), sealed. Before
 * the lead exists, or without DOCUMENTS_KEY, nothing is read. The acknowledgement names only what
 * the prospect called the file, its real type and size ("offer letter, PDF, 240 kB").
 */
export class AttachDocuments {
  constructor(
    private readonly conversations: { load(key: string): Promise<ConversationRecord | undefined> },
    private readonly vault: DocumentVault | undefined,
    private readonly engine: Pick<IntakeEngine, 'message'>,
  ) {}

  get enabled(): boolean {
    return this.vault !== undefined;
  }

  /** The lead a conversation's documents go to: only once it was submitted. */
  async leadOf(conversationKey: string): Promise<string | undefined> {
    return (await this.conversations.load(conversationKey))?.leadId;
  }

  async attach(conversationKey: string, files: IncomingFile[], label: string): Promise<AttachOutcome> {
    if (!this.vault) return { received: [], refused: 'off' };
    const leadId = await this.leadOf(conversationKey);
    if (!leadId) return { received: [], refused: 'not-yet' };
    const received: DocumentInfo[] = [];
    for (const file of files) {
      try {
        received.push(await this.vault.add(leadId, { body: file.body, label: label || 'document' }));
      } catch (error) {
        const code = (error as { code?: unknown }).code;
        if (typeof code !== 'string' || !vaultCodes.has(code)) throw error;
        log.warn('document-refused', { ref: logRef(conversationKey), reason: code });
        return { received, refused: code as DocumentRefusal };
      }
    }
    log.info('documents-received', { ref: logRef(conversationKey), lead: leadId, count: received.length });
    return { received };
  }

  /** The documents of the conversation's lead among `ids` (what a channel says it kept). */
  async kept(conversationKey: string, ids: string[]): Promise<DocumentInfo[]> {
    const leadId = this.vault && (await this.leadOf(conversationKey));
    if (!leadId) return [];
    return (await this.vault!.list(leadId)).filter((info) => ids.includes(info.id));
  }

  /** What the bot says: what was received, then why the rest was not. */
  reply(locale: Locale, outcome: AttachOutcome): string[] {
    const lines: string[] = [];
    if (outcome.received.length > 0)
      lines.push(
        this.engine.message(locale, 'documentsReceived', {
          documents: describeEach(outcome.received, locale),
        }),
      );
    if (outcome.refused) lines.push(this.engine.message(locale, refusalMessages[outcome.refused]));
    return lines;
  }
}
