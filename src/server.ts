import type { AddressInfo } from 'node:net';
import { createBotEndpoint } from './bot/adapter';
import { IntakeBot } from './bot/intake-bot';
import { transcriptMiddleware } from './bot/transcript-logger';
import { loadConfig, type Config } from './config';
import { IntakeEngine } from './intake/conversation';
import { loadFlows } from './intake/flows';
import { ResumeCodeMailer } from './channel/resume-mailer';
import { createWebsite } from './channel/website';
import { createApp } from './http/app';
import { log } from './logger';
import { IntakeService } from './service/intake-service';
import { LeadRecorder } from './service/lead-recorder';
import { createStaff, observeAll } from './staff';
import { loadSessionSecret, openFileStorage } from './storage/file';
import type { Storage } from './storage/storage';

/**
 * The whole system on one screen: config → content → engine → storage → service → bot → HTTP.
 * `storage` picks the backend (lowdb files under DATA_DIR unless given another).
 */
export function assemble(config: Config, storage: Storage = openFileStorage(config.DATA_DIR)) {
  const flows = loadFlows();
  const engine = new IntakeEngine(flows, { retentionDays: config.RETENTION_DAYS });

  const { conversations, leads, transcripts } = storage;
  const website = createWebsite(config, flows, {
    botId: config.MicrosoftAppId,
    resumeCodes: storage.resumeCodes,
  });
  const staff = createStaff(config, {
    storage,
    sessionSecret: loadSessionSecret(config.DATA_DIR, config.SESSION_SECRET),
    flows,
    channelRecords: website.resumeCodes,
  });
  const intake = new IntakeService(
    engine,
    conversations,
    observeAll(new LeadRecorder(leads), staff.observer),
  );

  const bot = new IntakeBot(intake);
  const endpoint = createBotEndpoint(
    bot,
    {
      appId: config.MicrosoftAppId,
      appPassword: config.MicrosoftAppPassword,
      appType: config.MicrosoftAppType,
      tenantId: config.MicrosoftAppTenantId,
    },
    { transcripts: transcriptMiddleware(transcripts, flows), flows },
  );
  const resumeMailer = config.SMTP_URL
    ? new ResumeCodeMailer(
        {
          smtpUrl: config.SMTP_URL,
          from: config.MAIL_FROM ?? flows['en-CA'].firm.email,
          publicUrl: config.PUBLIC_URL ?? `http://localhost:${config.PORT}/`,
        },
        website.resumeCodes,
        conversations,
        flows,
      )
    : undefined;
  const app = createApp({
    handleActivity: endpoint.handle,
    mountWebsite: website.mount,
    staff: staff.router,
  });

  return {
    app,
    bot,
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
  };
}

export async function startServer(config: Config = loadConfig()) {
  const parts = assemble(config);
  const server = parts.app.listen(config.PORT, config.HOST);
  await new Promise<void>((resolve, reject) => {
    server.once('listening', resolve);
    server.once('error', reject);
  });
  const { port } = server.address() as AddressInfo;
  parts.website.attach(server, config.HOST, port);
  parts.staff.start();
  parts.resumeMailer?.start();
  log.info('listening', { port, data: config.DATA_DIR, auth: Boolean(config.MicrosoftAppId) });

  return {
    port,
    url: `http://localhost:${port}`,
    ...parts,
    close: () =>
      new Promise<void>((resolve) => {
        const staffStopped = parts.staff.stop();
        parts.website.close();
        parts.resumeMailer?.stop();
        server.closeAllConnections();
        server.close(
          () => void Promise.all([parts.transcripts.settled(), staffStopped]).then(() => resolve()),
        );
      }),
  };
}

if (require.main === module) {
  startServer().then(
    (running) => {
      console.log(
        `imp-intake is listening on ${running.url} — Bot Framework endpoint ${running.url}/api/messages`,
      );
      const stop = () => void running.close().then(() => process.exit(0));
      process.on('SIGINT', stop);
      process.on('SIGTERM', stop);
    },
    (error: unknown) => {
      console.error(error instanceof Error ? error.message : error);
      process.exit(1);
    },
  );
}
