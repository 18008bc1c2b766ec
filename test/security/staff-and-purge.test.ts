import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { ResumeCodes } from '../../src/channel/resume-codes';
import { resumeCodeSchema } from '../../src/ports/resume-codes';
import { FileDocuments } from '../../src/storage/file/documents';
import { loadChannelSecret } from '../../src/channel/secret';
import { startServer } from '../../src/server';
import { addStaff, STAFF_EMAIL, StaffClient } from '../staff/support';
import { tempConfig } from '../support/temp-data';

const root = path.resolve(__dirname, '..', '..');

describe('staff sign-in under concurrent password guessing', () => {
  it('checks at most the limit of passwords when 30 wrong ones arrive at once', async () => {
    const config = tempConfig();
    const server = await startServer(config);
    try {
      await addStaff(config.DATA_DIR);
      const checked = jest.spyOn(server.staff.directory, 'verifyPassword');
      const clients = Array.from({ length: 30 }, () => new StaffClient(server.url));
      const forms = await Promise.all(
        clients.map(async (client) => StaffClient.csrfOf(await (await client.get('/staff/login')).text())),
      );
      const answers = await Promise.all(
        clients.map((client, i) =>
          client.post('/staff/login', { _csrf: forms[i]!, email: STAFF_EMAIL, password: `wrong ${i}` }),
        ),
      );
      const statuses = answers.map((a) => a.status);
      expect(checked.mock.calls.length).toBeLessThanOrEqual(5);
      expect(statuses.filter((s) => s === 401)).toHaveLength(checked.mock.calls.length);
      expect(statuses.filter((s) => s === 429).length).toBeGreaterThanOrEqual(25);
    } finally {
      await server.close();
      config.cleanup();
    }
  }, 30_000);
});

describe('npm run purge', () => {
  it('deletes expired resume codes too', async () => {
    const config = tempConfig();
    try {
      const secret = loadChannelSecret(undefined, config.DATA_DIR);
      const directory = path.join(config.DATA_DIR, 'resume-codes');
      const longAgo = new ResumeCodes(new FileDocuments(directory, resumeCodeSchema), secret, 7, () =>
        Date.parse('2020-01-01T00:00:00Z'),
      );
      const expired = await longAgo.renew('old-conversation', 'dl_old');
      const current = await new ResumeCodes(new FileDocuments(directory, resumeCodeSchema), secret).renew(
        'new-conversation',
        'dl_new',
      );
      expect(fs.readdirSync(directory)).toHaveLength(2);

      const result = spawnSync(
        process.execPath,
        [path.join(root, 'node_modules', 'tsx', 'dist', 'cli.mjs'), path.join(root, 'scripts', 'purge.ts')],
        {
          cwd: root,
          encoding: 'utf8',
          env: { ...process.env, DATA_DIR: config.DATA_DIR, LOG_LEVEL: 'silent' },
        },
      );
      expect(result.status).toBe(0);
      expect(fs.readdirSync(directory)).toHaveLength(1);
      expect(result.stdout).toContain('1 expired resume code(s)');
      const codes = new ResumeCodes(new FileDocuments(directory, resumeCodeSchema), secret);
      expect(await codes.find(expired.code)).toBeUndefined();
      expect(await codes.find(current.code)).toMatchObject({ conversationId: 'new-conversation' });
    } finally {
      config.cleanup();
    }
  }, 30_000);
});
