import { bookingLink, schedulerOf } from '../../src/booking/link';

const prospect = { name: 'Ana María Pérez', email: 'ana+visa@example.com', reference: 'IMP-2026-AB12-CD34' };

describe('the booking link offered after submitting', () => {
  it("prefills a Calendly page with Calendly's documented name, email and a1 (the reference)", () => {
    const link = new URL(bookingLink('https://calendly.com/harbourside/consultation', prospect));
    expect(link.origin + link.pathname).toBe('https://calendly.com/harbourside/consultation');
    expect(Object.fromEntries(link.searchParams)).toEqual({
      name: 'Ana María Pérez',
      email: 'ana+visa@example.com',
      a1: 'IMP-2026-AB12-CD34',
    });
  });

  it('writes spaces as %20 and keeps a literal + in the email, as Calendly shows its links', () => {
    const link = bookingLink('https://calendly.com/harbourside/consultation', prospect);
    expect(link).toContain('name=Ana%20Mar%C3%ADa%20P%C3%A9rez');
    expect(link).toContain('email=ana%2Bvisa%40example.com');
  });

  it("keeps the firm's own query parameters (a month, a UTM tag) on the page", () => {
    const link = new URL(
      bookingLink('https://calendly.com/firm/30min?month=2026-12&utm_source=bot', prospect),
    );
    expect(link.searchParams.get('month')).toBe('2026-12');
    expect(link.searchParams.get('utm_source')).toBe('bot');
    expect(link.searchParams.get('a1')).toBe(prospect.reference);
  });

  it('leaves out a field the prospect did not give', () => {
    const link = new URL(bookingLink('https://calendly.com/firm/30min', { reference: 'IMP-2026-AB12-CD34' }));
    expect([...link.searchParams.keys()]).toEqual(['a1']);
  });

  it.each([
    ['Microsoft Bookings', 'https://outlook.office.com/book/HarboursideImmigration@firm.onmicrosoft.com/'],
    ['Microsoft Bookings (short link)', 'https://book.ms/b/harbourside'],
    ['Clio Scheduler', 'https://app.clio.com/scheduler/harbourside/consultation'],
    ['another scheduler', 'https://booking.example.com/consult'],
  ])('adds nothing to %s, which documents no prefill parameters', (_name, url) => {
    expect(bookingLink(url, prospect)).toBe(new URL(url).toString());
  });

  it('tells the schedulers apart by host', () => {
    expect(schedulerOf(new URL('https://calendly.com/x'))).toBe('calendly');
    expect(schedulerOf(new URL('https://notcalendly.com/x'))).toBe('other');
    expect(schedulerOf(new URL('https://outlook.office365.com/owa/calendar/Firm@x.com/bookings/'))).toBe(
      'microsoft-bookings',
    );
  });
});
