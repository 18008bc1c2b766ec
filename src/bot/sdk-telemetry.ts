import { createRequire } from 'node:module';

/**
 * The Agents SDK wraps each step of a turn (the adapter's `process`, its user-token client, each
 * `sendActivities`) in a span of its telemetry package, @microsoft/agents-telemetry. With no
 * OpenTelemetry tracer provider registered (this server registers none) every span is a no-op,
 * but the wrapping still costs about 19 µs of CPU a step (measured in-process: a copied record,
 * a no-op span made active, two more promises), some 60 µs a turn — and the SDK's switch
 * (AGENTS_TELEMETRY_DISABLED_SPAN_CATEGORIES) cannot turn off these steps' spans.
 *
 * `skipIdleTelemetry()` puts a wrapper in front of the package's `trace`, which the SDK reads at
 * each call: while no tracer provider is registered, the step runs at once with a record and
 * actions that do nothing (what the package itself does for a disabled span); once an operator
 * registers one (OpenTelemetry's `trace.setGlobalTracerProvider`, Azure Monitor…), every step is
 * traced by the SDK as before, checked at each call. See docs/performance.md.
 */

type Scope = { record: (values: unknown) => void; actions: Record<string, unknown> };
type Trace = ((definition: unknown, callback?: (scope: Scope) => unknown) => unknown) & {
  define?: unknown;
  /** Marks the wrapper, so that it is put in place once per process. */
  skipsIdle?: true;
};

const noop = () => {};
/** What the telemetry package hands a disabled span's callback: nothing is kept. */
const IDLE: Scope = { record: noop, actions: new Proxy({}, { get: () => noop }) };

/** The SDK's own copies: the ones its adapter and turn context call. */
function sdkModules() {
  const fromHosting = createRequire(require.resolve('@microsoft/agents-hosting'));
  const telemetryEntry = fromHosting.resolve('@microsoft/agents-telemetry');
  const fromTelemetry = createRequire(telemetryEntry);
  return {
    telemetry: fromHosting(telemetryEntry) as { trace: Trace },
    otel: fromTelemetry('@opentelemetry/api') as {
      trace: { getTracerProvider(): { getDelegate?: () => unknown } };
    },
  };
}

let installed = false;

/** Puts the wrapper in place, once per process (a provider registered before this: left as it is). */
export function skipIdleTelemetry(): void {
  if (installed) return;
  installed = true;
  const { telemetry, otel } = sdkModules();
  if (telemetry.trace.skipsIdle) return;
  const tracerProvider = () => otel.trace.getTracerProvider().getDelegate?.();
  /** The provider OpenTelemetry answers with while none is registered. */
  const idle = tracerProvider();
  // a provider registered before this ran: the SDK traces as it would without this module
  if ((idle as object | undefined)?.constructor?.name !== 'NoopTracerProvider') return;
  const original = telemetry.trace;
  const trace: Trace = function trace(definition, callback) {
    if (callback !== undefined && tracerProvider() === idle) return callback(IDLE);
    return original(definition, callback);
  };
  trace.define = original.define;
  trace.skipsIdle = true;
  telemetry.trace = trace;
}
