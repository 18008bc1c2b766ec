import { ActivityTypes, type TurnContext } from 'botbuilder';
import { matchLocale } from '../intake/flows';
import type { AttachDocuments, AttachOutcome, DocumentRefusal } from '../service/attach-documents';

const refusals = new Set<DocumentRefusal>([
  'off',
  'not-yet',
  'too-many',
  'too-large',
  'type',
  'infected',
  'scanner-down',
]);

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
): Promise<boolean> {
  const uploaded = uploadedOf(context.activity.channelData);
  if (!uploaded) return false;
  const outcome: AttachOutcome = {
    received: documents ? await documents.kept(key, uploaded.ids) : [],
    ...(uploaded.refused ? { refused: uploaded.refused } : {}),
  };
  if (!documents) outcome.refused = 'off';
  const locale = matchLocale(context.activity.locale);
  const lines = documents?.reply(locale, outcome) ?? [];
  if (lines.length > 0)
    await context.sendActivities(
      lines.map((text) => ({ type: ActivityTypes.Message, text, textFormat: 'markdown', locale })),
    );
  return true;
}

function uploadedOf(channelData: unknown): { ids: string[]; refused?: DocumentRefusal } | undefined {
  const documents = (channelData as { documents?: unknown } | undefined)?.documents as
    { ids?: unknown; refused?: unknown } | undefined;
  if (!documents || typeof documents !== 'object' || !Array.isArray(documents.ids)) return undefined;
  const ids = documents.ids.filter((id): id is string => typeof id === 'string').slice(0, 10);
  const refused = refusals.has(documents.refused as DocumentRefusal)
    ? (documents.refused as DocumentRefusal)
    : undefined;
  return { ids, ...(refused ? { refused } : {}) };
}
