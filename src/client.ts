/**
 * The client: configuration is resolved once in the constructor; `send()`
 * validates, serializes, signs, sends with retries and parses.
 */
import { correctedClockOffset } from "./auth/clock-skew.js";
import { createCredentialResolver, type CredentialResolver, type CredentialsOption } from "./auth/credentials.js";
import { createSigner, type RequestSigner } from "./auth/signer.js";
import type { Command, MetadataBearer } from "./command.js";
import { resolveEndpoint, type ResolvedEndpoint } from "./endpoints.js";
import { AbortError, ClientValidationError, NetworkError, type ResponseMetadata } from "./errors.js";
import { buildRequest, parseResponse } from "./protocol/rpcv2-cbor.js";
import type { FetchLike } from "./transport/fetch-http-handler.js";
import { retryErrorType, sleep } from "./transport/retry.js";
import { INITIAL_RETRY_TOKEN, retryAfterHintMs, RetryStrategy, type RetryMode } from "./transport/retry-strategy.js";
import type { HttpHandler } from "./transport/types.js";
import { collectIssues } from "./validation/core.js";

/** A logger in the shape of `console`; every method is optional. No secrets or account ids are ever logged. */
export interface Logger {
  debug?(...content: unknown[]): void;
  info?(...content: unknown[]): void;
  warn?(...content: unknown[]): void;
  error?(...content: unknown[]): void;
}

/** A source of the current time in epoch milliseconds (`Date` is one). */
export interface Clock {
  now(): number;
}

/** Configuration of {@link PartnerCentralRevenueMeasurementClient}. */
export interface PartnerCentralRevenueMeasurementClientConfig {
  /** Region; default `AWS_REGION`, else `us-east-1`. The service is global: the region picks the partition. */
  region?: string;
  /** Custom endpoint URL; default `AWS_ENDPOINT_URL_PARTNERCENTRAL_REVENUE_MEASUREMENT`, else `AWS_ENDPOINT_URL`, else the partition's. */
  endpoint?: string;
  /** Static credentials or a provider; default: environment keys, else the standard Node provider chain (loaded lazily). */
  credentials?: CredentialsOption;
  /** Use the FIPS endpoint; default `AWS_USE_FIPS_ENDPOINT === "true"`. */
  useFipsEndpoint?: boolean;
  /** Attempts per call including the first; default `AWS_MAX_ATTEMPTS`, else 3. */
  maxAttempts?: number;
  /**
   * `standard` (default; `AWS_RETRY_MODE` when set): a per-client retry quota and throttling-aware backoff,
   * as the AWS SDKs' standard mode. `adaptive`: the same plus client-side rate limiting after throttling.
   */
  retryMode?: RetryMode;
  /** Milliseconds to add to the clock when signing (server time minus local time); default 0. Corrected automatically on clock-skew errors. */
  systemClockOffset?: number;
  /**
   * Timeout of one attempt (credential resolution, headers and body) in milliseconds; default 30 000; `0` turns
   * it off. A network timeout is retried; credentials not resolved in time are `CredentialsUnavailableError`.
   */
  requestTimeoutMs?: number;
  /** Validate inputs locally before sending; default true. */
  validation?: boolean;
  /** Receives one debug line per attempt (operation, status, request id). */
  logger?: Logger;
  /** A `fetch` implementation: when given, requests go through the fetch (ky) handler instead of `node:http`. */
  fetch?: FetchLike;
  /** A custom HTTP handler (overrides `fetch`). */
  requestHandler?: HttpHandler;
  /** Time source for signing and date rules; default `Date`. */
  clock?: Clock;
}

/** The configuration after defaults were applied. */
export interface ResolvedClientConfig {
  region: string;
  endpoint: ResolvedEndpoint;
  useFipsEndpoint: boolean;
  maxAttempts: number;
  retryMode: RetryMode;
  /** Added to the clock when signing; updated when a response shows that the clock is skewed. */
  systemClockOffset: number;
  requestTimeoutMs?: number;
  validation: boolean;
  logger?: Logger;
  clock: Clock;
}

/** Per-call options of `send()`. */
export interface SendOptions {
  /** Aborts the call at once: while credentials are resolved, during a request, and during a backoff or rate-limiter wait. */
  abortSignal?: AbortSignal;
  /** Overrides the client's `requestTimeoutMs` for this call. */
  requestTimeoutMs?: number;
}

/** Default timeout of one attempt: a stalled connection must never hang a call. */
const DEFAULT_REQUEST_TIMEOUT_MS = 30_000;

const env = (name: string): string | undefined => {
  const value = typeof process !== "undefined" ? process.env?.[name] : undefined;
  return value === "" ? undefined : value;
};

function hasNodeHttp(): boolean {
  return typeof process !== "undefined" && typeof process.versions?.node === "string";
}

/**
 * Client for the AWS Partner Central Revenue Measurement API.
 *
 * ```ts
 * const client = new PartnerCentralRevenueMeasurementClient({ region: "us-east-1" });
 * const out = await client.send(new GetRevenueAttributionAllocationsTaskCommand({ Catalog: "AWS", RevenueAttributionIdentifier: "ra-abc..." }));
 * ```
 */
export class PartnerCentralRevenueMeasurementClient {
  /** The resolved configuration. */
  readonly config: ResolvedClientConfig;
  private readonly credentials: CredentialResolver;
  /** One retry strategy per client: its quota and rate limiter are shared by all calls. */
  private readonly retryStrategy: RetryStrategy;
  private readonly fetchImpl?: FetchLike;
  private handler?: HttpHandler;
  private handlerLoading?: Promise<HttpHandler>;
  private signer?: RequestSigner;

  constructor(config: PartnerCentralRevenueMeasurementClientConfig = {}) {
    const region = config.region ?? env("AWS_REGION") ?? "us-east-1";
    const useFipsEndpoint = config.useFipsEndpoint ?? env("AWS_USE_FIPS_ENDPOINT") === "true";
    const endpointUrl =
      config.endpoint ??
      (env("AWS_IGNORE_CONFIGURED_ENDPOINT_URLS") === "true"
        ? undefined
        : (env("AWS_ENDPOINT_URL_PARTNERCENTRAL_REVENUE_MEASUREMENT") ?? env("AWS_ENDPOINT_URL")));
    const maxAttempts = config.maxAttempts ?? (env("AWS_MAX_ATTEMPTS") ? Number(env("AWS_MAX_ATTEMPTS")) : 3);
    if (!Number.isInteger(maxAttempts) || maxAttempts < 1) {
      throw new RangeError(`maxAttempts must be a whole number of at least 1, got ${maxAttempts}`);
    }
    const clock = config.clock ?? Date;
    const retryMode = config.retryMode ?? (env("AWS_RETRY_MODE") as RetryMode | undefined) ?? "standard";
    if (retryMode !== "standard" && retryMode !== "adaptive") {
      throw new RangeError(`retryMode must be "standard" or "adaptive"`);
    }
    const systemClockOffset = config.systemClockOffset ?? 0;
    if (!Number.isFinite(systemClockOffset)) throw new RangeError("systemClockOffset must be a finite number");
    this.config = {
      region,
      endpoint: resolveEndpoint({ region, useFipsEndpoint, endpoint: endpointUrl }),
      useFipsEndpoint,
      maxAttempts,
      retryMode,
      systemClockOffset,
      requestTimeoutMs: config.requestTimeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS,
      validation: config.validation ?? true,
      logger: config.logger,
      clock,
    };
    this.credentials = createCredentialResolver(config.credentials, () => clock.now());
    this.retryStrategy = new RetryStrategy(retryMode, maxAttempts);
    this.fetchImpl = config.fetch;
    this.handler = config.requestHandler;
  }

  /**
   * Sends a command: validates its input (unless `validation: false`), then
   * sends it with retries. Resolves with the output and `$metadata`; rejects
   * with `ClientValidationError`, a service exception, `NetworkError`, `AbortError`
   * or `CredentialsUnavailableError` (also when credentials are not resolved within `requestTimeoutMs`).
   */
  async send<I extends object, O extends object>(
    command: Command<I, O>,
    options: SendOptions = {},
  ): Promise<O & MetadataBearer> {
    const { spec } = command;
    let input = command.input as Record<string, unknown>;
    if (this.config.validation) {
      const problems = collectIssues(spec.schema, spec.rules, input, { now: this.config.clock.now() });
      if (problems.length) throw new ClientValidationError(spec.name, problems);
    }
    if (spec.idempotencyToken && input.ClientToken === undefined) {
      input = { ...input, ClientToken: crypto.randomUUID() }; // one token for every attempt of this call
    }
    const request = buildRequest(this.config.endpoint.url, spec.name, input);
    const handler = await this.getHandler();
    const timeoutMs = options.requestTimeoutMs ?? this.config.requestTimeoutMs;
    const { abortSignal } = options;
    const invocationId = crypto.randomUUID();
    const metadata: ResponseMetadata = { attempts: 0, totalRetryDelay: 0 };
    const retry = this.retryStrategy;
    let retryToken = INITIAL_RETRY_TOKEN;
    let skewRetried = false;
    for (;;) {
      if (abortSignal?.aborted) throw new AbortError(undefined, { cause: abortSignal.reason });
      const sendPermit = retry.acquireSendToken(abortSignal); // adaptive mode after throttling only
      if (sendPermit) await sendPermit;
      metadata.attempts++;
      let error: Error;
      let responseHeaders: Record<string, string> | undefined;
      const signedWithOffset = this.config.systemClockOffset;
      try {
        const signing = {
          ...request,
          headers: {
            ...request.headers,
            "amz-sdk-invocation-id": invocationId,
            "amz-sdk-request": `attempt=${metadata.attempts}; max=${this.config.maxAttempts}`,
          },
        };
        const headers = await this.sign(signing, { abortSignal, timeoutMs }); // the bounds also cover credential resolution
        const response = await handler.handle({ ...request, headers }, { abortSignal, timeoutMs });
        responseHeaders = response.headers;
        metadata.httpStatusCode = response.statusCode;
        metadata.requestId = response.headers["x-amzn-requestid"];
        this.config.logger?.debug?.(
          `${spec.name} attempt ${metadata.attempts}: HTTP ${response.statusCode}, request id ${metadata.requestId ?? "none"}`,
        );
        const parsed = parseResponse(response, { ...metadata });
        if ("output" in parsed) {
          retry.recordSuccess(retryToken);
          return { ...(parsed.output as O), $metadata: { ...metadata } };
        }
        error = parsed.error;
      } catch (e) {
        if (e instanceof AbortError || abortSignal?.aborted) {
          throw e instanceof AbortError ? e : new AbortError(undefined, { cause: abortSignal?.reason });
        }
        if (!(e instanceof NetworkError)) throw e;
        this.config.logger?.debug?.(`${spec.name} attempt ${metadata.attempts}: ${e.code ?? "network error"}`);
        error = e;
      }
      (error as { $metadata?: ResponseMetadata }).$metadata = { ...metadata };
      // --- retries: a skewed clock is corrected and retried once at once; otherwise the strategy decides ---
      const now = this.config.clock.now();
      if (responseHeaders && !skewRetried) {
        const offset = correctedClockOffset(error, responseHeaders, { receivedAtMs: now, offsetMs: signedWithOffset });
        if (offset !== undefined) {
          this.config.systemClockOffset = offset;
          skewRetried = true;
          this.config.logger?.debug?.(`${spec.name}: clock skew corrected, retrying`);
          continue;
        }
      }
      const errorType = retryErrorType(error);
      const retryAfterMs = retryAfterHintMs(responseHeaders);
      const next = retry.retryToken(retryToken, { errorType, retryAfterMs });
      if (!next) throw error;
      retryToken = next;
      metadata.totalRetryDelay += next.delayMs;
      await sleep(next.delayMs, abortSignal);
      // --- end of retries ---
    }
  }

  /** Closes pooled connections. The client can still be used afterwards. */
  destroy(): void {
    this.handler?.destroy?.();
  }

  private sign(request: Parameters<RequestSigner>[0], bounds: Parameters<RequestSigner>[2]): Promise<Record<string, string>> {
    this.signer ??= createSigner(this.config.endpoint.signingRegion, this.credentials);
    return this.signer(request, new Date(this.config.clock.now() + this.config.systemClockOffset), bounds);
  }

  private getHandler(): Promise<HttpHandler> | HttpHandler {
    if (this.handler) return this.handler;
    this.handlerLoading ??= (async () => {
      if (this.fetchImpl || !hasNodeHttp()) {
        const { FetchHttpHandler } = await import("./transport/fetch-http-handler.js");
        return new FetchHttpHandler(this.fetchImpl);
      }
      const { NodeHttpHandler } = await import("./transport/node-http-handler.js");
      return new NodeHttpHandler();
    })().then((h) => (this.handler = h));
    return this.handlerLoading;
  }
}
