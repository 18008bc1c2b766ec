import fs from 'node:fs';
import path from 'node:path';

/**
 * What a production install (`npm ci --omit=dev`, as the Dockerfile runs it) holds, read from the
 * lockfile that decides it: each package that carries credentials or parses what arrives is there
 * once, in one version, so a security fix is one upgrade and one copy in memory. That the installed
 * image holds no botbuilder, botframework-connector or axios is test/deploy/production.test.ts's.
 */

interface LockedPackage {
  version?: string;
  dev?: boolean;
  devOptional?: boolean;
}

const lock = JSON.parse(fs.readFileSync(path.join(__dirname, '..', '..', 'package-lock.json'), 'utf8')) as {
  packages: Record<string, LockedPackage>;
};

/** Every copy of `name` a production install lays out: its folder and version. */
function productionCopies(name: string): { at: string; version: string | undefined }[] {
  return Object.entries(lock.packages)
    .filter(([at, entry]) => at.endsWith(`node_modules/${name}`) && !entry.dev && !entry.devOptional)
    .map(([at, entry]) => ({ at, version: entry.version }));
}

describe('the production install', () => {
  it('has one copy of the identity library (MSAL) that acquires the bot’s tokens', () => {
    // The Agents SDK pins one version and @azure/identity asks for another: package.json's
    // `overrides` brings both to the one kept at node_modules/@azure/msal-node.
    expect(productionCopies('@azure/msal-node')).toEqual([
      { at: 'node_modules/@azure/msal-node', version: expect.any(String) },
    ]);
  });

  it('has one zod 4 (the project’s), beside only the zod 3 copies the Agents SDK pins', () => {
    const copies = productionCopies('zod');
    expect(copies.filter((c) => c.version?.startsWith('4.'))).toEqual([
      { at: 'node_modules/zod', version: expect.stringMatching(/^4\./) },
    ]);
    for (const copy of copies.filter((c) => !c.version?.startsWith('4.')))
      expect(copy.at).toMatch(/^node_modules\/@microsoft\/agents-(activity|hosting)\/node_modules\/zod$/);
  });
});
