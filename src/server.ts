import path from 'node:path';
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
import { createLeadStore, LeadRecorder } from './service/lead-recorder';
import { createStaff, observeAll } from './staff';
import { FileStorage } from './storage/file-storage';
import { TranscriptStore } from './storage/transcript-store';

/** The whole system on one screen: config → content → engine → storage → service → bot → HTTP. */
export function assemble(config: Config) {
  const flows = loadFlows();
  const engine = new IntakeEngine(flows, { retentionDays: config.RETENTION_DAYS });

  const conversations = new FileStorage(path.join(config.DATA_DIR, 'conversations'));
  const leads = createLeadStore(path.join(config.DATA_DIR, 'leads'));
  const transcripts = new TranscriptStore(path.join(config.DATA_DIR, 'transcripts'));
  const website = createWebsite(config, flows, { botId: config.MicrosoftAppId });
  const staff = createStaff(config, {
    leads,
    conversations,
    transcripts,
    flows,
    channelRecords: website.records,
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
      openIdMetadataUrl: config.BOT_OPENID_METADATA_URL,
    },
    { transcripts: transcriptMiddleware(transcripts, flows) },
  );
  // The website's built-in channel reaches the bot in-process, never through /api/messages.
  const channelBot = website.channel ? endpoint.connectChannel(website.channel.sink) : undefined;
  if (channelBot) website.channel!.connect(channelBot.deliver);
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
    messages: {
      authenticated: Boolean(config.MicrosoftAppId),
      serviceHosts: config.BOT_SERVICE_URL_HOSTS?.split(',').filter((host) => host.trim() !== ''),
    },
  });

  return {
    app,
    bot,
    channelBot,
    engine,
    intake,
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
  parts.website.attach(server);
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
