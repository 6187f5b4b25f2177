/**
 * One call, as the functions it is made of. The client runs them in one of two arrangements that share every
 * function here:
 *
 * - nothing in the middleware stacks (the common case): `retryLoop` around `attempt` (sign, transmit, deserialize),
 *   called directly;
 * - middleware present: the same functions as `@smithy` middleware, in the AWS SDK's order (`retryMiddleware` high
 *   in `finalizeRequest`, `httpSigningMiddleware` right after it, `deserializerMiddleware` in `deserialize`), so
 *   that `finalizeRequest` and later steps run once per attempt on the signed request.
 *
 * The retry loop speaks the `@smithy/types` `RetryStrategyV2` interface to a user's strategy
 * (`ConfiguredRetryStrategy`, `StandardRetryStrategy`, …), and calls ours directly and synchronously.
 */
import { randomUUID } from "node:crypto";
import type { RetryErrorInfo as SmithyRetryErrorInfo, RetryStrategyV2 } from "@smithy/types";
import { correctedClockOffset } from "./auth/clock-skew.js";
import type { RequestSigner } from "./auth/signer.js";
import type { MetadataBearer, OperationSpec } from "./command.js";
import {
  AbortError,
  NetworkError,
  PartnerCentralRevenueMeasurementServiceException,
  type ResponseMetadata,
} from "./errors.js";
import { parseResponse } from "./protocol/rpcv2-cbor.js";
import { traceRetry, type CallTrace } from "./tracing.js";
import { retryErrorType, sleep, type RetryErrorType } from "./transport/retry.js";
import { INITIAL_RETRY_TOKEN, retryAfterHintMs, type RetryStrategy } from "./transport/retry-strategy.js";
import type { HttpHandler, HttpRequestSpec, HttpResponseSpec } from "./transport/types.js";
import type { Clock, Logger } from "./client.js";

/** What the functions of a call need from the client. */
export interface CallEnvironment {
  /** Read for `maxAttempts`; `systemClockOffset` is updated when a response shows a skewed clock. */
  readonly config: { maxAttempts: number; systemClockOffset: number; clock: Clock; logger?: Logger };
  /**
   * Exactly one of the two: the user's `RetryStrategyV2`, called as its interface has it (every method awaited),
   * or our own strategy, called synchronously (no promise or token object per call) and whose adaptive rate
   * limiter also paces each attempt.
   */
  readonly retryStrategy?: RetryStrategyV2;
  readonly ownRetryStrategy?: RetryStrategy;
  sign(request: Parameters<RequestSigner>[0], bounds: Parameters<RequestSigner>[2]): Promise<Record<string, string>>;
  getHandler(): Promise<HttpHandler> | HttpHandler;
}

/** One call's state, shared by its attempts. */
export interface CallState {
  readonly spec: OperationSpec<never>;
  readonly abortSignal?: AbortSignal;
  /** Timeout of one attempt (signing included); 0 or undefined: none. */
  readonly timeoutMs?: number;
  readonly metadata: ResponseMetadata;
  readonly trace?: CallTrace;
  /** When the current attempt started (for the one timeout budget of signing and sending). */
  attemptStartedAt: number;
  skewRetried: boolean;
}

export function newCallState(
  spec: OperationSpec<never>,
  options: { abortSignal?: AbortSignal; timeoutMs?: number },
  trace?: CallTrace,
): CallState {
  return {
    spec,
    abortSignal: options.abortSignal,
    timeoutMs: options.timeoutMs,
    metadata: { attempts: 0, totalRetryDelay: 0 },
    trace,
    attemptStartedAt: 0,
    skewRetried: false,
  };
}

/** The outcome of a successful attempt: the output (with `$metadata`) and the raw response. */
export interface AttemptResult<O> {
  output: O & MetadataBearer;
  response: HttpResponseSpec;
}

/** The response headers of the failed attempt an error came from, for clock-skew and Retry-After decisions. */
const responseHeadersOf = new WeakMap<object, Record<string, string>>();

/** Signs one attempt's request; the attempt's timeout budget starts here (credential resolution counts). */
export async function signAttempt(env: CallEnvironment, call: CallState, request: HttpRequestSpec): Promise<HttpRequestSpec> {
  call.attemptStartedAt = call.timeoutMs ? performance.now() : 0;
  const headers = await env.sign(request, { abortSignal: call.abortSignal, timeoutMs: call.timeoutMs });
  return { method: request.method, url: request.url, headers, body: request.body };
}

/** Sends one signed request with what is left of the attempt's timeout. */
export function transmit(env: CallEnvironment, call: CallState, request: HttpRequestSpec): Promise<HttpResponseSpec> {
  const handler = env.getHandler();
  // Once loaded, the handler is called at once: the handler's own promise is the attempt's, with no other around it.
  if (handler instanceof Promise) return handler.then((loaded) => send(loaded, call, request));
  return send(handler, call, request);
}

function send(handler: HttpHandler, call: CallState, request: HttpRequestSpec): Promise<HttpResponseSpec> {
  const { timeoutMs } = call;
  const timeLeftMs = timeoutMs ? Math.max(1, timeoutMs - Math.floor(performance.now() - call.attemptStartedAt)) : timeoutMs;
  return handler.handle(request, { abortSignal: call.abortSignal, timeoutMs: timeLeftMs });
}

/** The output of a response, or throws its error (a service exception, with the response's headers kept for retries). */
export function deserialize<O extends object>(env: CallEnvironment, call: CallState, response: HttpResponseSpec): AttemptResult<O> {
  const { metadata } = call;
  metadata.httpStatusCode = response.statusCode;
  metadata.requestId = response.headers["x-amzn-requestid"];
  env.config.logger?.debug?.(
    `${call.spec.name} attempt ${metadata.attempts}: HTTP ${response.statusCode}, request id ${metadata.requestId ?? "none"}`,
  );
  const parsed = parseResponse(response, { ...metadata });
  if ("error" in parsed) {
    responseHeadersOf.set(parsed.error, response.headers);
    throw parsed.error;
  }
  return { output: parsed.output as O & MetadataBearer, response };
}

/** One attempt without middleware: sign, transmit, deserialize. */
export async function attempt<O extends object>(env: CallEnvironment, call: CallState, request: HttpRequestSpec): Promise<AttemptResult<O>> {
  const signed = await signAttempt(env, call, request);
  return deserialize<O>(env, call, await transmit(env, call, signed));
}

/** A failed attempt as `RetryStrategyV2` classifies it; `hintMs` is the server's Retry-After, from `localNow`. */
function retryErrorInfo(error: Error, type: RetryErrorType, hintMs: number | undefined, localNow: number): SmithyRetryErrorInfo {
  const status = (error as { $metadata?: ResponseMetadata }).$metadata?.httpStatusCode ?? 0;
  const errorType = type === "OTHER" ? (status >= 500 ? "SERVER_ERROR" : "CLIENT_ERROR") : type;
  return {
    error: error as SmithyRetryErrorInfo["error"],
    errorType,
    ...(hintMs !== undefined ? { retryAfterHint: new Date(localNow + hintMs) } : {}),
  };
}

/**
 * Runs `send` once per attempt until it succeeds or the strategy gives up. Before each attempt it sets the
 * invocation id and `amz-sdk-request` headers on `request` (ours, or the middleware's `HttpRequest`). A skewed
 * clock is corrected and retried once at once; anything else the retry strategy decides.
 */
export async function retryLoop<R extends { headers: Record<string, string> }, O extends object>(
  env: CallEnvironment,
  call: CallState,
  request: R,
  send: (request: R) => Promise<AttemptResult<O>>,
): Promise<AttemptResult<O>> {
  const { config, retryStrategy, ownRetryStrategy } = env;
  const { metadata, abortSignal, spec } = call;
  let ownToken = INITIAL_RETRY_TOKEN;
  let token = retryStrategy ? await retryStrategy.acquireInitialRetryToken("") : undefined;
  request.headers["amz-sdk-invocation-id"] = randomUUID();
  for (;;) {
    if (abortSignal?.aborted) throw new AbortError(undefined, { cause: abortSignal.reason });
    const sendPermit = ownRetryStrategy?.acquireSendToken(abortSignal); // adaptive mode after throttling only
    if (sendPermit) await sendPermit;
    metadata.attempts++;
    // A clock-skew retry is one attempt beyond maxAttempts (it takes no retry quota), so it raises the maximum.
    request.headers["amz-sdk-request"] = `attempt=${metadata.attempts}; max=${config.maxAttempts + (call.skewRetried ? 1 : 0)}`;
    const signedWithOffset = config.systemClockOffset;
    let error: Error;
    try {
      const result = await send(request);
      if (retryStrategy) retryStrategy.recordSuccess(token!);
      else ownRetryStrategy!.recordSuccess(ownToken);
      result.output.$metadata = { ...metadata };
      return result;
    } catch (e) {
      if (e instanceof AbortError || abortSignal?.aborted) {
        throw e instanceof AbortError ? e : new AbortError(undefined, { cause: abortSignal?.reason });
      }
      if (!(e instanceof NetworkError) && !(e instanceof PartnerCentralRevenueMeasurementServiceException)) throw e;
      if (e instanceof NetworkError) config.logger?.debug?.(`${spec.name} attempt ${metadata.attempts}: ${e.code ?? "network error"}`);
      error = e;
    }
    (error as { $metadata?: ResponseMetadata }).$metadata = { ...metadata };
    const responseHeaders = responseHeadersOf.get(error);
    const now = config.clock.now();
    if (responseHeaders && !call.skewRetried) {
      const offset = correctedClockOffset(error, responseHeaders, { receivedAtMs: now, offsetMs: signedWithOffset });
      if (offset !== undefined) {
        config.systemClockOffset = offset;
        call.skewRetried = true;
        config.logger?.debug?.(`${spec.name}: clock skew corrected, retrying`);
        traceRetry(call.trace, metadata.attempts + 1, 0, "clock skew");
        continue;
      }
    }
    const errorType = retryErrorType(error);
    const hintMs = retryAfterHintMs(responseHeaders, now + config.systemClockOffset); // an HTTP date is the server's time
    let delayMs: number;
    if (retryStrategy) {
      // A user's strategy decides with its own token, whatever it holds (a falsy one included).
      try {
        token = await retryStrategy.refreshRetryTokenForRetry(token!, retryErrorInfo(error, errorType, hintMs, now));
      } catch {
        throw error;
      }
      delayMs = token!.getRetryDelay();
    } else {
      const next = ownRetryStrategy!.retryToken(ownToken, { errorType, retryAfterMs: hintMs });
      if (!next) throw error;
      ownToken = next;
      delayMs = next.delayMs;
    }
    metadata.totalRetryDelay += delayMs;
    traceRetry(call.trace, metadata.attempts + 1, delayMs, error.name);
    if (delayMs > 0) await sleep(delayMs, abortSignal);
  }
}
