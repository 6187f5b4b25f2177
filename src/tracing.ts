/**
 * Native OpenTelemetry spans, without a dependency on `@opentelemetry/api`.
 *
 * The OpenTelemetry API (every 1.x copy of it: the ADOT layer's, `@opentelemetry/sdk-node`'s, dd-trace's
 * OpenTelemetry bridge's, or one bundled into a handler) keeps what was registered on one global object, under
 * `Symbol.for("opentelemetry.js.api.1")`: the tracer provider (`trace`) and the context manager (`context`). We
 * read that object at each call. So the spans appear whether this package is loaded from `node_modules` or bundled
 * (where no instrumentation can patch it), and when nothing is registered a call costs one property look-up.
 *
 * Each call is one CLIENT span named `PartnerCentralRevenueMeasurement.<Operation>` with the attributes
 * `@opentelemetry/instrumentation-aws-sdk` gives the official client, so dashboards built on those keep working.
 * The HTTP spans of the attempts nest under it (the call runs in a context holding the span); retries are events.
 * That instrumentation never sees this client (it patches `@smithy` modules this package does not load as such),
 * so the two never trace one call twice.
 */
import { SERVICE_NAME } from "./protocol/rpcv2-cbor.js";

/** The parts of the OpenTelemetry API's global registry used here (structural: no dependency on the API). */
interface OtelGlobal {
  trace?: { getTracer(name: string, version?: string): OtelTracer };
  context?: {
    active(): OtelContext;
    with<A extends unknown[], R>(context: OtelContext, fn: (...args: A) => R, thisArg?: unknown, ...args: A): R;
  };
}
interface OtelContext {
  setValue(key: symbol, value: unknown): OtelContext;
}
interface OtelTracer {
  startSpan(name: string, options: { kind: number; attributes: Record<string, string | number> }, context?: OtelContext): OtelSpan;
}
/** The span methods used here. */
export interface OtelSpan {
  setAttribute(key: string, value: string | number): unknown;
  addEvent(name: string, attributes?: Record<string, string | number>): unknown;
  setStatus(status: { code: number; message?: string }): unknown;
  recordException(exception: unknown): unknown;
  end(): void;
}

/** Where the OpenTelemetry API (1.x) registers its globals. */
const OTEL_API_GLOBAL = Symbol.for("opentelemetry.js.api.1");
/** The context key under which the API keeps the active span (`trace.setSpan`). */
const SPAN_CONTEXT_KEY = Symbol.for("OpenTelemetry Context Key SPAN");
const SPAN_KIND_CLIENT = 2;
const SPAN_STATUS_ERROR = 2;
const TRACER_NAME = "partnercentral-revenue-measurement";

/** One traced call: the span, and a way to run the call inside its context. */
export interface CallTrace {
  span: OtelSpan;
  /** Runs `fn` with the span active, so that the HTTP instrumentation's spans nest under it. */
  run<R>(fn: () => R): R;
}

/**
 * Starts the span of one call when a tracer provider is registered, else returns `undefined` (no other cost).
 * A tracing set-up that throws never fails the call: it is then untraced.
 */
export function startCallTrace(operation: string, region: string): CallTrace | undefined {
  const api = (globalThis as { [OTEL_API_GLOBAL]?: OtelGlobal })[OTEL_API_GLOBAL];
  if (!api?.trace) return undefined;
  try {
    const contextManager = api.context;
    const parent = contextManager?.active();
    const span = api.trace.getTracer(TRACER_NAME).startSpan(
      `${SERVICE_NAME}.${operation}`,
      {
        kind: SPAN_KIND_CLIENT,
        attributes: { "rpc.system": "aws-api", "rpc.method": operation, "rpc.service": SERVICE_NAME, "cloud.region": region },
      },
      parent,
    );
    const inSpan = parent && contextManager ? parent.setValue(SPAN_CONTEXT_KEY, span) : undefined;
    return {
      span,
      run: (fn) => (inSpan && contextManager ? contextManager.with(inSpan, fn) : fn()),
    };
  } catch {
    return undefined;
  }
}

/** What a finished call tells its span: the response metadata, and the error when it failed. */
export function endCallTrace(
  trace: CallTrace,
  metadata: { httpStatusCode?: number; requestId?: string } | undefined,
  error?: unknown,
): void {
  const { span } = trace;
  try {
    if (metadata?.requestId) span.setAttribute("aws.request.id", metadata.requestId);
    if (metadata?.httpStatusCode) span.setAttribute("http.response.status_code", metadata.httpStatusCode);
    if (error !== undefined) {
      span.setStatus({ code: SPAN_STATUS_ERROR, message: error instanceof Error ? error.message : String(error) });
      span.recordException(error as Error);
    }
  } finally {
    span.end();
  }
}

/** A retry of the call, as an event on its span. */
export function traceRetry(trace: CallTrace | undefined, attempt: number, delayMs: number, reason: string): void {
  try {
    trace?.span.addEvent("retry", { "aws.retry.attempt": attempt, "aws.retry.delay_ms": delayMs, "aws.retry.reason": reason });
  } catch {
    // A tracer that throws never fails the call.
  }
}
