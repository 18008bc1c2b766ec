import { createHash } from 'node:crypto';
import { viewOf } from '../intake/conversation';
import type { ConversationRecord } from '../service/intake-service';
import type { Documents } from '../ports/store';
import type { HandoffDocument, HandoffRequest } from '../ports/handoffs';

/**
 * "Talk to a person" requests. A prospect may ask at any question, before giving any contact
 * details: a request keeps only what is known of the contact (never other answers) and where in
 * the questionnaire they were. One document per intake (keyed by intake id = lead id once
 * submitted), listing its requests.
 */

/** What is known of a prospect's contact details at the moment they ask for a person. */
export function handoffRequestOf(record: ConversationRecord): HandoffRequest {
  const { answers } = viewOf(record);
  const contact: HandoffRequest['contact'] = {};
  if (typeof answers.contactName === 'string') contact.name = answers.contactName;
  if (typeof answers.contactEmail === 'string') contact.email = answers.contactEmail;
  if (typeof answers.contactPhone === 'string') contact.phone = answers.contactPhone;
  // the same turn always yields the same id, so a repeated call cannot notify twice
  const id = createHash('sha256')
    .update(`${record.intakeId}|${record.updatedAt}`)
    .digest('base64url')
    .replace(/[^A-Za-z0-9]/g, '')
    .slice(0, 24);
  return {
    id: `${record.intakeId}-${id}`,
    intakeId: record.intakeId,
    requestedAt: new Date(record.updatedAt).toISOString(),
    locale: record.locale,
    position: record.position,
    ...(answers.role ? { role: answers.role } : {}),
    contact,
    answeredCount: Object.keys(answers).filter((step) => step !== 'consent').length,
    ...(record.leadId ? { leadId: record.leadId } : {}),
  };
}

/** Handoff requests over any store of handoff documents (one per intake id). */
export class HandoffStore {
  constructor(readonly documents: Documents<HandoffDocument>) {}

  /** Adds the request to its intake's document; returns false when it was already recorded. */
  async add(conversationKey: string, request: HandoffRequest): Promise<boolean> {
    let added = false;
    const exists = await this.documents.update(request.intakeId, (doc) => {
      if (doc.requests.some((r) => r.id === request.id)) return doc;
      added = true;
      const { handled: _handled, ...open } = doc;
      return { ...open, requests: [...doc.requests, request] };
    });
    if (exists) return added;
    const created = await this.documents.create(request.intakeId, {
      intakeId: request.intakeId,
      conversationKey,
      requests: [request],
    });
    return created || this.add(conversationKey, request);
  }

  /** Marks the intake's requests handled; returns false when there is no such document. */
  async markHandled(intakeId: string, by: string, at: Date): Promise<boolean> {
    const updated = await this.documents.update(intakeId, (doc) => ({
      ...doc,
      handled: { at: at.toISOString(), by },
    }));
    return updated !== undefined;
  }

  get(intakeId: string): Promise<HandoffDocument | undefined> {
    return this.documents.get(intakeId);
  }

  delete(intakeId: string): Promise<boolean> {
    return this.documents.delete(intakeId);
  }

  async findRequest(requestId: string): Promise<HandoffRequest | undefined> {
    const intakeId = requestId.slice(0, requestId.lastIndexOf('-'));
    const doc = await this.documents.get(intakeId).catch(() => undefined);
    return doc?.requests.find((request) => request.id === requestId);
  }

  all(): Promise<HandoffDocument[]> {
    return this.documents.all();
  }

  /** The intake ids with a request: each asked for a person. */
  intakeIds(): Promise<string[]> {
    return this.documents.ids();
  }
}
