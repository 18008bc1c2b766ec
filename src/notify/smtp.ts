import type { Transporter } from 'nodemailer';

/**
 * An SMTP transport for `url` (nodemailer's URL form: smtp://user:pass@host:port). nodemailer is
 * loaded here, on first use, rather than imported: a server with no SMTP_URL never sends email,
 * and the library adds to the heap of every process that loads it (docs/performance.md).
 */
export function smtpTransport(url: string): Transporter {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const nodemailer = require('nodemailer') as typeof import('nodemailer');
  return nodemailer.createTransport(url);
}
