/**
 * The firm's booking page (BOOKING_URL), prefilled for one prospect where the scheduler documents
 * how. Only documented query parameters are added; a scheduler that documents none gets its page
 * as given (the prospect types their name there, and the reference only if asked).
 *
 * - Calendly documents `name`, `email` and `a1`…`a10` (answers to the event type's custom
 *   questions, in order): https://help.calendly.com/hc/en-us/articles/226766767. The reference goes
 *   in `a1`, so the firm's event type should ask "Your reference number" as its first question;
 *   the booking webhook reads it back from that answer.
 * - Microsoft Bookings and Clio Scheduler document no prefill parameters for their booking pages:
 *   their links are left as they are.
 */

export type Scheduler = 'calendly' | 'microsoft-bookings' | 'clio-scheduler' | 'other';

export interface BookingProspect {
  name?: string;
  email?: string;
  reference: string;
}

const hostIs = (host: string, domain: string) => host === domain || host.endsWith(`.${domain}`);

export function schedulerOf(url: URL): Scheduler {
  const host = url.hostname.toLowerCase();
  if (hostIs(host, 'calendly.com')) return 'calendly';
  if (hostIs(host, 'book.ms') || (hostIs(host, 'office.com') && url.pathname.includes('/book')))
    return 'microsoft-bookings';
  if (hostIs(host, 'office365.com') && url.pathname.toLowerCase().includes('/bookings/'))
    return 'microsoft-bookings';
  if (hostIs(host, 'clio.com')) return 'clio-scheduler';
  return 'other';
}

/** The booking page for this prospect: BOOKING_URL with the scheduler's documented prefill. */
export function bookingLink(bookingUrl: string, prospect: BookingProspect): string {
  const url = new URL(bookingUrl);
  if (schedulerOf(url) !== 'calendly') return url.toString();
  const set = (key: string, value: string | undefined) => {
    if (value?.trim()) url.searchParams.set(key, value.trim());
  };
  set('name', prospect.name);
  set('email', prospect.email);
  set('a1', prospect.reference);
  // Calendly's examples write a space as %20; URLSearchParams writes "+" (a literal "+" is %2B)
  url.search = url.searchParams.toString().replace(/\+/g, '%20');
  return url.toString();
}
