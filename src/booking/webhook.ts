import express, { type Request, type Response } from 'express';
import { z } from 'zod';
import { log } from '../logger';
import { SIGNATURE_HEADER, verifySignature } from './signature';

/**
 * POST /booking/webhook: the scheduler says a consultation was booked. Signed (see signature.ts):
 * an unsigned, forged or stale request is refused with 401 before its body is read as JSON.
 *
 * Two bodies are understood:
 * - Calendly's `invitee.created` (webhook API v2): the time is `payload.scheduled_event.start_time`,
 *   the reference the answer to the event type's first question, prefilled from `a1` (link.ts);
 * - for a scheduler relayed by an automation (Microsoft Bookings or Clio Scheduler through Power
 *   Automate or Zapier): `{ "event": "booking.created", "reference": "IMP-…", "startTime": "…" }`.
 * Other events (a cancellation…) are acknowledged and change nothing.
 */

export interface BookingRecorder {
  /** Records the booking on the lead with this reference; false when there is no such lead. */
  record(reference: string, startsAt: Date): Promise<boolean>;
}

const REFERENCE = /\bIMP-\d{4}-[0-9A-Z]{4}-[0-9A-Z]{4}\b/;
const instant = z.string().refine((text) => !Number.isNaN(Date.parse(text)), 'a date and time');

const calendlySchema = z.object({
  event: z.literal('invitee.created'),
  payload: z.object({
    scheduled_event: z.object({ start_time: instant }),
    questions_and_answers: z
      .array(z.object({ answer: z.string(), position: z.number().optional() }))
      .default([]),
  }),
});
const relayedSchema = z.object({
  event: z.literal('booking.created'),
  reference: z.string().regex(REFERENCE),
  startTime: instant,
});

export type BookingEvent = { reference: string; startsAt: Date } | { ignored: string } | { invalid: string };

export function readBookingEvent(body: unknown): BookingEvent {
  const event = (body as { event?: unknown } | null)?.event;
  if (event === 'invitee.created') {
    const parsed = calendlySchema.safeParse(body);
    if (!parsed.success) return { invalid: 'not a Calendly invitee.created payload' };
    const answers = [...parsed.data.payload.questions_and_answers].sort(
      (a, b) => (a.position ?? 0) - (b.position ?? 0),
    );
    const reference = answers.map((a) => REFERENCE.exec(a.answer.toUpperCase())?.[0]).find(Boolean);
    if (!reference) return { invalid: 'no intake reference in the answers' };
    return { reference, startsAt: new Date(parsed.data.payload.scheduled_event.start_time) };
  }
  if (event === 'booking.created') {
    const parsed = relayedSchema.safeParse(body);
    if (!parsed.success) return { invalid: 'a booking.created needs a reference and a startTime' };
    return { reference: parsed.data.reference, startsAt: new Date(parsed.data.startTime) };
  }
  return { ignored: typeof event === 'string' ? event : 'no event' };
}

export function bookingWebhook(options: {
  secret: string;
  recorder: BookingRecorder;
  now?: () => Date;
}): express.Router {
  const now = options.now ?? (() => new Date());
  const router = express.Router();
  router.post(
    '/booking/webhook',
    express.raw({ type: () => true, limit: '64kb' }),
    async (req: Request, res: Response) => {
      const raw = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
      const check = verifySignature(options.secret, raw, req.get(SIGNATURE_HEADER), now());
      if (!check.ok) {
        log.warn('booking-webhook-refused', { reason: check.reason });
        res.status(401).json({ error: `signature ${check.reason}` });
        return;
      }
      let body: unknown;
      try {
        body = JSON.parse(raw.toString('utf8'));
      } catch {
        res.status(400).json({ error: 'body is not JSON' });
        return;
      }
      const event = readBookingEvent(body);
      if ('invalid' in event) {
        res.status(400).json({ error: event.invalid });
        return;
      }
      if ('ignored' in event) {
        res.status(200).json({ ignored: event.ignored });
        return;
      }
      const recorded = await options.recorder.record(event.reference, event.startsAt);
      // the reference is the prospect's, not personal data; a 404 lets the scheduler show the miss
      log.info('booking-webhook', { reference: event.reference, recorded });
      res
        .status(recorded ? 200 : 404)
        .json(recorded ? { recorded: true } : { error: 'no lead with this reference' });
    },
  );
  return router;
}
