import type { Request, Response } from 'express';
import { describeDocuments } from '../documents/describe';
import { MAX_FILE_BYTES } from '../documents/limits';
import { extend } from '../intake/objects';
import { log, logRef } from '../logger';
import type { AttachOutcome, IncomingFile } from '../service/attach-documents';
import type { BotDelivery } from './direct-line-activities';
import { directLineError } from './direct-line-auth';
import type { ChannelConversation } from './conversations';

/**
 * Direct Line's `upload` route, POST /v3/directline/conversations/:id/upload?userId=…, as
 * botframework-directlinejs (Web Chat's upload button) sends it: multipart/form-data with an
 * `activity` part (the message, without its files) and one `file` part per file. The same token
 * scoping and post rate as posting an activity apply (the router checks them before this runs).
 *
 * The body is read up to one file's limit (and a little for the parts' headers), never further;
 * the files go to the lead's documents (`ChannelUploads`, the vault's checks), and the bot is
 * handed a message in the prospect's name that says only what was kept ("1 document: offer
 * letter, PDF, 240 kB") with the kept documents' ids, which it checks against the lead's documents
 * before acknowledging them. The file's name and bytes never reach the bot or the transcript.
 */

export interface ChannelUploads {
  /** False without DOCUMENTS_KEY: nothing is read, the prospect is told documents are not taken. */
  readonly enabled: boolean;
  attach(conversationKey: string, files: IncomingFile[], label: string): Promise<AttachOutcome>;
}

/** What the bot reads from an uploaded message's channelData (the ids are checked by the bot). */
export interface UploadedDocuments {
  ids: string[];
  refused?: string;
}

/** One file's limit and room for the multipart framing and the activity part. */
export const MAX_UPLOAD_BYTES = MAX_FILE_BYTES + 256 * 1024;

export async function handleUpload(
  req: Request,
  res: Response,
  conversation: ChannelConversation,
  uploads: ChannelUploads,
  bot: BotDelivery,
): Promise<void> {
  const userId = req.query.userId === undefined ? undefined : String(req.query.userId);
  if (userId !== undefined && userId !== conversation.userId) {
    directLineError(res, 403, 'Forbidden', 'This token does not act for that user.');
    return;
  }
  const key = `directline/conversations/${conversation.id}`;
  const read = uploads.enabled ? await readForm(req) : { files: [], activity: {} };
  if (read === 'bad') {
    directLineError(res, 400, 'BadArgument', 'The upload is not valid multipart/form-data.');
    return;
  }
  const outcome: AttachOutcome = !uploads.enabled
    ? { received: [], refused: 'off' }
    : read === 'too-large'
      ? { received: [], refused: 'too-large' }
      : await uploads.attach(key, read.files, read.activity.text?.trim() ?? '');
  if (!uploads.enabled || read === 'too-large') res.setHeader('connection', 'close');
  const activity = read === 'too-large' ? {} : read.activity;
  const clientActivityID = activity.channelData?.clientActivityID;
  const documents: UploadedDocuments = {
    ids: outcome.received.map((info) => info.id),
    ...(outcome.refused ? { refused: outcome.refused } : {}),
  };
  const stored = conversation.append(
    extend(
      {
        type: 'message',
        text: outcome.received.length > 0 ? describeDocuments(outcome.received) : '',
        channelData: {
          ...(typeof clientActivityID === 'string' ? { clientActivityID } : {}),
          documents,
        },
      },
      {
        from: { id: conversation.userId, role: 'user' as const },
        recipient: { ...bot.account },
        ...(typeof activity.locale === 'string' ? { locale: activity.locale } : {}),
      },
    ),
  );
  try {
    await bot.deliver(conversation, stored);
    conversation.flushStreams();
    res.json({ id: stored.id });
  } catch (error) {
    log.error('direct-line-delivery-failed', {
      ref: logRef(conversation.id),
      error: error instanceof Error ? error.message : String(error),
    });
    directLineError(
      res,
      502,
      'BotError',
      'The assistant did not receive your message: please send it again.',
    );
  }
}

interface UploadedActivity {
  text?: string;
  locale?: string;
  channelData?: { clientActivityID?: unknown };
}

/** The form's files and activity; 'too-large' when the body passes the limit, 'bad' when unreadable. */
async function readForm(
  req: Request,
): Promise<{ files: IncomingFile[]; activity: UploadedActivity } | 'too-large' | 'bad'> {
  const type = req.headers['content-type'] ?? '';
  if (!/^multipart\/form-data;/i.test(type)) return 'bad';
  if (Number(req.headers['content-length'] ?? 0) > MAX_UPLOAD_BYTES) return 'too-large';
  const chunks: Buffer[] = [];
  let total = 0;
  for await (const chunk of req) {
    total += (chunk as Buffer).length;
    if (total > MAX_UPLOAD_BYTES) {
      req.destroy();
      return 'too-large';
    }
    chunks.push(chunk as Buffer);
  }
  let form: FormData;
  try {
    form = await new Response(Buffer.concat(chunks, total), { headers: { 'content-type': type } }).formData();
  } catch {
    return 'bad';
  }
  const files: IncomingFile[] = [];
  for (const part of form.getAll('file'))
    if (typeof part !== 'string') files.push({ body: new Uint8Array(await part.arrayBuffer()) });
  return { files, activity: await activityOf(form.get('activity')) };
}

async function activityOf(part: FormDataEntryValue | null): Promise<UploadedActivity> {
  if (part === null) return {};
  try {
    const parsed = JSON.parse(typeof part === 'string' ? part : await part.text()) as unknown;
    if (!parsed || typeof parsed !== 'object') return {};
    const { text, locale, channelData } = parsed as Record<string, unknown>;
    return {
      ...(typeof text === 'string' ? { text: text.slice(0, 100) } : {}),
      ...(typeof locale === 'string' ? { locale: locale.slice(0, 20) } : {}),
      ...(channelData && typeof channelData === 'object'
        ? { channelData: channelData as UploadedActivity['channelData'] }
        : {}),
    };
  } catch {
    return {};
  }
}
