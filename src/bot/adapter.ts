import {
  CloudAdapter,
  ConfigurationBotFrameworkAuthentication,
  ConfigurationServiceClientCredentialFactory,
  type TurnContext,
} from 'botbuilder';
import type { Request, Response } from 'express';
import { log } from '../logger';
import type { IntakeBot } from './intake-bot';

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
export function createBotEndpoint(bot: IntakeBot, credentials: BotCredentials) {
  const credentialFactory = new ConfigurationServiceClientCredentialFactory({
    MicrosoftAppId: credentials.appId ?? '',
    MicrosoftAppPassword: credentials.appPassword ?? '',
    MicrosoftAppType: credentials.appType ?? (credentials.appId ? 'MultiTenant' : ''),
    MicrosoftAppTenantId: credentials.tenantId ?? '',
  });
  const authentication = new ConfigurationBotFrameworkAuthentication({}, credentialFactory);
  const adapter = new CloudAdapter(authentication);

  adapter.onTurnError = async (context: TurnContext, error: Error) => {
    log.error('turn-failed', {
      conversation: context.activity.conversation?.id,
      error: error.name,
      message: error.message,
    });
    const french = context.activity.locale?.toLowerCase().startsWith('fr');
    await context.sendActivity(
      french
        ? 'Désolé, un problème est survenu de notre côté. Vos réponses déjà enregistrées sont conservées : veuillez réessayer dans un instant.'
        : 'Sorry, something went wrong on our side. The answers you already gave are saved: please try again in a moment.',
    );
  };

  return {
    adapter,
    handle: (req: Request, res: Response) => adapter.process(req, res, (context) => bot.run(context)),
  };
}
