import { parseChat } from '../../tools/replay/chatdown';
import { scriptOf } from '../../tools/replay/script';

describe('Chatdown (.chat) files', () => {
  it('reads the header, the speakers and multi-line bot messages with their suggested actions', () => {
    const { header, activities } = parseChat(
      [
        'user=Joe',
        'bot=LulaBot',
        '',
        'Joe: Hi!',
        'LulaBot: Hello there!',
        '',
        'Second paragraph, same message.',
        '[Suggestions=Yes|No thanks]',
        '',
        'joe: no thanks',
        'bot:',
        '[Typing][Delay=3000]',
        'Okay.',
      ].join('\n'),
    );
    expect(header).toMatchObject({ users: ['Joe'], bot: 'LulaBot' });
    expect(activities.map((a) => [a.type, a.from?.role, a.text])).toEqual([
      ['message', 'user', 'Hi!'],
      ['message', 'bot', 'Hello there!\n\nSecond paragraph, same message.'],
      ['message', 'user', 'no thanks'],
      ['typing', 'bot', undefined],
      ['message', 'bot', 'Okay.'],
    ]);
    expect(activities[1]!.suggestedActions?.actions?.map((a) => a.title)).toEqual(['Yes', 'No thanks']);
  });

  it('keeps bracketed text that is not a Chatdown command as part of the message', () => {
    const { activities } = parseChat('user: hi\nbot: Your email is [redacted] and [see this](https://x)');
    expect(activities[1]!.text).toBe('Your email is [redacted] and [see this](https://x)');
  });

  it('turns [ConversationUpdate=MembersAdded=…] into a conversationUpdate from the prospect', () => {
    const { activities } = parseChat('user: [ConversationUpdate=MembersAdded=user]\nbot: Welcome!');
    expect(activities[0]).toMatchObject({
      type: 'conversationUpdate',
      membersAdded: [{ id: 'user', role: 'user' }],
    });
    const script = scriptOf('x.chat', 'chat', activities);
    expect(script.turns).toHaveLength(1);
    expect(script.turns[0]!.expected.map((a) => a.text)).toEqual(['Welcome!']);
  });

  it('treats a bot that speaks first as answering the prospect joining the conversation', () => {
    const { activities } = parseChat('bot: Welcome!\nuser: hi\nbot: Hello again');
    const script = scriptOf('x.chat', 'chat', activities);
    expect(script.turns.map((t) => [t.number, t.user.type, t.implied ?? false])).toEqual([
      [1, 'conversationUpdate', true],
      [2, 'message', false],
    ]);
  });
});
