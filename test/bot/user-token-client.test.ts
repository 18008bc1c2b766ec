import type { TurnContext, WebResponse } from '@microsoft/agents-hosting';
import { createBotEndpoint } from '../../src/bot/adapter';
import type { IntakeBot } from '../../src/bot/intake-bot';
import { prospectMessage } from '../support/activities';

/**
 * The SDK's user-token client (for its sign-in flows, which this bot does not use): made once for
 * unauthenticated callers instead of on every turn, and per turn for a channel's identity.
 */

function response(): WebResponse {
  const res: WebResponse = {
    status: () => res,
    setHeader: () => res,
    send: () => res,
    end: () => res,
    headersSent: false,
    writableEnded: false,
  };
  return res;
}

const activity = (id: string) =>
  prospectMessage({ id, serviceUrl: 'http://127.0.0.1:9/x', deliveryMode: 'expectReplies' });

describe("the adapter's user-token client", () => {
  it('is one for every unauthenticated turn, and a new one for each turn with a channel identity', async () => {
    const seen: unknown[] = [];
    const bot = {
      run: async (context: TurnContext) => {
        seen.push(
          context.turnState.get(
            (context.adapter as unknown as { UserTokenClientKey: symbol }).UserTokenClientKey,
          ),
        );
      },
    } as unknown as IntakeBot;
    const { adapter } = createBotEndpoint(bot, {});
    const logic = (context: TurnContext) => bot.run(context);
    await adapter.process({ method: 'POST', headers: {}, body: activity('a') as never }, response(), logic);
    await adapter.process({ method: 'POST', headers: {}, body: activity('b') as never }, response(), logic);
    expect(seen).toHaveLength(2);
    expect(seen[0]).toBeDefined();
    expect(seen[1]).toBe(seen[0]);

    const user = {
      aud: 'unauthenticated-loopback-only',
      iss: 'https://api.botframework.com',
      serviceurl: 'http://127.0.0.1:9/x',
    };
    await adapter.process(
      { method: 'POST', headers: {}, body: activity('c') as never, user },
      response(),
      logic,
    );
    await adapter.process(
      { method: 'POST', headers: {}, body: activity('d') as never, user },
      response(),
      logic,
    );
    expect(seen).toHaveLength(4);
    expect(seen[2]).toBeDefined();
    expect(seen[2]).not.toBe(seen[0]);
    expect(seen[3]).not.toBe(seen[2]);
  });
});
