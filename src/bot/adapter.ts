import {
  ActivityTypes,
  BotAdapter,
  CloudAdapter,
  ConfigurationBotFrameworkAuthentication,
  ConfigurationServiceClientCredentialFactory,
  ShowTypingMiddleware,
  TurnContext,
  type Activity,
  type ConversationReference,
  type Middleware,
  type ResourceResponse,
} from 'botbuilder';
import type { Request, Response } from 'express';
import { loadFlows, matchLocale, type Flows } from '../intake/flows';
import { extend } from '../intake/objects';
import { log, logRef } from '../logger';
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
  /** Where channel tokens' signing keys are published (sovereign clouds, tests); Azure's by default. */
  openIdMetadataUrl?: string;
}

export interface EndpointOptions {
  /** Records every activity (botbuilder's TranscriptLoggerMiddleware, see transcript-logger.ts). */
  transcripts?: Middleware;
  /** The wording (flows/): the apology after a failed turn. */
  flows?: Flows;
}

/**
 * What the built-in website channel offers the bot: it stores a bot activity in the conversation's
 * log and pushes it to the prospect's browser. Undefined when the channel no longer holds it.
 */
export interface ChannelSink {
  receive(conversationId: string, activity: Record<string, unknown>): { id: string } | undefined;
}

/**
 * Called for any error of a turn — also from the typing indicator's timer, outside any request —
 * so it must never throw: a rejected promise there would end the process.
 */
async function onTurnError(context: TurnContext, error: unknown, flows: Flows): Promise<void> {
  try {
    log.error('turn-failed', {
      ref: logRef(`${context.activity?.channelId}/${context.activity?.conversation?.id}`),
      error: error instanceof Error ? error.name : 'unknown',
      message: error instanceof Error ? error.message.slice(0, 200) : undefined,
    });
    await context.sendActivity(flows[matchLocale(context.activity?.locale)].messages.turnFailed);
  } catch (sendError) {
    // The channel cannot be reached either: nothing more to tell the prospect.
    log.warn('turn-error-not-delivered', {
      error: sendError instanceof Error ? sendError.name : 'unknown',
    });
  }
}

type AuthenticateRequestResult = Awaited<
  ReturnType<ConfigurationBotFrameworkAuthentication['authenticateRequest']>
>;

type Claims = Parameters<ConfigurationBotFrameworkAuthentication['createUserTokenClient']>[0];
type ConnectorFactoryOf = NonNullable<AuthenticateRequestResult['connectorFactory']>;
type ConnectorClientOf = Awaited<ReturnType<ConnectorFactoryOf['create']>>;
type UserTokenClientOf = Awaited<
  ReturnType<ConfigurationBotFrameworkAuthentication['createUserTokenClient']>
>;

/** Promises kept by key, at most `limit` of them (the oldest go first); a rejected one is forgotten. */
class BoundedCache<T> {
  private readonly entries = new Map<string, Promise<T>>();

  constructor(private readonly limit: number) {}

  get(key: string, create: () => Promise<T>): Promise<T> {
    const kept = this.entries.get(key);
    if (kept) return kept;
    const created = create();
    this.entries.set(key, created);
    if (this.entries.size > this.limit) this.entries.delete(this.entries.keys().next().value!);
    created.catch(() => {
      if (this.entries.get(key) === created) this.entries.delete(key);
    });
    return created;
  }
}

/**
 * Channel authentication that reuses its clients. CloudAdapter asks for a new connector client
 * and a new user-token client on every turn, and each builds its own HTTP pipeline: about 70 µs
 * of CPU a turn (measured in-process), for clients that depend only on the bot's app id (the
 * token's audience), the audience of the replies and the service URL. They are kept per key, a
 * bounded number of them, so a caller sending many service URLs cannot grow the cache.
 */
export class ReusingBotFrameworkAuthentication extends ConfigurationBotFrameworkAuthentication {
  private readonly connectors = new BoundedCache<ConnectorClientOf>(64);
  private readonly userTokenClients = new BoundedCache<UserTokenClientOf>(8);

  override async authenticateRequest(
    activity: Activity,
    authHeader: string,
  ): Promise<AuthenticateRequestResult> {
    const result = await super.authenticateRequest(activity, authHeader);
    const factory = result.connectorFactory;
    if (!factory) return result;
    const appId = appIdOf(result.claimsIdentity);
    const reusing: ConnectorFactoryOf = {
      create: (serviceUrl: string, audience?: string) =>
        this.connectors.get(`${appId}\n${audience ?? ''}\n${serviceUrl}`, () =>
          factory.create(serviceUrl, audience),
        ),
    };
    return extend(result, { connectorFactory: reusing });
  }

  override createUserTokenClient(claimsIdentity: Claims): Promise<UserTokenClientOf> {
    return this.userTokenClients.get(appIdOf(claimsIdentity), () =>
      super.createUserTokenClient(claimsIdentity),
    );
  }
}

/** The app id a channel token was issued to (its audience); empty without authentication. */
function appIdOf(claims: Claims): string {
  return claims.getClaimValue('aud') ?? '';
}

/** The Bot Framework adapter, with the one protected step this endpoint needs made callable. */
class IntakeCloudAdapter extends CloudAdapter {
  run(auth: AuthenticateRequestResult, activity: Activity, logic: (context: TurnContext) => Promise<void>) {
    return this.processActivity(auth, activity, logic);
  }
}

/**
 * The built-in website channel's way to the bot: in the same process, with no HTTP hop and no
 * credential that could be replayed from outside. Replies go straight into the channel's log.
 */
export class InProcessChannelAdapter extends BotAdapter {
  constructor(private readonly sink: ChannelSink) {
    super();
  }

  /** Runs one turn for an activity the channel received from a prospect. */
  process(activity: Record<string, unknown>, logic: (context: TurnContext) => Promise<void>): Promise<void> {
    return this.runMiddleware(new TurnContext(this, activity as Partial<Activity>), logic);
  }

  override async sendActivities(
    _context: TurnContext,
    activities: Partial<Activity>[],
  ): Promise<ResourceResponse[]> {
    const responses: ResourceResponse[] = [];
    for (const activity of activities) {
      if (activity.type === 'delay') {
        await new Promise((resolve) => setTimeout(resolve, Number(activity.value) || 1000));
        responses.push({ id: '' });
        continue;
      }
      if (activity.type === 'invokeResponse' || activity.type === ActivityTypes.Trace) {
        responses.push({ id: '' });
        continue;
      }
      const conversationId = activity.conversation?.id;
      const stored = conversationId
        ? this.sink.receive(conversationId, JSON.parse(JSON.stringify(activity)) as Record<string, unknown>)
        : undefined;
      if (!stored) throw new Error('the website channel no longer holds this conversation');
      responses.push({ id: stored.id });
    }
    return responses;
  }

  override updateActivity(): Promise<void> {
    return Promise.reject(new Error('the website channel does not update activities'));
  }

  override deleteActivity(): Promise<void> {
    return Promise.reject(new Error('the website channel does not delete activities'));
  }

  /** A turn outside any request (a reminder): replies reach the prospect's chat like any other. */
  override continueConversation(
    reference: Partial<ConversationReference>,
    logic: (context: TurnContext) => Promise<void>,
  ): Promise<void> {
    const activity = TurnContext.applyConversationReference(
      { type: ActivityTypes.Event, name: 'continueConversation' },
      reference,
      true,
    );
    return this.runMiddleware(new TurnContext(this, activity), logic);
  }
}

/**
 * The Azure public cloud's settings (botframework-connector's AuthenticationConstants): once one
 * setting is given, botbuilder takes no default for the others.
 */
const PUBLIC_CLOUD = {
  ValidateAuthority: true,
  ToChannelFromBotLoginUrl: 'https://login.microsoftonline.com/botframework.com',
  ToChannelFromBotOAuthScope: 'https://api.botframework.com',
  ToBotFromChannelTokenIssuer: 'https://api.botframework.com',
  OAuthUrl: 'https://api.botframework.com',
  ToBotFromEmulatorOpenIdMetadataUrl:
    'https://login.microsoftonline.com/common/v2.0/.well-known/openid-configuration',
  CallerId: 'urn:botframework:azure',
};

/** The outcome of checking a request's channel token. */
type Authenticated = { ok: true; result: AuthenticateRequestResult } | { ok: false; status: 401 | 503 };

function unreachableKeys(error: unknown): boolean {
  const e = error as { statusCode?: unknown; name?: string; code?: string; type?: string };
  // botframework-connector's AuthenticationError carries a status: 500 when the keys did not load.
  if (typeof e.statusCode === 'number') return e.statusCode >= 500;
  return (
    e.name === 'FetchError' || e.type === 'system' || (typeof e.code === 'string' && /^E[A-Z]+/.test(e.code))
  );
}

/**
 * The Bot Framework endpoint: channel tokens are validated when an app id is configured; with
 * none (local runs, the Emulator) requests are accepted without authentication — the HTTP layer
 * (src/http/messages-access.ts) then only lets loopback clients in.
 *
 * The built-in website channel does not come through here: `connectChannel` gives it an
 * in-process way to the same bot, with the same middleware.
 */
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
  const authentication = new ReusingBotFrameworkAuthentication(
    credentials.openIdMetadataUrl
      ? { ...PUBLIC_CLOUD, ToBotFromChannelOpenIdMetadataUrl: credentials.openIdMetadataUrl }
      : {},
    credentialFactory,
  );
  const adapter = new IntakeCloudAdapter(authentication);
  if (options.transcripts) adapter.use(options.transcripts);
  adapter.use(new TypingIndicator());

  adapter.onTurnError = (context, error) => onTurnError(context, error, (options.flows ??= loadFlows()));

  const logic = (context: TurnContext) => bot.run(context);

  async function authenticate(activity: Activity, header: string): Promise<Authenticated> {
    try {
      return { ok: true, result: await authentication.authenticateRequest(activity, header) };
    } catch (error) {
      const status = unreachableKeys(error) ? 503 : 401;
      log.warn('channel-token-refused', {
        status,
        error: error instanceof Error ? error.name : 'unknown',
        message: error instanceof Error ? error.message.slice(0, 120) : undefined,
      });
      return { ok: false, status };
    }
  }

  async function handle(req: Request, res: Response): Promise<void> {
    const activity = req.body as Activity;
    const header = typeof req.headers.authorization === 'string' ? req.headers.authorization : '';
    const auth = await authenticate(activity, header);
    if (!auth.ok) {
      res
        .status(auth.status)
        .json(
          auth.status === 401
            ? { error: 'unauthorized', reason: 'a valid channel token is needed' }
            : { error: 'unavailable', reason: 'channel keys cannot be checked right now' },
        );
      return;
    }
    try {
      const response = await adapter.run(auth.result, activity, logic);
      const status = response?.status ?? 200;
      if (status >= 500) {
        res.status(400).json({ error: 'unsupported activity' });
        return;
      }
      res.status(status);
      if (response?.body !== undefined) res.json(response.body);
      else res.end();
    } catch (error) {
      log.error('activity-not-processed', { error: error instanceof Error ? error.name : 'unknown' });
      if (!res.headersSent) res.status(500).json({ error: 'internal error' });
    }
  }

  /** The built-in channel's in-process way to this bot (replies go to `sink`). */
  function connectChannel(sink: ChannelSink) {
    const channel = new InProcessChannelAdapter(sink);
    if (options.transcripts) channel.use(options.transcripts);
    channel.use(new TypingIndicator());
    channel.onTurnError = adapter.onTurnError;
    return {
      adapter: channel,
      deliver: (activity: Record<string, unknown>) => channel.process(activity, logic),
    };
  }

  return { adapter, handle, connectChannel };
}
