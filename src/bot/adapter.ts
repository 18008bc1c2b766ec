import { Activity, ActivityTypes, type ConversationReference } from '@microsoft/agents-activity';
import {
  BaseAdapter,
  CloudAdapter,
  TurnContext,
  type AttachmentInfo,
  type AuthConfiguration,
  type HeaderPropagationCollection,
  type Middleware,
  type Request as AgentRequest,
  type ResourceResponse,
  type UserTokenClient,
  type WebResponse,
} from '@microsoft/agents-hosting';
import type { Request, Response } from 'express';
import { loadFlows, matchLocale, type Flows } from '../intake/flows';
import { log, logRef } from '../logger';
import type { IntakeBot } from './intake-bot';
import { skipSchemaForOwnActivities } from './own-activities';
import { skipIdleTelemetry } from './sdk-telemetry';
import { TypingIndicator } from './typing-indicator';

/**
 * The Agents SDK's per-turn work this process leaves out, wherever a bot runs (the server, the
 * in-process replay): no span for a turn's steps while no OpenTelemetry tracer provider is
 * registered, and the bot's own replies copied, not parsed again by the SDK's schema.
 */
export function useSdkShortcuts(): void {
  skipIdleTelemetry();
  skipSchemaForOwnActivities();
}

/**
 * The bot's identity with Azure Bot Service, in the Microsoft 365 Agents SDK's words (its
 * `AuthConfiguration`; docs/agents-sdk.md maps them to the Bot Framework's MicrosoftApp* names).
 * Without a client id nothing authenticates a request (local runs, the Emulator).
 */
export interface BotCredentials {
  clientId?: string;
  clientSecret?: string;
  tenantId?: string;
  /** ClientSecret, UserManagedIdentity, Certificate…; the SDK infers it from the others when absent. */
  authType?: string;
  /** The Entra sign-in authority (https://login.microsoftonline.com unless a sovereign cloud's, or a test's). */
  authorityEndpoint?: string;
}

export interface EndpointOptions {
  /** Records every activity, a turn at a time (see transcript-logger.ts). */
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

/** The identity a channel token carried (the SDK's `request.user`); undefined without authentication. */
type Identity = AgentRequest['user'];

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

/**
 * The SDK refuses to build an adapter without a client id when NODE_ENV=production. Without one,
 * this endpoint authenticates nothing and only loopback callers reach it (src/http/messages-access.ts):
 * the adapter gets this stand-in, which no token can name (tokens are not checked then) and which
 * never signs anything (replies to an unauthenticated caller go without a token).
 */
const UNAUTHENTICATED_CLIENT_ID = 'unauthenticated-loopback-only';

/**
 * The SDK hands only an `Error` to the turn error handler: anything else thrown in a turn (a
 * fetch failure raised in another realm, as under jest, or a thrown string) it turns into a
 * failed request. This middleware, the outermost, makes every such throw an Error.
 */
const throwsErrors: Middleware = {
  async onTurn(_context, next) {
    try {
      await next();
    } catch (thrown) {
      if (thrown instanceof Error) throw thrown;
      const like = thrown as { name?: unknown; message?: unknown } | undefined;
      const error = new Error(typeof like?.message === 'string' ? like.message : String(thrown));
      if (typeof like?.name === 'string') error.name = like.name;
      throw error;
    }
  },
};

/**
 * The SDK's configuration: one connection, built from these credentials. Given its connections,
 * the SDK does not assemble one from the environment (Connections__… variables are not read).
 */
export function authConfiguration(credentials: BotCredentials): AuthConfiguration {
  const connection: AuthConfiguration = {
    clientId: credentials.clientId || UNAUTHENTICATED_CLIENT_ID,
    // a token's issuer must be Azure Bot Service's or this tenant's (the SDK checks it only when asked)
    validateIssuer: true,
  };
  if (credentials.clientSecret) connection.clientSecret = credentials.clientSecret;
  if (credentials.tenantId) connection.tenantId = credentials.tenantId;
  if (credentials.authType) connection.authType = credentials.authType;
  if (credentials.authorityEndpoint) connection.authorityEndpoint = credentials.authorityEndpoint;
  return {
    ...connection,
    connections: new Map([['serviceConnection', connection]]),
    connectionsMap: [{ serviceUrl: '*', connection: 'serviceConnection' }],
  };
}

/** The Agents SDK's adapter, for this endpoint. */
class IntakeCloudAdapter extends CloudAdapter {
  /**
   * With expectReplies every reply is in the response: no connector client (the SDK makes one
   * whenever there is a service URL, fetching a token for it).
   */
  protected override resolveIfConnectorClientIsNeeded(activity: Activity): boolean {
    return activity.deliveryMode !== 'expectReplies' && super.resolveIfConnectorClientIsNeeded(activity);
  }

  private anonymousTokenClient: Promise<UserTokenClient> | undefined;

  /**
   * Without a caller identity (no client id: loopback, the Emulator) the SDK makes an anonymous
   * user-token client, with its own HTTP client, on every turn, for the sign-in flows of its
   * AgentApplication, which this bot does not use: one is made and kept. A channel's identity
   * (Azure Bot Service) still gets its own client each turn, as the SDK makes it.
   */
  protected override createUserTokenClient(
    identity: Identity,
    ...rest: [endpoint?: string, scope?: string, audience?: string, headers?: HeaderPropagationCollection]
  ): Promise<UserTokenClient> {
    if (identity?.aud) return super.createUserTokenClient(identity, ...rest);
    return (this.anonymousTokenClient ??= super.createUserTokenClient(identity!, ...rest));
  }
}

/**
 * An activity as a plain object, as it goes on the wire: the SDK's Activity keeps its channel id
 * in `_channelId` (behind a `channelId` accessor that JSON and spreads do not see).
 */
export function plainActivity(activity: Partial<Activity>): Record<string, unknown> {
  // one copy, the channel id added to it (not a second spread with a key: the transcript's hot path)
  const plain = { ...activity } as Record<string, unknown>;
  if ('_channelId' in plain) {
    const channelId = plain._channelId;
    delete plain._channelId;
    if (channelId !== undefined) plain.channelId = channelId;
  }
  return plain;
}

/**
 * An activity this process built or already checked (the website channel's, a replay's), as the
 * SDK's Activity, without the SDK's schema parse (`Activity.fromObject`): a fifth of a replayed
 * turn's CPU went to it. /api/messages keeps the SDK's own reading of what arrives.
 */
export function trustedActivity(plain: Record<string, unknown>): Activity {
  if (typeof plain.type !== 'string' || plain.type === '') throw new Error('the activity has no type');
  return Object.assign(new Activity(plain.type), plain);
}

/**
 * The built-in website channel's way to the bot: in the same process, with no HTTP hop and no
 * credential that could be replayed from outside. Replies go straight into the channel's log.
 */
export class InProcessChannelAdapter extends BaseAdapter {
  constructor(private readonly sink: ChannelSink) {
    super();
  }

  /** Runs one turn for an activity the channel received from a prospect. */
  process(activity: Record<string, unknown>, logic: (context: TurnContext) => Promise<void>): Promise<void> {
    return this.runMiddleware(new TurnContext(this, trustedActivity(activity)), logic);
  }

  override async sendActivities(_context: TurnContext, activities: Activity[]): Promise<ResourceResponse[]> {
    const responses: ResourceResponse[] = [];
    for (const activity of activities) {
      if (activity.type === 'delay') {
        await new Promise((resolve) => setTimeout(resolve, Number(activity.value) || 1000));
        responses.push({ id: '' });
        continue;
      }
      if (activity.type === ActivityTypes.InvokeResponse || activity.type === ActivityTypes.Trace) {
        responses.push({ id: '' });
        continue;
      }
      const conversationId = activity.conversation?.id;
      const stored = conversationId
        ? this.sink.receive(
            conversationId,
            JSON.parse(JSON.stringify(plainActivity(activity))) as Record<string, unknown>,
          )
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
    _botAppIdOrIdentity: string | Identity,
    reference: Partial<ConversationReference>,
    logic: (context: TurnContext) => Promise<void>,
  ): Promise<void> {
    const activity = Activity.getContinuationActivity(reference as ConversationReference);
    return this.runMiddleware(new TurnContext(this, activity), logic);
  }

  override uploadAttachment(): Promise<ResourceResponse> {
    return Promise.reject(new Error('the website channel keeps no attachments'));
  }

  override getAttachmentInfo(): Promise<AttachmentInfo> {
    return Promise.reject(new Error('the website channel keeps no attachments'));
  }

  override getAttachment(): Promise<NodeJS.ReadableStream> {
    return Promise.reject(new Error('the website channel keeps no attachments'));
  }
}

/** What the SDK's token check answered, kept instead of written (this endpoint words its own refusals). */
class Refusal implements WebResponse {
  statusCode = 401;
  body: unknown;
  headersSent = false;
  writableEnded = false;
  status(code: number): this {
    this.statusCode = code;
    return this;
  }
  setHeader(): this {
    return this;
  }
  send(body?: unknown): this {
    this.body = body;
    return this;
  }
  end(): this {
    this.writableEnded = true;
    return this;
  }
}

/**
 * The SDK answers a token it could not check (the key set did not load) as it answers a bad one,
 * with 401 and the reason; a channel should rather retry later. jsonwebtoken prefixes the key
 * lookup's own error; jwks-rsa's "no such key" is the token's fault, anything else the keys'.
 */
function keysUnavailable(refusal: Refusal): boolean {
  const reason = (refusal.body as { 'jwt-auth-error'?: unknown } | undefined)?.['jwt-auth-error'];
  return (
    typeof reason === 'string' &&
    reason.startsWith('error in secret or public key callback') &&
    !/Unable to find a signing key/i.test(reason)
  );
}

/**
 * A turn's answer (the replies of an expectReplies call) as JSON, written as express's `res.json`
 * writes it (the same body and content type) but without what a POST answer never uses: an ETag
 * (a hash of the whole body, for a conditional GET) and the content negotiation around it.
 */
function sendJson(res: Response, body: object): void {
  const text = JSON.stringify(body);
  const type = res.getHeader('content-type');
  if (type === undefined || type === 'application/json')
    res.setHeader('content-type', 'application/json; charset=utf-8');
  res.setHeader('content-length', Buffer.byteLength(text));
  res.end(text);
}

/**
 * The SDK writes the turn's answer to this: an activity the bot does not answer (the SDK's 501 for
 * an invoke) is the caller's mistake, so a 400, never a 5xx a channel would retry.
 */
function channelResponse(res: Response): WebResponse {
  let refused = false;
  const response: WebResponse = {
    status(code: number) {
      if (code >= 500) {
        refused = true;
        res.status(400).json({ error: 'unsupported activity' });
      } else res.status(code);
      return response;
    },
    setHeader(name: string, value: string) {
      if (!refused) res.setHeader(name, value);
      return response;
    },
    send(body?: unknown) {
      if (refused) return response;
      if (typeof body !== 'object' || body === null || Buffer.isBuffer(body)) res.send(body);
      else sendJson(res, body);
      return response;
    },
    end() {
      if (!res.writableEnded) res.end();
      return response;
    },
    get headersSent() {
      return res.headersSent;
    },
    get writableEnded() {
      return res.writableEnded;
    },
  };
  return response;
}

/**
 * The Bot Framework endpoint, on the Microsoft 365 Agents SDK's CloudAdapter: channel tokens are
 * validated (by the SDK) when a client id is configured; with none (local runs, the Emulator)
 * requests are accepted without authentication — the HTTP layer (src/http/messages-access.ts)
 * then only lets loopback clients in.
 *
 * The built-in website channel does not come through here: `connectChannel` gives it an
 * in-process way to the same bot, with the same middleware.
 */
export function createBotEndpoint(
  bot: IntakeBot,
  credentials: BotCredentials,
  options: EndpointOptions = {},
) {
  const authenticated = Boolean(credentials.clientId);
  useSdkShortcuts();
  // validateServiceUrl: a token names the service URL it was issued for; replies go nowhere else
  const adapter = new IntakeCloudAdapter(authConfiguration(credentials), undefined, undefined, {
    validateServiceUrl: true,
  });
  adapter.use(throwsErrors);
  if (options.transcripts) adapter.use(options.transcripts);
  adapter.use(new TypingIndicator());

  adapter.onTurnError = (context, error) => onTurnError(context, error, (options.flows ??= loadFlows()));

  const logic = (context: TurnContext) => bot.run(context);

  /** The caller's identity, or the refusal to answer with. */
  async function authenticate(req: Request): Promise<{ identity: Identity } | { refusal: Refusal }> {
    if (!authenticated) return { identity: undefined };
    const probe: AgentRequest = { method: req.method, headers: req.headers, body: req.body as never };
    const refusal = new Refusal();
    let identity: Identity;
    await adapter.authorizeRequest(probe, refusal, () => {
      identity = probe.user;
    });
    return identity ? { identity } : { refusal };
  }

  async function handle(req: Request, res: Response): Promise<void> {
    const auth = await authenticate(req);
    if ('refusal' in auth) {
      const unavailable = keysUnavailable(auth.refusal);
      log.warn('channel-token-refused', {
        status: unavailable ? 503 : 401,
        reason: String((auth.refusal.body as Record<string, unknown>)?.['jwt-auth-error']).slice(0, 120),
      });
      if (unavailable)
        res.status(503).json({ error: 'unavailable', reason: 'channel keys cannot be checked right now' });
      else res.status(401).json({ error: 'unauthorized', reason: 'a valid channel token is needed' });
      return;
    }
    try {
      const request: AgentRequest = {
        method: req.method,
        headers: req.headers,
        body: req.body as never,
        user: auth.identity,
      };
      await adapter.process(request, channelResponse(res), logic);
    } catch (error) {
      // the SDK's own reading of the activity (its zod schema) refuses what ours let through
      const invalid = error instanceof Error && error.name === 'ZodError';
      log.error('activity-not-processed', { error: error instanceof Error ? error.name : 'unknown' });
      if (!res.headersSent)
        res.status(invalid ? 400 : 500).json({ error: invalid ? 'invalid activity' : 'internal error' });
    }
  }

  /** The built-in channel's in-process way to this bot (replies go to `sink`). */
  function connectChannel(sink: ChannelSink) {
    const channel = new InProcessChannelAdapter(sink);
    channel.use(throwsErrors);
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
