/**
 * A prospect's message as a channel posts it to the bot (the Emulator's, conversation c-1), with
 * what a test changes.
 */
export function prospectMessage(fields: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    type: 'message',
    text: 'hi',
    channelId: 'emulator',
    conversation: { id: 'c-1' },
    from: { id: 'prospect' },
    recipient: { id: 'bot' },
    ...fields,
  };
}
