import { ask } from '../support/http-bot';
import { groupAlive, startServerProcess, type ServerProcess } from '../support/server-process';
import { flows } from '../support/talk';
import { tempConfig } from '../support/temp-data';

const en = () => flows()['en-CA'];

describe('a server killed with SIGKILL mid-conversation', () => {
  const config = tempConfig();
  const started: ServerProcess[] = [];

  afterAll(async () => {
    // Never leave a server behind, and fail if one outlived its kill.
    const survivors = started.filter((server) => groupAlive(server.child.pid!));
    await Promise.all(survivors.map((server) => server.kill()));
    config.cleanup();
    expect(started.filter((server) => groupAlive(server.child.pid!))).toEqual([]);
  });

  it('resumes at the same step with every answer once started again', async () => {
    const first = await startServerProcess(config.DATA_DIR);
    started.push(first);
    await ask(first.url, 'k1', 'hello');
    await ask(first.url, 'k1', 'yes');
    await ask(first.url, 'k1', en().steps.role.choices!.worker!);
    const beforeKill = await ask(first.url, 'k1', 'France');
    expect(beforeKill.at(-1)?.channelData?.intake?.step).toBe('age');

    await first.kill();
    // The old server is really gone: no process of its group, nothing answers on its port.
    expect(groupAlive(first.child.pid!)).toBe(false);
    await expect(fetch(`${first.url}/healthz`)).rejects.toThrow();

    const second = await startServerProcess(config.DATA_DIR);
    started.push(second);
    const afterRestart = await ask(second.url, 'k1', 'back');
    expect(afterRestart.at(-1)?.channelData?.intake?.step).toBe('citizenship');
    expect(afterRestart.at(-1)?.text).toContain('France');
    await second.kill();
  }, 150_000);
});
