/**
 * Two instances of the server on one local Azure Blob Storage (Azurite), as a deployment behind
 * a load balancer would run them:   npm run dev:two-instances
 *
 * Azurite keeps its data in data/azurite/ (kept between runs); the instances listen on 3978 and
 * 3979 (PORT moves both). Ctrl-C stops both instances gracefully, then Azurite.
 * The website chat of several instances goes through Azure's Direct Line: set DIRECT_LINE_SECRET
 * (and DIRECT_LINE_DOMAIN for another region) to try it; /api/messages (the Bot Framework
 * Emulator) and /staff work on either port without it.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import readline from 'node:readline';
import { projectRoot } from '../src/paths';
import { startAzurite } from '../tools/azurite/azurite';
import { serverNodeArgs } from '../tools/server-command';

const AZURE_DIRECT_LINE = 'https://directline.botframework.com/v3/directline';

async function main() {
  const basePort = Number(process.env.PORT || 3978);
  const azurite = await startAzurite({ location: path.join(projectRoot, 'data', 'azurite') });
  console.log(`Azurite (blob) on 127.0.0.1:${azurite.port}, data in data/azurite/`);
  if (!process.env.DIRECT_LINE_SECRET)
    console.log(
      'No DIRECT_LINE_SECRET: the website chat is off (it needs Azure Direct Line with several instances).',
    );

  const servers: ChildProcess[] = [1, 2].map((n) => {
    const child = spawn(process.execPath, serverNodeArgs(), {
      cwd: projectRoot,
      env: {
        ...process.env,
        PORT: String(basePort + n - 1),
        DATA_DIR: path.join(projectRoot, 'data', `instance-${n}`),
        STORAGE: 'azure-blob',
        AZURE_STORAGE_CONNECTION_STRING: azurite.connectionString,
        AZURE_STORAGE_CONTAINER: process.env.AZURE_STORAGE_CONTAINER || 'imp-intake',
        INSTANCES: '2',
        DIRECT_LINE_DOMAIN: process.env.DIRECT_LINE_DOMAIN || AZURE_DIRECT_LINE,
        DIRECT_LINE_SECRET: process.env.DIRECT_LINE_SECRET || 'not-set-so-the-website-chat-is-off-here',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    for (const stream of [child.stdout!, child.stderr!])
      readline.createInterface({ input: stream }).on('line', (line) => console.log(`[${n}] ${line}`));
    return child;
  });

  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    await Promise.all(
      servers.map(
        (child) =>
          new Promise<void>((resolve) => {
            if (child.exitCode !== null || child.signalCode !== null) return resolve();
            child.once('exit', () => resolve());
            child.kill('SIGTERM');
          }),
      ),
    );
    await azurite.stop();
    process.exit(0);
  };
  process.once('SIGINT', () => void stop());
  process.once('SIGTERM', () => void stop());
  // one instance failing to start (bad settings) stops the other: nothing is left half-running
  for (const child of servers) child.once('exit', () => void stop());
}

void main();
