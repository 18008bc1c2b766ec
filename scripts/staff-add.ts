/**
 * Creates a staff account for the dashboard, or sets a new password on an existing one:
 *   npm run staff:add -- alex@yourfirm.ca
 * The password is asked twice with hidden input; when stdin is not a terminal (scripts, tests)
 * it is read from the first line of stdin. Remove an account with --remove <email>.
 */
import { loadConfig } from '../src/config';
import { StaffDirectory, passwordProblem } from '../src/staff/accounts';
import { openStorage } from '../src/open-storage';
import { readSecretLine, readStdinLine } from './staff-prompt';

async function main(args: string[]): Promise<number> {
  const remove = args[0] === '--remove';
  const email = remove ? args[1] : args[0];
  if (!email || email.startsWith('-')) {
    console.error('Usage: npm run staff:add -- <email>        (asks for the password)');
    console.error('       npm run staff:add -- --remove <email>');
    return 2;
  }
  const config = loadConfig();
  const directory = new StaffDirectory((await openStorage(config)).storage.staffDirectory);
  if (remove) {
    const removed = await directory.removeAccount(email);
    console.log(
      removed ? `Removed ${email}; its sessions end at their next request.` : `No account ${email}.`,
    );
    return removed ? 0 : 1;
  }

  let password: string;
  if (process.stdin.isTTY) {
    password = await readSecretLine(`Password for ${email}: `);
    const problem = passwordProblem(password);
    if (problem) {
      console.error(problem);
      return 1;
    }
    if ((await readSecretLine('Type it again: ')) !== password) {
      console.error('The two passwords differ: nothing was changed.');
      return 1;
    }
  } else {
    password = await readStdinLine();
  }
  try {
    const outcome = await directory.setPassword(email, password);
    console.log(
      outcome === 'created'
        ? `Created the staff account ${email.trim().toLowerCase()}. Sign in at /staff.`
        : `Set a new password for ${email.trim().toLowerCase()}; its open sessions are ended.`,
    );
    return 0;
  } catch (error) {
    console.error(error instanceof Error ? error.message : String(error));
    return 1;
  }
}

main(process.argv.slice(2)).then((code) => process.exit(code));
