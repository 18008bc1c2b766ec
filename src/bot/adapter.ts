import {
  CloudAdapter,
  ConfigurationBotFrameworkAuthentication,
  ConfigurationServiceClientCredentialFactory,
  ShowTypingMiddleware,
  type Middleware,
  type TurnContext,
} from 'botbuilder';
import type { Request, Response } from 'express';
import { loadFlows, matchLocale, type Flows } from '../intake/flows';
import { log } from '../logger';
import type { IntakeBot } from './intake-bot';

/**
 * "Typing…" while a turn takes longer than half a second. Not for expectReplies callers: they get
 * every reply at once in the response, where a typing activity would only be noise.
 */
class TypingIndicator extends ShowTypingMiddleware {
  override onTurn(context: TurnContext, next: () => Promise<void>): Promise<void> {
    return context.activity.deliveryMode === 'expectReplies' ? next() : super.onTurn(context, next);
  }
}

export interface BotCredentials {
  appId?: string;
  appPassword?: string;
  appType?: string;
  tenantId?: string;
}

/**
 * The Bot Framework endpoint: channel tokens are validated when an app id is configured; with
 * none (local runs, the Emulator) requests are accepted without authentication.
 */
export interface EndpointOptions {
  /** Records every activity (botbuilder's TranscriptLoggerMiddleware, see transcript-logger.ts). */
  transcripts?: Middleware;
  /** The wording (flows/): the apology after a failed turn. */
  flows?: Flows;
}

export function createBotEndpoint(
  bot: IntakeBot,
  credentials: BotCredentials,
  options: EndpointOptions = {},
) {
  const credentialFactory = new ConfigurationServiceClientCredentialFactory({
    MicrosoftAppId: credentials.appId ?? '',
    MicrosoftAppPassword: credentials.appPassword ?? '',
    MicrosoftAppType: credentials.appType ?? (credentials.appId ? 'MultiTenant' : ''),
    MicrosoftAppTenantId: credentials.tenantId ?? '',
  });
  const authentication = new ConfigurationBotFrameworkAuthentication({}, credentialFactory);
  const adapter = new CloudAdapter(authentication);
  if (options.transcripts) adapter.use(options.transcripts);
  adapter.use(new TypingIndicator());

  adapter.onTurnError = async (context: TurnContext, error: Error) => {
    log.error('turn-failed', {
      conversation: context.activity.conversation?.id,
      error: error.name,
      message: error.message,
    });
    const flows = (options.flows ??= loadFlows());
    await context.sendActivity(flows[matchLocale(context.activity.locale)].messages.turnFailed);
  };

  return {
    adapter,
    handle: (req: Request, res: Response) => adapter.process(req, res, (context) => bot.run(context)),
  };
}
