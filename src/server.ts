import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { bookingLink } from './booking/link';
import { bookingRecorder } from './booking/record';
import { bookingWebhook } from './booking/webhook';
import { createBotEndpoint } from './bot/adapter';
import { AttachmentFetcher } from './bot/attachment-fetch';
import { connectorToken } from './bot/connector-token';
import { IntakeBot } from './bot/intake-bot';
import { transcriptMiddleware } from './bot/transcript-logger';
import { clamdAddress, documentsEnabled, loadConfig, type Config } from './config';
import { ClamdClient } from './documents/clamd';
import { documentsKeyFrom } from './documents/envelope';
import { DocumentVault, localKeys } from './documents/vault';
import type { DocumentKeys } from './documents/envelope';
import { IntakeEngine } from './intake/conversation';
import { loadFlows, type Flows } from './intake/flows';
import { ResumeCodeMailer } from './channel/resume-mailer';
import { createWebsite } from './channel/website';
import { createApp } from './http/app';
import { semiSpaceMb, tuneHeap } from './heap';
import { log } from './logger';
import { IntakeService } from './service/intake-service';
import { AnswersCopyMailer } from './notify/answers-copy';
import { AddToLead } from './service/add-to-lead';
import { RequestHandoff } from './service/request-handoff';
import { SubmitLead } from './service/submit-lead';
import { AttachDocuments } from './service/attach-documents';
import { createStaff } from './staff';
import { loadSessionSecret, openFileStorage } from './storage/file';
import { openStorage } from './open-storage';
import type { Storage } from './ports/storage';

/** What tests may replace: the clock of the website's built-in channel. */
export interface AssembleOptions {
  clock?: () => number;
  /** Signs staff sessions: the one kept beside the storage (see `openStorage`) unless given. */
  sessionSecret?: string;
}

/**
 * The whole system on one screen: config → content → engine → storage → service → bot → HTTP.
 * `storage` picks the backend (files under DATA_DIR unless given another).
 */
export function assemble(
  config: Config,
  storage: Storage = openFileStorage(config.DATA_DIR),
  options: AssembleOptions = {},
) {
  const flows = loadFlows();
  const bookingUrl = config.BOOKING_URL;
  // The copy of their answers is offered only where it can be emailed.
  const engine = new IntakeEngine(flows, {
    retentionDays: config.RETENTION_DAYS,
    offerCopy: Boolean(config.SMTP_URL),
    ...(bookingUrl ? { bookingLink: (prospect) => bookingLink(bookingUrl, prospect) } : {}),
    ...(config.FIRM_RESPONSE_HOURS ? { responseHours: config.FIRM_RESPONSE_HOURS } : {}),
    documents: documentsEnabled(config),
  });

  const { conversations, leads, transcripts } = storage;
  const documents = documentVaultOf(config, storage);
  const website = createWebsite(config, flows, {
    botId: config.MicrosoftAppId,
    resumeCodes: storage.resumeCodes,
    forgottenConversations: storage.forgottenConversations,
    clock: options.clock,
  });
  const staff = createStaff(
    config,
    {
      storage,
      sessionSecret: options.sessionSecret ?? loadSessionSecret(config.DATA_DIR, config.SESSION_SECRET),
      flows,
      channelRecords: website.records,
      ...(documents ? { documents } : {}),
    },
    { notify: { leaseMs: config.NOTIFY_LEASE_SECONDS * 1000 } },
  );
  const submitLead = new SubmitLead(leads, staff.stores);
  const addToLead = new AddToLead(leads, staff.stores);
  const requestHandoff = new RequestHandoff(staff.stores);
  const answersCopy = config.SMTP_URL
    ? new AnswersCopyMailer(
        {
          smtpUrl: config.SMTP_URL,
          from: config.MAIL_FROM ?? flows['en-CA'].firm.email,
          ...(config.BOOKING_URL ? { bookingUrl: config.BOOKING_URL } : {}),
        },
        leads,
        flows,
      )
    : undefined;
  const intake = new IntakeService(engine, conversations, {
    submitted: (submitted) => submitLead.run(submitted),
    added: (addition) => addToLead.run(addition),
    copyRequested: async (leadId) => answersCopy?.send(leadId),
    handoffRequested: (conversationKey, record) => requestHandoff.run(conversationKey, record),
  });

  const serviceHosts = config.BOT_SERVICE_URL_HOSTS?.split(',').filter((host) => host.trim() !== '');
  const attachDocuments = new AttachDocuments(intake, documents, engine);
  website.channel?.acceptUploads(attachDocuments);
  const bot = new IntakeBot(intake, {
    acceptTestTraffic: !config.MicrosoftAppId,
    documents: attachDocuments,
    // the bot's token goes with a file on the turn's own service host, and only with a client id
    attachments: new AttachmentFetcher({
      hosts: serviceHosts,
      ...(config.clientId ? { connectorToken } : {}),
    }),
  });
  const endpoint = createBotEndpoint(
    bot,
    {
      clientId: config.clientId,
      clientSecret: config.clientSecret,
      tenantId: config.tenantId,
      authType: config.authType,
      authorityEndpoint: config.authorityEndpoint,
    },
    { transcripts: transcriptMiddleware(transcripts, flows), flows },
  );
  // The website's built-in channel reaches the bot in-process, never through /api/messages.
  const channelBot = website.channel ? endpoint.connectChannel(website.channel.sink) : undefined;
  if (channelBot) website.channel!.connect(channelBot.deliver);
  const resumeMailer = resumeMailerOf(config, website, conversations, flows);
  const app = createApp({
    handleActivity: endpoint.handle,
    mountWebsite: website.mount,
    staff: staff.router,
    ...(config.BOOKING_WEBHOOK_SECRET
      ? {
          booking: bookingWebhook({
            secret: config.BOOKING_WEBHOOK_SECRET,
            recorder: bookingRecorder(staff.stores),
          }),
        }
      : {}),
    messages: {
      authenticated: Boolean(config.MicrosoftAppId),
      serviceHosts,
    },
  });

  return {
    app,
    bot,
    channelBot,
    engine,
    intake,
    storage,
    leads,
    conversations,
    transcripts,
    flows,
    website,
    staff,
    resumeMailer,
    answersCopy,
    documents,
  };
}

/**
 * The prospects' documents, with DOCUMENTS_KEY or DOCUMENTS_KEY_VAULT_KEY_ID; without either the
 * feature is off (uploads refused).
 */
function documentVaultOf(config: Config, storage: Storage): DocumentVault | undefined {
  const keys = documentKeysOf(config);
  return keys && new DocumentVault(storage.leadFiles, keys, new ClamdClient(clamdAddress(config)));
}

/** Key Vault wraps new files' keys where configured, DOCUMENTS_KEY still opening its own files. */
function documentKeysOf(config: Config): DocumentKeys | undefined {
  const local = documentsKeyFrom(config.DOCUMENTS_KEY, false);
  if (!config.DOCUMENTS_KEY_VAULT_KEY_ID) return local && localKeys(local);
  // Loaded only here: the Azure SDK adds megabytes to a process, and most servers do not use it.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { KeyVaultKeyWrapper } = require('./documents/key-vault') as typeof import('./documents/key-vault');
  const keyVault = new KeyVaultKeyWrapper(config.DOCUMENTS_KEY_VAULT_KEY_ID);
  if (!local) return { sealWith: keyVault };
  const { sealWith: localWrapper, legacy } = localKeys(local);
  return { sealWith: keyVault, openAlso: [localWrapper], legacy };
}

/** Emails a prospect their resume code when SMTP is configured; none otherwise. */
function resumeMailerOf(
  config: Config,
  website: ReturnType<typeof createWebsite>,
  conversations: Storage['conversations'],
  flows: Flows,
): ResumeCodeMailer | undefined {
  if (!config.SMTP_URL) return undefined;
  return new ResumeCodeMailer(
    {
      smtpUrl: config.SMTP_URL,
      from: config.MAIL_FROM ?? flows['en-CA'].firm.email,
      publicUrl: config.PUBLIC_URL ?? `http://localhost:${config.PORT}/`,
    },
    website.resumeCodes,
    conversations,
    flows,
  );
}

export async function startServer(config: Config = loadConfig(), options: AssembleOptions = {}) {
  // STORAGE picks the backend: files under DATA_DIR, or a shared Azure Blob container
  const { storage, sessionSecret } = await openStorage(config);
  const parts = assemble(config, storage, { sessionSecret, ...options });
  // Slow senders are cut off (408) after these; Node checks them every `connectionsCheckingInterval`.
  const server = createServer(
    {
      headersTimeout: config.HTTP_HEADERS_TIMEOUT_SECONDS * 1000,
      requestTimeout: config.HTTP_REQUEST_TIMEOUT_SECONDS * 1000,
      connectionsCheckingInterval: 1000,
    },
    parts.app,
  ).listen(config.PORT, config.HOST);
  await new Promise<void>((resolve, reject) => {
    server.once('listening', resolve);
    server.once('error', reject);
  });
  const requests = trackRequests(server);
  const { port } = server.address() as AddressInfo;
  parts.website.attach(server);
  parts.staff.start();
  parts.resumeMailer?.start();
  log.info('listening', {
    port,
    storage: config.STORAGE,
    ...(config.STORAGE === 'file'
      ? { data: config.DATA_DIR }
      : { container: config.AZURE_STORAGE_CONTAINER }),
    auth: Boolean(config.MicrosoftAppId),
  });

  let closing: Promise<void> | undefined;
  /**
   * Stops gracefully: requests under way (a turn, and the loopback calls a website turn makes)
   * finish, for at most `graceMs`; then the listener closes, the notification sends under way are
   * recorded and the transcripts written. Whatever is still queued stays in the outbox for the
   * next start.
   */
  const close = (graceMs = 0) =>
    (closing ??= (async () => {
      await requests.drain(graceMs);
      parts.website.close();
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeAllConnections();
      parts.resumeMailer?.stop();
      parts.answersCopy?.close();
      await Promise.all([closed, parts.staff.stop()]);
      await parts.transcripts.settled();
    })());

  return { port, url: `http://localhost:${port}`, config, ...parts, close };
}

/**
 * Counts the requests being answered. `drain` answers new ones with `Connection: close` and
 * resolves when none is left (or after `graceMs`).
 */
function trackRequests(server: Server) {
  let active = 0;
  let draining = false;
  const waiting = new Set<() => void>();
  server.on('request', (_req: IncomingMessage, res: ServerResponse) => {
    active++;
    if (draining) res.setHeader('connection', 'close');
    res.once('close', () => {
      active--;
      if (active === 0) for (const done of waiting) done();
    });
  });
  return {
    drain(graceMs: number): Promise<void> {
      draining = true;
      server.closeIdleConnections();
      if (active === 0 || graceMs <= 0) return Promise.resolve();
      return new Promise<void>((resolve) => {
        const done = () => {
          clearTimeout(timer);
          waiting.delete(done);
          resolve();
        };
        const timer = setTimeout(() => {
          log.warn('shutdown-timeout', { requests: active });
          done();
        }, graceMs);
        waiting.add(done);
      });
    },
  };
}

if (require.main === module) {
  const heap = tuneHeap();
  // the young generation is sized on node's command line (SERVER_NODE_FLAGS): say what it is
  if (heap) log.info('heap-tuned', { flag: heap, semiSpaceMb: semiSpaceMb() ?? 'V8 default' });
  startServer().then(
    (running) => {
      console.log(
        `imp-intake is listening on ${running.url} — Bot Framework endpoint ${running.url}/api/messages`,
      );
      const graceMs = running.config.SHUTDOWN_TIMEOUT_SECONDS * 1000;
      const stop = (signal: NodeJS.Signals) => {
        log.info('shutting-down', { signal });
        // a second signal, or sends that outlast the grace period, end the process anyway
        setTimeout(() => process.exit(1), graceMs + 10_000).unref();
        process.once(signal, () => process.exit(1));
        void running.close(graceMs).then(
          () => {
            log.info('stopped');
            process.exit(0);
          },
          (error: unknown) => {
            log.error('shutdown-failed', { error: error instanceof Error ? error.message : String(error) });
            process.exit(1);
          },
        );
      };
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
    },
    (error: unknown) => {
      console.error(error instanceof Error ? error.message : error);
      process.exit(1);
    },
  );
}
