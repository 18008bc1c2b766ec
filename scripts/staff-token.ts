/**
 * Creates a bearer token for the staff API (GET/PATCH /staff/api/leads…):
 *   npm run staff:token -- zapier
 * The token is printed once; only its hash is kept. Also: --list, --revoke <name>.
 */
import { loadConfig } from '../src/config';
import { StaffDirectory } from '../src/staff/accounts';
import { openStorage } from '../src/open-storage';

async function main(args: string[]): Promise<number> {
  const directory = new StaffDirectory((await openStorage(loadConfig())).storage.staffDirectory);
  if (args[0] === '--list') {
    const tokens = await directory.tokens();
    if (tokens.length === 0) console.log('No API token.');
    for (const token of tokens) console.log(`${token.name}\tcreated ${token.createdAt}`);
    return 0;
  }
  if (args[0] === '--revoke') {
    if (!args[1]) return usage();
    const revoked = await directory.revokeToken(args[1]);
    console.log(revoked ? `Revoked the token "${args[1]}".` : `No token named "${args[1]}".`);
    return revoked ? 0 : 1;
  }
  if (!args[0] || args[0].startsWith('-')) return usage();
  try {
    const token = await directory.createToken(args[0]);
    console.log(`API token "${args[0]}" (shown once; keep it in a secret store):\n${token}`);
    console.log('Use it as: Authorization: Bearer <token>');
    return 0;
  } catch (error) {
    console.error(error instanceof Error ? error.message : String(error));
    return 1;
  }
}

function usage(): number {
  console.error('Usage: npm run staff:token -- <name> | --list | --revoke <name>');
  return 2;
}

main(process.argv.slice(2)).then((code) => process.exit(code));
