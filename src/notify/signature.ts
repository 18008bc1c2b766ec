import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * Webhook signatures: `X-Imp-Signature: sha256=<hex HMAC-SHA256 of "<timestamp>.<body>">` with the
 * shared WEBHOOK_SECRET, and `X-Imp-Timestamp: <unix seconds>`. Signing the timestamp with the
 * body lets a receiver refuse a captured request replayed later.
 */

export const SIGNATURE_HEADER = 'x-imp-signature';
export const TIMESTAMP_HEADER = 'x-imp-timestamp';

export function signWebhook(body: string, secret: string, timestamp: number): string {
  return `sha256=${createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex')}`;
}

export interface SignedRequest {
  /** The raw request body, exactly as received (before any JSON parsing). */
  body: string | Buffer;
  /** The X-Imp-Timestamp header. */
  timestamp: string | undefined;
  /** The X-Imp-Signature header. */
  signature: string | undefined;
  secret: string;
  /** How old a request may be; 5 minutes unless told. */
  toleranceSeconds?: number;
  now?: Date;
}

/** True when the request was signed with `secret` within the tolerance. */
export function verifyWebhookSignature(request: SignedRequest): boolean {
  const { timestamp, signature, secret } = request;
  if (!timestamp || !signature || !/^\d{1,12}$/.test(timestamp)) return false;
  const nowSeconds = Math.floor((request.now ?? new Date()).getTime() / 1000);
  if (Math.abs(nowSeconds - Number(timestamp)) > (request.toleranceSeconds ?? 300)) return false;
  const body = typeof request.body === 'string' ? request.body : request.body.toString('utf8');
  const expected = Buffer.from(signWebhook(body, secret, Number(timestamp)));
  const given = Buffer.from(signature);
  return given.length === expected.length && timingSafeEqual(given, expected);
}
