import { IntakeEngine } from '../../src/intake/conversation';
import {
  intakeStepOf,
  REDACTED,
  Redaction,
  redactedAnswerOf,
  type ActivityLike,
} from '../../src/intake/redaction';
import { employer } from '../support/answers';
import { fixedDependencies, flows, typedAnswer } from '../support/talk';

const en = () => flows()['en-CA'];
const message = (text: string, extra: ActivityLike = {}): ActivityLike => ({
  type: 'message',
  text,
  ...extra,
});

describe('redaction of recorded conversations', () => {
  const redaction = new Redaction(flows());

  it('hides a contact detail but keeps the step it answered', () => {
    const stored = redaction.redactUserActivity(message('dana@lionsgaterobotics.example'), 'contactEmail');
    expect(stored.text).toBe(REDACTED);
    expect(JSON.stringify(stored)).not.toContain('dana@');
    expect(redactedAnswerOf(stored)).toEqual({ step: 'contactEmail', redacted: true });
  });

  it('keeps the value of an admissibility yes/no and choice, not the words typed', () => {
    expect(redactedAnswerOf(redaction.redactUserActivity(message('nope'), 'criminalHistory'))).toEqual({
      step: 'criminalHistory',
      redacted: true,
      value: false,
    });
    const order = redaction.redactUserActivity(
      message(en().steps.removalOrderType.choices!.departure!),
      'removalOrderType',
    );
    expect(order.text).toBe(REDACTED);
    expect(redactedAnswerOf(order)?.value).toBe('departure');
  });

  it('treats a step the catalogue marks sensitive (mistreatment by an employer) like admissibility (§10)', () => {
    expect(redaction.isRedactedStep('employerTreatment')).toBe(true);
    const stored = redaction.redactUserActivity(
      message('yes, my boss keeps my passport at Fraser Farms'),
      'employerTreatment',
    );
    expect(stored.text).toBe(REDACTED);
    expect(JSON.stringify(stored)).not.toContain('Fraser');
    expect(redactedAnswerOf(redaction.redactUserActivity(message('yes'), 'employerTreatment'))).toEqual({
      step: 'employerTreatment',
      redacted: true,
      value: true,
    });
    // the permit type is not sensitive
    expect(redaction.isRedactedStep('workPermitType')).toBe(false);
  });

  it.each([
    ['removalOrderType', 'deportation order'],
    ['removalYear', '2019'],
    ['intelligenceCountry', 'Ukraine'],
    ['canadianApplicationType', 'work permit'],
    ['canadianApplicationYear', '2022'],
  ])('hides the removal, security-service and earlier-application answer to %s (§10)', (step, typed) => {
    const stored = redaction.redactUserActivity(message(typed), step);
    expect(stored.text).toBe(REDACTED);
    expect(JSON.stringify(stored)).not.toContain(typed);
    expect(redactedAnswerOf(stored)).toMatchObject({ step, redacted: true });
  });

  it('records the problem of a rejected answer, without its words', () => {
    const stored = redaction.redactUserActivity(message('dana at example dot com'), 'contactEmail');
    expect(stored.text).toBe(REDACTED);
    expect(redactedAnswerOf(stored)).toEqual({ step: 'contactEmail', redacted: true, problem: 'email' });
  });

  it('hides an answer sent by a card button (value) as well as typed text', () => {
    const stored = redaction.redactUserActivity(
      message('', { value: { text: '6045550123' } }),
      'contactPhone',
    );
    expect(stored.value).toBeUndefined();
    expect(JSON.stringify(stored)).not.toContain('6045550123');
  });

  it('keeps commands, skips and the answers to other sections as typed', () => {
    for (const text of ['back', 'help', 'talk to a person', 'français', 'skip']) {
      expect(redaction.redactUserActivity(message(text), 'contactPhone').text).toBe(text);
    }
    expect(redaction.redactUserActivity(message('Lions Gate Robotics Inc.'), 'employerCompany').text).toBe(
      'Lions Gate Robotics Inc.',
    );
    expect(redaction.redactUserActivity(message('hello'), undefined).text).toBe('hello');
  });

  it('hides the words of a declined call ("no thanks, …") and replays it as a skip', () => {
    const stored = redaction.redactUserActivity(
      message('no thanks, I work nights at the clinic'),
      'contactPhone',
    );
    expect(stored.text).toBe(REDACTED);
    expect(redactedAnswerOf(stored)).toEqual({ step: 'contactPhone', redacted: true, value: null });
    expect(redaction.syntheticText(redactedAnswerOf(stored)!)).toBe('skip');
  });

  it('hides the redacted answers the review repeats, in the text and in the card, and keeps the others', () => {
    const engine = new IntakeEngine(flows());
    const answers = { ...employer };
    let result = engine.start('en-CA');
    const deps = fixedDependencies();
    for (const text of ['yes', en().steps.role.choices!.employer!])
      result = engine.handle(result.state, text, deps, 'en-CA');
    for (const step of engine.reviewSteps(answers)) {
      result = engine.handle(
        result.state,
        typedAnswer(step, answers[step as keyof typeof answers], en()),
        deps,
        'en-CA',
      );
    }
    const review = result.replies[0]!;
    expect(review.question?.step).toBe('review');
    const card = {
      contentType: 'application/vnd.microsoft.card.adaptive',
      content: {
        body: [
          {
            type: 'FactSet',
            facts: review.review!.map((i) => ({ title: `${i.number}. ${i.label}`, value: i.answer })),
          },
        ],
      },
    };
    const stored = redaction.redactBotActivity({
      type: 'message',
      text: review.text,
      attachments: [card],
      channelData: { intake: { step: 'review' } },
    });
    const json = JSON.stringify(stored);
    for (const secret of ['Dana Whitfield', 'dana@lionsgaterobotics.example', '604'])
      expect(json).not.toContain(secret);
    expect(stored.text).toContain(`**${en().steps.contactEmail.label}:** ${REDACTED}`);
    expect(stored.text).toContain('Lions Gate Robotics Inc.');
    expect(json).toContain('Lions Gate Robotics Inc.');
    expect(intakeStepOf(stored)).toBe('review');
  });

  it("hides the current answer a contact question repeats after 'back'", () => {
    const text = `${en().steps.contactEmail.prompt}\n\nYour current answer is **dana@example.com**. Type a new answer, or type the same one again to keep it.`;
    const stored = redaction.redactBotActivity({
      type: 'message',
      text,
      channelData: { intake: { step: 'contactEmail' } },
    });
    expect(stored.text).not.toContain('dana@');
    expect(stored.text).toContain(`Your current answer is **${REDACTED}**.`);
  });

  it('types, for a replay, an answer the bot reads the same way as the redacted one', () => {
    expect(redaction.syntheticText({ step: 'criminalHistory', redacted: true, value: true })).toBe('Yes');
    expect(redaction.syntheticText({ step: 'removalOrderType', redacted: true, value: 'exclusion' })).toBe(
      en().steps.removalOrderType.choices!.exclusion,
    );
    expect(redaction.syntheticText({ step: 'contactEmail', redacted: true })).toBe('redacted@example.com');
    expect(redaction.syntheticText({ step: 'contactName', redacted: true })).toBe('Redacted');
    const invalidEmail = redaction.syntheticText({ step: 'contactEmail', redacted: true, problem: 'email' });
    const engineSays = new Redaction(flows()).redactUserActivity(message(invalidEmail), 'contactEmail');
    expect(redactedAnswerOf(engineSays)?.problem).toBe('email');
    const tooShort = redaction.syntheticText({ step: 'contactName', redacted: true, problem: 'text.short' });
    expect(redactedAnswerOf(redaction.redactUserActivity(message(tooShort), 'contactName'))?.problem).toBe(
      'text.short',
    );
  });
});
