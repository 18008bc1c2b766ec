import { loadConfig } from '../../src/config';
import { readBookingEvent } from '../../src/booking/webhook';
import { workflowRecordSchema } from '../../src/ports/workflow';
import { WorkflowStore } from '../../src/staff/workflow';
import { MemoryDocuments } from '../../src/storage/memory/documents';

describe('what the booking webhook reads from a delivery', () => {
  const calendly = (answers: { answer: string; position?: number }[]) => ({
    event: 'invitee.created',
    payload: {
      scheduled_event: { start_time: '2026-12-10T18:00:00.000000Z' },
      questions_and_answers: answers,
    },
  });

  it("reads Calendly's start time and the reference from the answers, in any case", () => {
    expect(
      readBookingEvent(
        calendly([
          { answer: 'Work permit question', position: 1 },
          { answer: 'imp-2026-ab12-cd34', position: 0 },
        ]),
      ),
    ).toEqual({ reference: 'IMP-2026-AB12-CD34', startsAt: new Date('2026-12-10T18:00:00Z') });
  });

  it('refuses a Calendly booking with no reference, or with no time', () => {
    expect(readBookingEvent(calendly([{ answer: 'no reference here' }]))).toEqual({
      invalid: 'no intake reference in the answers',
    });
    expect(readBookingEvent({ event: 'invitee.created', payload: {} })).toHaveProperty('invalid');
  });

  it('reads a relayed booking.created (Microsoft Bookings, Clio Scheduler through an automation)', () => {
    expect(
      readBookingEvent({
        event: 'booking.created',
        reference: 'IMP-2026-AB12-CD34',
        startTime: '2026-12-10T10:00:00-08:00',
      }),
    ).toEqual({ reference: 'IMP-2026-AB12-CD34', startsAt: new Date('2026-12-10T18:00:00Z') });
    expect(
      readBookingEvent({ event: 'booking.created', reference: 'nope', startTime: 'soon' }),
    ).toHaveProperty('invalid');
  });

  it('ignores other events', () => {
    expect(readBookingEvent({ event: 'invitee.canceled' })).toEqual({ ignored: 'invitee.canceled' });
    expect(readBookingEvent(null)).toEqual({ ignored: 'no event' });
  });
});

describe('recording a booking on the workflow', () => {
  it('moves the lead to Consultation booked, and a reschedule only changes the time', async () => {
    const workflow = new WorkflowStore(new MemoryDocuments(workflowRecordSchema));
    await workflow.open('lead-1', undefined, '2026-12-07T17:00:00.000Z', { bookingLinkSent: true });
    const booked = await workflow.recordBooking(
      'lead-1',
      new Date('2026-12-10T18:00:00Z'),
      'scheduler',
      new Date('2026-12-07T17:05:00Z'),
    );
    expect(booked.status).toBe('consultation-booked');
    expect(booked.booking).toEqual({
      linkSentAt: '2026-12-07T17:00:00.000Z',
      startsAt: '2026-12-10T18:00:00.000Z',
      bookedAt: '2026-12-07T17:05:00.000Z',
    });
    const moved = await workflow.recordBooking(
      'lead-1',
      new Date('2026-12-11T18:00:00Z'),
      'scheduler',
      new Date('2026-12-08T09:00:00Z'),
    );
    expect(moved.booking?.startsAt).toBe('2026-12-11T18:00:00.000Z');
    expect(moved.history.map((h) => h.action)).toEqual(['created', 'status', 'note']);
    expect(moved.history.at(-1)?.note).toBe('Consultation rescheduled for 2026-12-11T18:00:00.000Z');
  });
});

describe('the booking settings', () => {
  const env = { DATA_DIR: '/tmp/imp-config-test' };
  it('takes an https booking page, a webhook secret and the response hours', () => {
    const config = loadConfig({
      ...env,
      BOOKING_URL: 'https://calendly.com/firm/consultation',
      BOOKING_WEBHOOK_SECRET: 'a-signing-key-of-some-length',
      FIRM_RESPONSE_HOURS: '24',
    });
    expect(config.FIRM_RESPONSE_HOURS).toBe(24);
    expect(loadConfig(env).BOOKING_URL).toBeUndefined();
  });

  it('refuses a booking page over http, a short secret and hours that are not a whole number', () => {
    expect(() => loadConfig({ ...env, BOOKING_URL: 'http://calendly.com/firm' })).toThrow(/BOOKING_URL/);
    expect(() => loadConfig({ ...env, BOOKING_WEBHOOK_SECRET: 'short' })).toThrow(/BOOKING_WEBHOOK_SECRET/);
    expect(() => loadConfig({ ...env, FIRM_RESPONSE_HOURS: 'soon' })).toThrow(/FIRM_RESPONSE_HOURS/);
  });
});
