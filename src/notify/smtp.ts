import type { Transporter } from 'nodemailer';

/**
 * An SMTP transport for `url` (nodemailer's URL form: smtp://user:pass@host:port). nodemailer is
 * loaded here, on first use, rather than imported: a server with no SMTP_URL never sends email,
 * and the library adds about 2 MB of heap to every process that loads it.
 */
export function smtpTransport(url: string): Transporter {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const nodemailer = require('nodemailer') as typeof import('nodemailer');
  return nodemailer.createTransport(url);
}
