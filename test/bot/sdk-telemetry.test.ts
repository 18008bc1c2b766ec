import { ProxyTracer, trace, type Span, type Tracer, type TracerProvider } from '@opentelemetry/api';
import { startServer } from '../../src/server';
import { ask } from '../support/http-bot';
import { tempConfig } from '../support/temp-data';

/**
 * The SDK's spans cost CPU on every turn even when nothing collects them (src/bot/sdk-telemetry.ts):
 * a turn makes none while no OpenTelemetry tracer provider is registered, and the SDK traces as it
 * always did once an operator registers one.
 */

type Running = Awaited<ReturnType<typeof startServer>>;

/** A tracer provider that notes the names of the spans started and hands out spans that do nothing. */
function recordingProvider(names: string[]): TracerProvider {
  const idle = (): Span =>
    trace.wrapSpanContext({ traceId: '0'.repeat(32), spanId: '0'.repeat(16), traceFlags: 0 });
  const tracer = {
    startSpan(name: string) {
      names.push(name);
      return idle();
    },
    startActiveSpan(name: string, ...rest: unknown[]) {
      names.push(name);
      const run = rest.at(-1) as (span: Span) => unknown;
      return run(idle());
    },
  } as unknown as Tracer;
  return { getTracer: () => tracer };
}

describe("the Agents SDK's telemetry", () => {
  let config: ReturnType<typeof tempConfig>;
  let server: Running;
  beforeEach(async () => {
    config = tempConfig();
    server = await startServer(config);
  });
  afterEach(async () => {
    jest.restoreAllMocks();
    await server.close();
    config.cleanup();
  });

  it('makes no span for a turn while no tracer provider is registered', async () => {
    const started = jest.spyOn(ProxyTracer.prototype, 'startActiveSpan');
    const replies = await ask(server.url, 'c1', 'hello');
    expect(replies).toHaveLength(1);
    expect(started).not.toHaveBeenCalled();
  });

  // last: OpenTelemetry's `trace.disable()` would leave the SDK's tracer on a provider of its own
  it('traces every turn as the SDK does once a tracer provider is registered', async () => {
    const names: string[] = [];
    expect(trace.setGlobalTracerProvider(recordingProvider(names))).toBe(true);
    const replies = await ask(server.url, 'c2', 'hello');
    expect(replies).toHaveLength(1);
    expect(names).toEqual(expect.arrayContaining(['agents.adapter.process', 'agents.turn.send_activities']));
  });
});
