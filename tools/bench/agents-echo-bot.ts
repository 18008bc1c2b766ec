/**
 * The floor `npm run bench:load` measures the intake bot against: a bare echo bot on the
 * Microsoft 365 Agents SDK (the SDK's own minimal shape: `authorizeJWT`, `CloudAdapter.process`,
 * an `ActivityHandler`) and the project's express, started as a child process exactly like the
 * intake server (no client id: the Emulator's unauthenticated loopback access). It logs the same
 * `listening` line the server logs, so the bench finds its port the same way.
 */
import express from 'express';
import type { AddressInfo } from 'node:net';
import {
  ActivityHandler,
  authorizeJWT,
  CloudAdapter,
  loadAuthConfigFromEnv,
} from '@microsoft/agents-hosting';

const authConfig = loadAuthConfigFromEnv();
const adapter = new CloudAdapter(authConfig);
const bot = new ActivityHandler();
bot.onMessage(async (context, next) => {
  await context.sendActivity(`You said: ${context.activity.text ?? ''}`);
  await next();
});

const app = express();
app.post('/api/messages', express.json({ limit: '256kb' }), authorizeJWT(authConfig), (req, res) =>
  adapter.process(req, res, (context) => bot.run(context)),
);
const server = app.listen(Number(process.env.PORT ?? 0), process.env.HOST ?? '127.0.0.1', () => {
  const { port } = server.address() as AddressInfo;
  console.log(JSON.stringify({ event: 'listening', port }));
});
process.once('SIGTERM', () => server.close(() => process.exit(0)));
