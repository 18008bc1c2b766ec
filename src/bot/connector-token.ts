import type { CloudAdapter, TurnContext } from '@microsoft/agents-hosting';

/** The scope the Agents SDK asks for when the caller is Azure Bot Service (its tokens name no app). */
const BOT_FRAMEWORK_SCOPE = 'https://api.botframework.com';

/**
 * The bot's bearer token for this turn's service URL, obtained as the Agents SDK obtains the one
 * it replies with (CloudAdapter.createConnectorClientWithIdentity): the connection the turn's
 * identity and activity select (`connectionManager.getTokenProviderFromActivity`, MSAL underneath,
 * cached by it), for the caller's app, or the Bot Framework's scope when Azure Bot Service called.
 * Used only with a client id (the caller's token was checked, so the turn has an identity).
 */
export async function connectorToken(context: TurnContext): Promise<string> {
  const connections = (context.adapter as unknown as Partial<CloudAdapter> | undefined)?.connectionManager;
  const identity = context.identity;
  if (!connections || !identity?.aud) throw new Error('the turn has no authenticated bot identity');
  const provider = connections.getTokenProviderFromActivity(identity, context.activity);
  const scope =
    (typeof identity.azp === 'string' && identity.azp) ||
    (typeof identity.appid === 'string' && identity.appid) ||
    BOT_FRAMEWORK_SCOPE;
  return provider.getAccessToken(scope);
}
