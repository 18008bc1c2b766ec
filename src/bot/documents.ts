import type { Readable } from 'node:stream';
import { ActivityTypes, type Activity, type Attachment } from '@microsoft/agents-activity';
import type { TurnContext } from '@microsoft/agents-hosting';
import { log, logRef } from '../logger';
import {
  AttachmentRefusedError,
  TEAMS_FILE_DOWNLOAD,
  type AttachmentFetcher,
  type FileLink,
} from './attachment-fetch';
import { matchLocale } from '../intake/flows';
import {
  isDocumentRefusal,
  type AttachDocuments,
  type AttachOutcome,
  type DocumentRefusal,
} from '../service/attach-documents';

/**
 * A message that carries documents rather than words: the built-in channel's upload (the files
 * already kept, their ids in `channelData.documents`, checked here against the lead's documents so
 * a client cannot make the bot acknowledge what was never kept). Answers the acknowledgement, or
 * why a file was not kept, and returns true; false for any other message.
 */
export async function documentTurn(
  context: TurnContext,
  key: string,
  documents: AttachDocuments | undefined,
  fetcher?: AttachmentFetcher,
): Promise<boolean> {
  const uploaded = uploadedOf(context.activity.channelData);
  if (!uploaded) return fetchedTurn(context, key, documents, fetcher);
  const outcome: AttachOutcome = {
    received: documents ? await documents.kept(key, uploaded.ids) : [],
    ...(uploaded.refused ? { refused: uploaded.refused } : {}),
  };
  if (!documents) outcome.refused = 'off';
  await acknowledge(context, documents, outcome);
  return true;
}

async function acknowledge(
  context: TurnContext,
  documents: AttachDocuments | undefined,
  outcome: AttachOutcome,
): Promise<void> {
  const locale = matchLocale(context.activity.locale);
  const lines = documents?.reply(locale, outcome) ?? [];
  if (lines.length > 0)
    await context.sendActivities(
      lines.map((text) => ({
        type: ActivityTypes.Message,
        text,
        textFormat: 'markdown',
        locale,
      })) as Activity[],
    );
}

/**
 * Files (not cards) another channel attached: by `contentUrl`, or, for Teams' file from a personal
 * chat, by its download link (`content.downloadUrl`; its contentUrl needs SharePoint's own sign-in).
 */
function fileLinksOf(attachments: Attachment[] | undefined): FileLink[] {
  const links: FileLink[] = [];
  for (const a of attachments ?? []) {
    const downloadUrl = (a.content as { downloadUrl?: unknown } | undefined)?.downloadUrl;
    if (a.contentType === TEAMS_FILE_DOWNLOAD) {
      if (typeof downloadUrl === 'string') links.push({ url: downloadUrl, kind: 'teams-download' });
    } else if (
      typeof a.contentUrl === 'string' &&
      !/^application\/vnd\.microsoft\.card\./.test(a.contentType)
    )
      links.push({ url: a.contentUrl, kind: 'content' });
  }
  return links.slice(0, 5);
}

/**
 * A message from another channel with files attached by URL: each is fetched only from the
 * channels' hosts (AttachmentFetcher), then goes through the vault like an upload. Before the
 * lead is submitted, or with documents off, nothing is fetched.
 */
async function fetchedTurn(
  context: TurnContext,
  key: string,
  documents: AttachDocuments | undefined,
  fetcher: AttachmentFetcher | undefined,
): Promise<boolean> {
  const links = fileLinksOf(context.activity.attachments);
  if (links.length === 0 || !documents || !fetcher) return false;
  const label = (context.activity.text ?? '').trim();
  const received: AttachOutcome['received'] = [];
  let refused: AttachOutcome['refused'];
  if (!documents.enabled) refused = 'off';
  else if (!(await documents.leadOf(key))) refused = 'not-yet';
  else
    for (const link of links) {
      let body: Readable;
      try {
        body = await fetcher.open(link, context);
      } catch (error) {
        if (!(error instanceof AttachmentRefusedError)) throw error;
        log.warn('attachment-not-fetched', { ref: logRef(key), reason: error.message });
        refused = 'unreachable';
        break;
      }
      const outcome = await documents.attach(key, [{ body }], label);
      received.push(...outcome.received);
      if ((refused = outcome.refused)) break;
    }
  await acknowledge(context, documents, { received, ...(refused ? { refused } : {}) });
  return true;
}

function uploadedOf(channelData: unknown): { ids: string[]; refused?: DocumentRefusal } | undefined {
  const documents = (channelData as { documents?: unknown } | undefined)?.documents as
    { ids?: unknown; refused?: unknown } | undefined;
  if (!documents || typeof documents !== 'object' || !Array.isArray(documents.ids)) return undefined;
  const ids = documents.ids.filter((id): id is string => typeof id === 'string').slice(0, 10);
  const refused = isDocumentRefusal(documents.refused) ? documents.refused : undefined;
  return { ids, ...(refused ? { refused } : {}) };
}
