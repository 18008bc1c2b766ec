import { Activity, ActivityTypes } from '@microsoft/agents-activity';
import { InProcessChannelAdapter } from '../../src/bot/adapter';
import { RedactingTranscriptLogger, TurnTranscriptMiddleware } from '../../src/bot/transcript-logger';
import { loadFlows } from '../../src/intake/flows';
import { Redaction } from '../../src/intake/redaction';
import type { TranscriptActivity } from '../../src/ports/transcripts';
import { MemoryTranscriptStore } from '../../src/storage/memory/transcripts';
import { prospectMessage } from '../support/activities';

/**
 * The transcript middleware records a turn as the SDK's TranscriptLoggerMiddleware did (the
 * prospect's activity with `role: user`, each reply with its id or a made-up one, a timestamp on
 * each, updates as messageUpdate, no ContinueConversation event), handing the turn over at once.
 */

class CountingStore extends MemoryTranscriptStore {
  readonly appended: TranscriptActivity[] = [];
  /** The store cannot be read (the prospect's question is looked up there after a restart). */
  unreadable = false;
  override append(activity: TranscriptActivity): Promise<void> {
    this.appended.push(activity);
    return super.append(activity);
  }
  override findLast(...args: Parameters<MemoryTranscriptStore['findLast']>) {
    return this.unreadable ? Promise.reject(new Error('EIO')) : super.findLast(...args);
  }
}

/** The website channel, with updates accepted (it refuses them). */
class UpdatableChannel extends InProcessChannelAdapter {
  override updateActivity(): Promise<void> {
    return Promise.resolve();
  }
}

function setUp(ids: (string | undefined)[]) {
  const store = new CountingStore();
  const logger = new RedactingTranscriptLogger(store, new Redaction(loadFlows()));
  const turns: TranscriptActivity[][] = [];
  const logged: Promise<void>[] = [];
  const logTurn = logger.logTurn.bind(logger);
  logger.logTurn = (activities) => {
    turns.push(activities);
    const recorded = logTurn(activities);
    logged.push(recorded);
    return recorded;
  };
  /** Resolves once every turn handed over so far is recorded (the memory store records at once). */
  const recorded = () => Promise.all(logged);
  let next = 0;
  const adapter = new UpdatableChannel({ receive: () => ({ id: ids[next++] ?? '' }) });
  adapter.use(new TurnTranscriptMiddleware(logger));
  return { adapter, store, turns, recorded };
}

const message = (text: string) =>
  prospectMessage({ text, id: 'in-1', channelId: 'webchat', recipient: { id: 'bot', role: 'bot' } });

describe('the transcript middleware', () => {
  it("records the prospect's activity and the replies of a turn together, in order, once the turn is over", async () => {
    const { adapter, store, turns, recorded: allRecorded } = setUp(['r-1', undefined]);
    await adapter.process(message('hello'), async (context) => {
      await context.sendActivity('first');
      expect(store.appended).toHaveLength(0); // nothing before the turn is over
      await context.sendActivities([
        Activity.fromObject({ type: 'message', text: 'second' }),
        Activity.fromObject({ type: ActivityTypes.Typing }),
      ]);
      await context.updateActivity(
        Activity.fromObject({ type: 'message', id: 'r-1', text: 'first, edited' }),
      );
    });
    await allRecorded();
    expect(turns).toHaveLength(1);
    const recorded = await store.read('webchat', 'c-1');
    expect(recorded.map((a) => [a.type, a.text, a.from?.role])).toEqual([
      ['message', 'hello', 'user'],
      ['message', 'first', 'bot'],
      ['message', 'second', 'bot'],
      ['messageUpdate', 'first, edited', 'bot'],
    ]);
    expect(recorded[1]!.id).toBe('r-1');
    expect(recorded[2]!.id).toMatch(/^g_[a-z0-9]{1,6}\d{13}$/);
    for (const activity of recorded) expect(activity.timestamp).toBeDefined();
    expect(recorded[0]!.channelId).toBe('webchat');
    expect(recorded[0]).not.toHaveProperty('_channelId');
  });

  it('records nothing for a ContinueConversation event', async () => {
    const { adapter, store, recorded } = setUp([]);
    await adapter.process(
      {
        type: 'event',
        name: 'ContinueConversation',
        channelId: 'webchat',
        conversation: { id: 'c-1' },
        from: { id: 'x' },
      },
      async () => undefined,
    );
    await recorded();
    expect(await store.read('webchat', 'c-1')).toEqual([]);
  });

  it("still records a turn's other activities when one of them cannot be recorded", async () => {
    const { adapter, store, recorded } = setUp(['r-1']);
    store.unreadable = true;
    await adapter.process(message('hello'), async (context) => {
      await context.sendActivity('first');
    });
    await recorded();
    expect((await store.read('webchat', 'c-1')).map((a) => a.text)).toEqual(['first']);
  });
});
