import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { StaffDirectory } from '../../src/staff/accounts';
import { fileLayout, openFileStorage } from '../../src/storage/file';
import { WorkflowStore } from '../../src/staff/workflow';
import { employer, intraCompanyWorker } from '../support/answers';
import { tempConfig } from '../support/temp-data';
import { leadOf } from '../notify/support';

const root = path.resolve(__dirname, '..', '..');

/** Runs `npm run <script>`'s command the way npm would, with stdin piped (not a terminal). */
function run(script: string, args: string[], dataDir: string, stdin = '') {
  return new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) => {
    const child = spawn(
      process.execPath,
      [path.join(root, 'node_modules', 'tsx', 'dist', 'cli.mjs'), script, ...args],
      {
        cwd: root,
        env: { ...process.env, DATA_DIR: dataDir, LOG_LEVEL: 'silent' },
      },
    );
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('close', (code) => resolve({ code, stdout, stderr }));
    child.stdin.end(stdin);
  });
}

describe('the staff command-line tools', () => {
  const config = tempConfig();
  const storage = () => openFileStorage(config.DATA_DIR);
  const paths = {
    get accounts() {
      return path.join(fileLayout(config.DATA_DIR).staffDocuments, 'accounts.json');
    },
    get audit() {
      return fileLayout(config.DATA_DIR).deletions;
    },
  };
  afterAll(() => config.cleanup());

  it('staff:add creates an account from a password on stdin, storing only a bcrypt hash', async () => {
    const result = await run(
      'scripts/staff-add.ts',
      ['Alex@Firm.example'],
      config.DATA_DIR,
      'a long enough passphrase\n',
    );
    expect(result.stderr).toBe('');
    expect(result.stdout).toContain('Created the staff account alex@firm.example');
    expect(result.code).toBe(0);
    const stored = fs.readFileSync(paths.accounts, 'utf8');
    expect(stored).not.toContain('a long enough passphrase');
    expect(stored).toMatch(/"passwordHash": "\$2[aby]\$12\$/);
    const directory = new StaffDirectory(storage().staffDirectory);
    expect(await directory.verifyPassword('alex@firm.example', 'a long enough passphrase')).toBe(
      'alex@firm.example',
    );
    expect(await directory.verifyPassword('alex@firm.example', 'a wrong passphrase')).toBeUndefined();
  }, 30_000);

  it('staff:add refuses a short password, and changes nothing', async () => {
    const short = await run('scripts/staff-add.ts', ['sam@firm.example'], config.DATA_DIR, 'hunter2\n');
    expect(short.code).toBe(1);
    expect(short.stderr).toContain('too short');
    expect(await new StaffDirectory(storage().staffDirectory).accounts()).toEqual(['alex@firm.example']);
  }, 30_000);

  it('staff:token prints a token once, keeps only its hash, and can revoke it', async () => {
    const created = await run('scripts/staff-token.ts', ['zapier'], config.DATA_DIR);
    expect(created.code).toBe(0);
    const token = /imp_[A-Za-z0-9_-]{43}/.exec(created.stdout)?.[0];
    expect(token).toBeDefined();
    expect(fs.readFileSync(paths.accounts, 'utf8')).not.toContain(token!);
    expect((await new StaffDirectory(storage().staffDirectory).verifyToken(token!))?.name).toBe('zapier');

    await expect(new StaffDirectory(storage().staffDirectory).createToken('zapier')).rejects.toThrow(
      'A token named "zapier" exists',
    );

    const revoked = await run('scripts/staff-token.ts', ['--revoke', 'zapier'], config.DATA_DIR);
    expect(revoked.stdout).toContain('Revoked');
    expect(await new StaffDirectory(storage().staffDirectory).verifyToken(token!)).toBeUndefined();
  }, 30_000);

  it('purge deletes leads older than RETENTION_DAYS and keeps the others', async () => {
    const { leads } = storage();
    const workflow = new WorkflowStore(storage().workflow);
    const old = leadOf(intraCompanyWorker, 'lead-old', {
      createdAt: new Date(Date.now() - 400 * 86_400_000).toISOString(),
    });
    const recent = leadOf(employer, 'lead-new', { createdAt: new Date().toISOString() });
    for (const lead of [old, recent]) {
      await leads.create(lead.id, lead);
      await workflow.open(lead.id, undefined, lead.createdAt);
    }
    const result = await run('scripts/purge.ts', [], config.DATA_DIR);
    expect(result.stderr).toBe('');
    expect(result.stdout).toContain('Purged 1 lead(s) older than 365 days');
    expect(await leads.get('lead-old')).toBeUndefined();
    expect(await workflow.get('lead-old')).toBeUndefined();
    expect(await leads.get('lead-new')).toBeDefined();
    expect(fs.readFileSync(paths.audit, 'utf8')).toContain('"leadId":"lead-old"');
  }, 30_000);
});
