const fs = require('node:fs');
const { setTimeout: sleep } = require('node:timers/promises');

/** The processes (other than jest's own) that carry this run's mark, with their command lines. */
function markedProcesses(mark) {
  const found = [];
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry) || Number(entry) === process.pid) continue;
    let environ;
    let cmdline;
    try {
      environ = fs.readFileSync(`/proc/${entry}/environ`, 'utf8');
      cmdline = fs.readFileSync(`/proc/${entry}/cmdline`, 'utf8').split('\0').join(' ').trim();
      // a zombie has exited already: only its parent has not collected it
      if (/^\d+ \([^)]*\) Z/.test(fs.readFileSync(`/proc/${entry}/stat`, 'utf8'))) continue;
    } catch {
      continue; // another user's process, or gone meanwhile
    }
    if (!environ.split('\0').includes(`IMP_INTAKE_TEST_RUN=${mark}`)) continue;
    if (/jest-worker|processChild\.js/.test(cmdline)) continue; // jest's workers end after this
    found.push({ pid: Number(entry), cmdline });
  }
  return found;
}

/**
 * Fails the run when a test left a process running (a server, a script, a browser). Processes
 * being stopped get up to ten seconds to exit; whatever remains is killed and named.
 */
module.exports = async function globalTeardown() {
  const mark = process.env.IMP_INTAKE_TEST_RUN;
  if (!mark || !fs.existsSync('/proc/self/environ')) return; // the check needs Linux's /proc
  const deadline = Date.now() + 10_000;
  let left = markedProcesses(mark);
  while (left.length > 0 && Date.now() < deadline) {
    await sleep(100); // polls for the exits under way
    left = markedProcesses(mark);
  }
  if (left.length === 0) return;
  for (const { pid } of left) {
    try {
      process.kill(pid, 'SIGKILL');
    } catch {
      // already gone
    }
  }
  throw new Error(
    `tests left ${left.length} process(es) running (now killed):\n` +
      left.map(({ pid, cmdline }) => `  ${pid} ${cmdline.slice(0, 200)}`).join('\n'),
  );
};
