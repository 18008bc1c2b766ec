import type { Transporter } from 'nodemailer';
import { clioPayload, emailOf, webhookMessage, type Notification } from './messages';
import type { DeliveryTarget, SubjectKind } from '../ports/outbox';
import { SIGNATURE_HEADER, signWebhook, TIMESTAMP_HEADER } from './signature';
import { smtpTransport } from './smtp';

/** One delivery channel. `send` throws when the target did not accept the message. */
export interface Sender {
  readonly target: DeliveryTarget;
  /** Which subjects go to this target (Clio Grow only takes submitted leads). */
  readonly kinds: readonly SubjectKind[];
  send(notification: Notification, deliveryId: string): Promise<void>;
  close?(): void;
}

const HTTP_TIMEOUT_MS = 15_000;

/** Errors name the cause (status, network code), never the response body: it may echo the lead. */
export function describeError(error: unknown): string {
  if (error instanceof Error) {
    const cause = (error as { cause?: { code?: string; message?: string } }).cause;
    const code = (error as { code?: string }).code ?? cause?.code;
    const text = error.name === 'TimeoutError' ? 'timed out' : error.message;
    return (code && !text.includes(code) ? `${text} (${code})` : text).slice(0, 300);
  }
  return String(error).slice(0, 300);
}

async function postJson(url: string, body: string, headers: Record<string, string>): Promise<void> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/json', ...headers },
    body,
    redirect: 'error',
    signal: AbortSignal.timeout(HTTP_TIMEOUT_MS),
  });
  await response.arrayBuffer().catch(() => undefined);
  if (!response.ok) throw new Error(`HTTP ${response.status} ${response.statusText}`.trim());
}

export interface EmailSettings {
  smtpUrl: string;
  to: string;
  from?: string;
  publicUrl?: string;
}

export class EmailSender implements Sender {
  readonly target = 'email';
  readonly kinds = ['lead', 'handoff'] as const;
  private readonly transport: Transporter;

  constructor(private readonly settings: EmailSettings) {
    this.transport = smtpTransport(settings.smtpUrl);
  }

  async send(notification: Notification, deliveryId: string): Promise<void> {
    const email = emailOf(notification, this.settings.publicUrl);
    await this.transport.sendMail({
      from: this.settings.from ?? `IMP intake <${this.settings.to}>`,
      to: this.settings.to,
      subject: email.subject,
      text: email.text,
      html: email.html,
      // the same id on a resend after a crash lets mail clients show it once
      messageId: `<${deliveryId}@imp-intake>`,
      headers: { 'X-Imp-Delivery': deliveryId },
    });
  }

  close(): void {
    this.transport.close();
  }
}

export class ClioGrowSender implements Sender {
  readonly target = 'clio';
  readonly kinds = ['lead'] as const;

  constructor(private readonly settings: { baseUrl: string; token: string; publicUrl?: string }) {}

  async send(notification: Notification, deliveryId: string): Promise<void> {
    if (notification.kind !== 'lead') throw new Error('Clio Grow takes submitted leads only');
    const url = `${this.settings.baseUrl.replace(/\/+$/, '')}/inbox_leads`;
    const payload = clioPayload(notification.lead, this.settings.token, this.settings.publicUrl);
    await postJson(url, JSON.stringify(payload), { 'idempotency-key': deliveryId });
  }
}

export class WebhookSender implements Sender {
  readonly target = 'webhook';
  readonly kinds = ['lead', 'handoff'] as const;

  constructor(
    private readonly settings: { url: string; secret: string },
    private readonly clock: () => Date = () => new Date(),
  ) {}

  async send(notification: Notification, deliveryId: string): Promise<void> {
    const { event, body } = webhookMessage(notification);
    const timestamp = Math.floor(this.clock().getTime() / 1000);
    await postJson(this.settings.url, body, {
      'x-imp-event': event,
      'x-imp-delivery': deliveryId,
      'idempotency-key': deliveryId,
      [TIMESTAMP_HEADER]: String(timestamp),
      [SIGNATURE_HEADER]: signWebhook(body, this.settings.secret, timestamp),
    });
  }
}
