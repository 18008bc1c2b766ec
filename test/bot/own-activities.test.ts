import { Activity, activityZodSchema } from '@microsoft/agents-activity';
import { toActivity } from '../../src/bot/intake-bot';
import { skipSchemaForOwnActivities } from '../../src/bot/own-activities';
import { IntakeEngine } from '../../src/intake/conversation';
import { flows } from '../support/talk';

/**
 * The bot's own replies skip the SDK's schema parse (src/bot/own-activities.ts): copied, they must
 * come out exactly as the parse gives them, and anything else must still be parsed.
 */

beforeAll(() => skipSchemaForOwnActivities());
afterEach(() => jest.restoreAllMocks());

function replies() {
  const result = new IntakeEngine(flows()).start('en-CA');
  const reply = result.replies.at(-1)!;
  const review = [
    { step: 'companyName', section: 'Employer', number: 1, label: 'Company', answer: 'Acme' },
    { step: 'jobTitle', section: 'Role', number: 2, label: 'Title', answer: 'Engineer' },
  ];
  const incoming = { from: { id: 'prospect' } };
  return [toActivity(reply, result, incoming), toActivity({ ...reply, review }, result, incoming)];
}

describe("the bot's own replies in the Agents SDK", () => {
  it('are copied without the schema parse, exactly as the parse gives them', () => {
    const parse = jest.spyOn(activityZodSchema, 'passthrough');
    for (const reply of replies()) {
      const copied = Activity.fromObject(reply);
      expect(parse).not.toHaveBeenCalled();
      const parsed = Activity.fromObject(structuredClone(reply)); // unmarked: parsed
      expect(parse).toHaveBeenCalledTimes(1);
      Activity.fromObject({ ...reply }); // a copy of a reply, which could have been changed: parsed
      expect(parse).toHaveBeenCalledTimes(2);
      parse.mockClear();
      expect(copied).toBeInstanceOf(Activity);
      expect(JSON.stringify(copied)).toBe(JSON.stringify(parsed));
      expect(Object.keys(copied).filter((k) => copied[k as keyof Activity] !== undefined)).toEqual(
        Object.keys(parsed).filter((k) => parsed[k as keyof Activity] !== undefined),
      );
    }
  });

  it('leave everything else to the parse, which still refuses what is not an activity', () => {
    expect(() => Activity.fromObject({ type: 5 })).toThrow();
    expect(Activity.fromObject({ type: 'message', text: 'hi' })).toMatchObject({
      type: 'message',
      text: 'hi',
    });
  });
});
