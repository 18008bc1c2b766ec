/**
 * The floor `npm run bench:load` measured the intake bot against before the move to the Agents
 * SDK: a bare botbuilder echo bot on botbuilder and the project's express. The floor is now
 * tools/bench/agents-echo-bot.ts; this one runs beside it while botbuilder is a dev dependency.
 * Started as a child process exactly like the intake server (no app id: the Emulator's
 * unauthenticated loopback access), it logs the same `listening` line the server logs, so the
 * bench finds its port the same way.
 */
import express from 'express';
import type { AddressInfo } from 'node:net';
import { ActivityHandler, CloudAdapter, ConfigurationBotFrameworkAuthentication } from 'botbuilder';

const adapter = new CloudAdapter(new ConfigurationBotFrameworkAuthentication({}));
const bot = new ActivityHandler();
bot.onMessage(async (context, next) => {
  await context.sendActivity(`You said: ${context.activity.text ?? ''}`);
  await next();
});

const app = express();
app.post('/api/messages', express.json({ limit: '256kb' }), (req, res) =>
  adapter.process(req, res, (context) => bot.run(context)),
);
const server = app.listen(Number(process.env.PORT ?? 0), process.env.HOST ?? '127.0.0.1', () => {
  const { port } = server.address() as AddressInfo;
  console.log(JSON.stringify({ event: 'listening', port }));
});
process.once('SIGTERM', () => server.close(() => process.exit(0)));
