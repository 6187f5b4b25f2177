/**
 * The client's configuration, resolved once: defaults and environment variables applied, every option checked,
 * unknown ones refused. Pure apart from reading `process.env`; the client constructor calls it and nothing else
 * reads the raw options.
 */
import type { RetryStrategyV2 } from "@smithy/types";
import type { CredentialsOption } from "./auth/credentials.js";
import type { Clock, Logger, PartnerCentralRevenueMeasurementClientConfig, RequestHandlerOption } from "./client.js";
import { InvalidConfigurationError, resolveEndpoint, type ResolvedEndpoint } from "./endpoints.js";
import { SERVICE_ID, userAgentHeaders, type UserAgentOption } from "./middleware.js";
import type { FetchLike } from "./transport/fetch-http-handler.js";
import type { NodeHttpHandlerOptions } from "./transport/node-http-handler.js";
import type { RetryMode } from "./transport/retry-strategy.js";
import type { SmithyHttpHandler } from "./transport/smithy-http-handler.js";
import { OWN_HTTP_HANDLER, type HttpHandler } from "./transport/types.js";

/** The configuration after defaults were applied: `client.config`. */
export interface ResolvedClientConfig {
  /** The model's service id, as in the AWS SDK's clients. */
  serviceId: string;
  /** The region, as a provider: `await config.region()` (the AWS SDK's shape, which tracing tools call). */
  region: () => Promise<string>;
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
  /** The `customUserAgent` option as given. */
  customUserAgent?: UserAgentOption;
}

/** What the client builds its parts from, beyond `config`. */
export interface ClientParts {
  config: ResolvedClientConfig;
  /** The region name (`config.region` is its provider). */
  regionName: string;
  credentials?: CredentialsOption;
  /** A user's `RetryStrategyV2`, when given (else the client builds its own from `retryMode` and `maxAttempts`). */
  retryStrategy?: RetryStrategyV2;
  /** How requests are sent: ours (lazy, with options), one of ours given, or a `@smithy` handler to adapt. */
  handler:
    | { kind: "default"; fetch?: FetchLike; nodeOptions?: NodeHttpHandlerOptions }
    | { kind: "own"; handler: HttpHandler }
    | { kind: "smithy"; handler: SmithyHttpHandler };
  userAgent: Record<string, string>;
}

/** Default timeout of one attempt: a stalled connection must never hang a call. */
const DEFAULT_REQUEST_TIMEOUT_MS = 30_000;

/** Every option the client takes; any other is refused, so a typo or an option of another client never goes unseen. */
const KNOWN_OPTIONS: ReadonlySet<string> = new Set<keyof PartnerCentralRevenueMeasurementClientConfig>([
  "region",
  "endpoint",
  "credentials",
  "useFipsEndpoint",
  "maxAttempts",
  "retryMode",
  "retryStrategy",
  "systemClockOffset",
  "requestTimeoutMs",
  "validation",
  "logger",
  "fetch",
  "requestHandler",
  "clock",
  "customUserAgent",
]);

/** The keys of the official client's `requestHandler` shorthand (`NodeHttpHandlerOptions`) that we honour. */
const HANDLER_SHORTHAND_KEYS: ReadonlySet<string> = new Set(["httpAgent", "httpsAgent", "requestTimeout", "connectionTimeout"]);

const env = (name: string): string | undefined => {
  const value = typeof process !== "undefined" ? process.env?.[name] : undefined;
  return value === "" ? undefined : value;
};

function invalid(option: string, rule: string): InvalidConfigurationError {
  return new InvalidConfigurationError(`Invalid Configuration: ${option} ${rule}`);
}

function isRetryStrategyV2(value: unknown): value is RetryStrategyV2 {
  const s = value as Partial<RetryStrategyV2> | null;
  return (
    typeof s === "object" &&
    s !== null &&
    typeof s.acquireInitialRetryToken === "function" &&
    typeof s.refreshRetryTokenForRetry === "function" &&
    typeof s.recordSuccess === "function"
  );
}

function nonNegativeMs(option: string, value: unknown): number | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== "number" || !Number.isFinite(value) || value < 0) throw invalid(option, `must be a number of milliseconds ≥ 0, got ${String(value)}`);
  return value;
}

/** Which way requests go, from `requestHandler` and `fetch`. */
function resolveHandler(given: RequestHandlerOption | undefined, fetchImpl: FetchLike | undefined): ClientParts["handler"] {
  if (given === undefined) return { kind: "default", fetch: fetchImpl };
  if (typeof given !== "object" || given === null) throw invalid("requestHandler", "must be an HttpHandler or { httpAgent, httpsAgent, requestTimeout, connectionTimeout }");
  if ((given as HttpHandler)[OWN_HTTP_HANDLER]) return { kind: "own", handler: given as HttpHandler };
  if (typeof (given as { handle?: unknown }).handle === "function") {
    return { kind: "smithy", handler: given as SmithyHttpHandler };
  }
  // The shorthand: options of the default node:http handler.
  for (const key of Object.keys(given)) {
    if (!HANDLER_SHORTHAND_KEYS.has(key)) {
      throw invalid(`requestHandler.${key}`, `is not supported (an HttpHandler, or an object of ${[...HANDLER_SHORTHAND_KEYS].join(", ")})`);
    }
  }
  const shorthand = given as { httpAgent?: unknown; httpsAgent?: unknown; connectionTimeout?: unknown };
  for (const key of ["httpAgent", "httpsAgent"] as const) {
    const agent = shorthand[key];
    if (agent !== undefined && (typeof agent !== "object" || agent === null || typeof (agent as { addRequest?: unknown }).addRequest !== "function")) {
      throw invalid(`requestHandler.${key}`, "must be a node:http(s) Agent");
    }
  }
  return {
    kind: "default",
    fetch: fetchImpl,
    nodeOptions: {
      httpAgent: shorthand.httpAgent as NodeHttpHandlerOptions["httpAgent"],
      httpsAgent: shorthand.httpsAgent as NodeHttpHandlerOptions["httpsAgent"],
      connectionTimeout: nonNegativeMs("requestHandler.connectionTimeout", shorthand.connectionTimeout),
    },
  };
}

/**
 * Resolves the client's options once. Throws `InvalidConfigurationError` naming the option for an unknown option
 * or a bad value.
 */
export function resolveClientConfig(options: PartnerCentralRevenueMeasurementClientConfig): ClientParts {
  if (typeof options !== "object" || options === null) throw invalid("configuration", "must be an object");
  for (const key of Object.keys(options)) {
    if (!KNOWN_OPTIONS.has(key)) {
      throw invalid(key, `is not an option of this client (supported: ${[...KNOWN_OPTIONS].join(", ")})`);
    }
  }
  const region = options.region ?? env("AWS_REGION") ?? "us-east-1";
  if (typeof region !== "string") throw invalid("region", "must be a string");
  const useFipsEndpoint = options.useFipsEndpoint ?? env("AWS_USE_FIPS_ENDPOINT") === "true";
  const endpointUrl =
    options.endpoint ??
    (env("AWS_IGNORE_CONFIGURED_ENDPOINT_URLS") === "true"
      ? undefined
      : (env("AWS_ENDPOINT_URL_PARTNERCENTRAL_REVENUE_MEASUREMENT") ?? env("AWS_ENDPOINT_URL")));
  const maxAttempts = options.maxAttempts ?? (env("AWS_MAX_ATTEMPTS") ? Number(env("AWS_MAX_ATTEMPTS")) : 3);
  if (!Number.isInteger(maxAttempts) || maxAttempts < 1) throw invalid("maxAttempts", `must be a whole number of at least 1, got ${maxAttempts}`);
  const retryMode = options.retryMode ?? (env("AWS_RETRY_MODE") as RetryMode | undefined) ?? "standard";
  if (retryMode !== "standard" && retryMode !== "adaptive") throw invalid("retryMode", `must be "standard" or "adaptive"`);
  if (options.retryStrategy !== undefined && !isRetryStrategyV2(options.retryStrategy)) {
    throw invalid("retryStrategy", "must be a RetryStrategyV2 (acquireInitialRetryToken, refreshRetryTokenForRetry, recordSuccess)");
  }
  const systemClockOffset = options.systemClockOffset ?? 0;
  if (!Number.isFinite(systemClockOffset)) throw invalid("systemClockOffset", "must be a finite number");
  const clock = options.clock ?? Date;
  if (typeof clock?.now !== "function") throw invalid("clock", "must have a now() method");
  if (options.fetch !== undefined && typeof options.fetch !== "function") throw invalid("fetch", "must be a function");
  const handler = resolveHandler(options.requestHandler, options.fetch);
  const shorthandTimeout = nonNegativeMs(
    "requestHandler.requestTimeout",
    handler.kind === "default" && options.requestHandler ? (options.requestHandler as { requestTimeout?: unknown }).requestTimeout : undefined,
  );
  const requestTimeoutMs = nonNegativeMs("requestTimeoutMs", options.requestTimeoutMs) ?? shorthandTimeout ?? DEFAULT_REQUEST_TIMEOUT_MS;
  return {
    config: {
      serviceId: SERVICE_ID,
      region: () => Promise.resolve(region),
      endpoint: resolveEndpoint({ region, useFipsEndpoint, endpoint: endpointUrl }),
      useFipsEndpoint,
      maxAttempts,
      retryMode,
      systemClockOffset,
      requestTimeoutMs,
      validation: options.validation ?? true,
      logger: options.logger,
      clock,
      customUserAgent: options.customUserAgent,
    },
    regionName: region,
    credentials: options.credentials,
    retryStrategy: options.retryStrategy,
    handler,
    userAgent: userAgentHeaders(options.customUserAgent, env("AWS_SDK_UA_APP_ID")),
  };
}
