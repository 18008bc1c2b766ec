import path from 'node:path';
import type { AddressInfo } from 'node:net';
import { createBotEndpoint } from './bot/adapter';
import { IntakeBot } from './bot/intake-bot';
import { loadConfig, type Config } from './config';
import { IntakeEngine } from './intake/conversation';
import { loadFlows } from './intake/flows';
import { createApp } from './http/app';
import { log } from './logger';
import { IntakeService } from './service/intake-service';
import { createLeadStore, LeadRecorder } from './service/lead-recorder';
import { FileStorage } from './storage/file-storage';

/** The whole system on one screen: config → content → engine → storage → service → bot → HTTP. */
export function assemble(config: Config) {
  const flows = loadFlows();
  const engine = new IntakeEngine(flows, { retentionDays: config.RETENTION_DAYS });

  const conversations = new FileStorage(path.join(config.DATA_DIR, 'conversations'));
  const leads = createLeadStore(path.join(config.DATA_DIR, 'leads'));
  const intake = new IntakeService(engine, conversations, new LeadRecorder(leads));

  const bot = new IntakeBot(intake);
  const endpoint = createBotEndpoint(bot, {
    appId: config.MicrosoftAppId,
    appPassword: config.MicrosoftAppPassword,
    appType: config.MicrosoftAppType,
    tenantId: config.MicrosoftAppTenantId,
  });
  const app = createApp({ handleActivity: endpoint.handle });

  return { app, bot, engine, intake, leads, conversations, flows };
}

export async function startServer(config: Config = loadConfig()) {
  const parts = assemble(config);
  const server = parts.app.listen(config.PORT, config.HOST);
  await new Promise<void>((resolve, reject) => {
    server.once('listening', resolve);
    server.once('error', reject);
  });
  const { port } = server.address() as AddressInfo;
  log.info('listening', { port, data: config.DATA_DIR, auth: Boolean(config.MicrosoftAppId) });

  return {
    port,
    url: `http://localhost:${port}`,
    ...parts,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
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
