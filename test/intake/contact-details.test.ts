import { IntakeEngine, viewOf } from '../../src/intake/conversation';
import type { Catalogue } from '../../src/intake/machine';
import { stepCatalogue } from '../../src/intake/steps';
import { buildLead } from '../../src/screening';
import { employer } from '../support/answers';
import { converse, fixedDependencies, flows, type Conversation } from '../support/talk';

/**
 * Issue 22, contact details: an extension is kept, an employer contact's name and role are
 * asked apart, and a prospect who asks for a person before the contact questions is first asked
 * how to reach them, then handed off, then brought back to where they were.
 */

const en = flows()['en-CA'];
const fr = flows()['fr-CA'];

function start(
  role: 'worker' | 'employer',
  locale: 'en-CA' | 'fr-CA' = 'en-CA',
  catalogue?: Catalogue,
): Conversation {
  const conversation = converse(
    new IntakeEngine(flows(), catalogue ? { catalogue } : {}),
    locale,
    fixedDependencies(),
  );
  const flow = flows()[locale];
  conversation.say(flow.yesno.yes);
  conversation.say(flow.steps.role.choices![role]!);
  return conversation;
}

const answersOf = (conversation: Conversation) =>
  viewOf(conversation.state!).answers as Record<string, unknown>;
const replyOf = (conversation: Conversation) => conversation.last.replies.map((r) => r.text).join('\n\n');

/** The employer's contact questions only, as the catalogue has them (the role asked of employers). */
const contactOnly = Object.fromEntries(
  (['consent', 'role', 'contactName', 'contactRole', 'contactEmail', 'contactPhone'] as const).map((id) => [
    id,
    stepCatalogue[id],
  ]),
) as unknown as Catalogue;

describe('asking for a person before the contact questions (issue 22)', () => {
  it('asks for a name and an email first, then hands off and returns to the question the prospect was on', () => {
    const conversation = start('worker');
    conversation.say('Mexico');
    const question = conversation.step();
    expect(question).not.toMatch(/^contact/);

    const asked = conversation.say('talk to a person');
    expect(asked.handoffRequested).toBeUndefined();
    expect(conversation.step()).toBe('contactName');
    expect(replyOf(conversation)).toContain('I first need your name and an email address');

    expect(conversation.say('Ana Morales').handoffRequested).toBeUndefined();
    expect(conversation.step()).toBe('contactEmail');
    const handedOff = conversation.say('ana.morales@example.com');
    expect(handedOff.handoffRequested).toBe(true);
    expect(replyOf(conversation)).toContain('someone from');
    expect(conversation.step()).toBe(question);
    expect(viewOf(conversation.state!)).toMatchObject({
      handoffRequested: true,
      answers: { contactName: 'Ana Morales', contactEmail: 'ana.morales@example.com' },
    });
  });

  it('hands off at once when the name and email are already known', () => {
    const conversation = start('employer', 'en-CA', contactOnly);
    conversation.say('Priya Nakamura');
    conversation.say('HR manager');
    conversation.say('priya@example.com');
    const step = conversation.step();
    expect(conversation.say('talk to a person').handoffRequested).toBe(true);
    expect(conversation.step()).toBe(step);
  });

  it('asks in French too', () => {
    const conversation = start('worker', 'fr-CA');
    conversation.say('parler à une personne');
    expect(conversation.step()).toBe('contactName');
    expect(replyOf(conversation)).toContain("j'ai d'abord besoin de votre nom");
  });
});

describe("an employer contact's name and role (issue 22)", () => {
  it('asks the role apart from the name', () => {
    const conversation = start('employer', 'en-CA', contactOnly);
    conversation.say('Priya Nakamura');
    expect(conversation.step()).toBe('contactRole');
    expect(replyOf(conversation)).toContain(en.steps.contactRole.prompt);
    conversation.say('HR manager');
    expect(answersOf(conversation)).toMatchObject({
      contactName: 'Priya Nakamura',
      contactRole: 'HR manager',
    });
  });

  it('splits "Priya Nakamura, HR manager" typed at the name, and says both back', () => {
    const conversation = start('employer', 'en-CA', contactOnly);
    conversation.say('Priya Nakamura, HR manager');
    expect(answersOf(conversation)).toMatchObject({
      contactName: 'Priya Nakamura',
      contactRole: 'HR manager',
    });
    expect(conversation.step()).toBe('contactEmail');
    expect(replyOf(conversation)).toMatch(/your name is Priya Nakamura, and your role is HR manager/);
  });

  it('does the same in French', () => {
    const conversation = start('employer', 'fr-CA', contactOnly);
    conversation.say('Marc Tremblay, directeur des ressources humaines');
    expect(answersOf(conversation)).toMatchObject({
      contactName: 'Marc Tremblay',
      contactRole: 'directeur des ressources humaines',
    });
    expect(replyOf(conversation)).toContain(fr.steps.contactEmail.prompt);
  });

  it('is not asked of a worker, whose name alone is kept and said back', () => {
    const conversation = start('worker', 'en-CA', contactOnly);
    conversation.say('Ana Morales');
    expect(conversation.step()).toBe('contactEmail');
    const other = start('worker', 'en-CA', contactOnly);
    other.say('Ana Morales, nurse');
    expect(answersOf(other)).toEqual(expect.objectContaining({ contactName: 'Ana Morales' }));
    expect(answersOf(other).contactRole).toBeUndefined();
    expect(replyOf(other)).toContain('Noted: Ana Morales.');
    expect(replyOf(other)).not.toContain('role');
  });

  it("puts the role beside the name in the lead's contact", () => {
    const lead = buildLead({
      id: 'lead-1',
      reference: 'IMP-2026-TEST-0001',
      createdAt: '2026-11-25T17:00:00.000Z',
      locale: 'en-CA',
      answers: { ...employer, contactRole: 'Head of people' },
      handoffRequested: false,
    });
    expect(lead.contact).toMatchObject({ name: employer.contactName, role: 'Head of people' });
    expect(lead.summary.text).toContain(`${employer.contactName} (Head of people)`);
  });
});

describe('phone extensions (issue 22)', () => {
  it.each([
    ['en-CA', '604-555-0177 ext 12', /ext\. 12/],
    ['en-CA', '604 555 0177 extension 12', /ext\. 12/],
    ['fr-CA', '604-555-0177 poste 12', /poste 12/],
  ] as const)('%s keeps the extension of “%s” and says it back', (locale, typed, said) => {
    const conversation = start('employer', locale, contactOnly);
    conversation.say('Priya Nakamura');
    conversation.say('HR manager');
    conversation.say('priya@example.com');
    conversation.say(typed);
    expect(answersOf(conversation).contactPhone).toBe('+16045550177;ext=12');
    expect(replyOf(conversation)).toMatch(said);
  });

  it('puts the extension in the lead', () => {
    const lead = buildLead({
      id: 'lead-1',
      reference: 'IMP-2026-TEST-0001',
      createdAt: '2026-11-25T17:00:00.000Z',
      locale: 'en-CA',
      answers: { ...employer, contactPhone: '+16045550177;ext=12' },
      handoffRequested: false,
    });
    expect(lead.contact.phone).toBe('+16045550177;ext=12');
  });
});

describe('the offer of a call (issue 26: the preferred contact is the phone answer, not a question of its own)', () => {
  it.each([
    ['en-CA', 'no thanks'],
    ['fr-CA', 'non merci'],
    ['en-CA', 'skip'],
  ] as const)('%s takes “%s” as no phone and goes to the review', (locale, typed) => {
    const conversation = start('employer', locale, contactOnly);
    conversation.say('Priya Nakamura');
    conversation.say('HR manager');
    conversation.say('priya@example.com');
    expect(conversation.step()).toBe('contactPhone');
    conversation.say(typed);
    expect(answersOf(conversation).contactPhone).toBeNull();
    expect(conversation.step()).toBe('review');
  });

  it('goes from a number to the review without asking how to be contacted', () => {
    const conversation = start('employer', 'en-CA', contactOnly);
    conversation.say('Priya Nakamura');
    conversation.say('HR manager');
    conversation.say('priya@example.com');
    conversation.say('604-555-0177');
    expect(answersOf(conversation).contactPhone).toBe('+16045550177');
    expect(conversation.step()).toBe('review');
  });

  it('tells the prospect, in both languages, that a number given is the one the firm calls', () => {
    expect(en.steps.contactPhone.prompt).toMatch(/call you/);
    expect(fr.steps.contactPhone.prompt).toMatch(/appelle/);
  });
});
