/**
 * The client: configuration is resolved once in the constructor; `send()`
 * validates, fills the idempotency token, serializes, runs the middleware
 * steps (when there are any), signs, sends with retries and parses.
 */
import { randomUUID } from "node:crypto";
import { constructStack } from "@smithy/core/client";
import type {
  Handler,
  HttpRequest,
  MiddlewareStack,
  Client as SmithyClient,
  Command as SmithyCommand,
} from "@smithy/types";
import { correctedClockOffset } from "./auth/clock-skew.js";
import { createCredentialResolver, type CredentialResolver, type CredentialsOption } from "./auth/credentials.js";
import { createSigner, type RequestSigner } from "./auth/signer.js";
import type { Command, MetadataBearer, OperationSpec } from "./command.js";
import type { CreateMarketplaceRevenueShareInput, CreateMarketplaceRevenueShareOutput } from "./commands/CreateMarketplaceRevenueShareCommand.js";
import type { CreateMarketplaceRevenueShareAllocationInput, CreateMarketplaceRevenueShareAllocationOutput } from "./commands/CreateMarketplaceRevenueShareAllocationCommand.js";
import type { CreateRevenueAttributionInput, CreateRevenueAttributionOutput } from "./commands/CreateRevenueAttributionCommand.js";
import type { GetMarketplaceRevenueShareInput, GetMarketplaceRevenueShareOutput } from "./commands/GetMarketplaceRevenueShareCommand.js";
import type { GetMarketplaceRevenueShareAllocationInput, GetMarketplaceRevenueShareAllocationOutput } from "./commands/GetMarketplaceRevenueShareAllocationCommand.js";
import type { GetRevenueAttributionInput, GetRevenueAttributionOutput } from "./commands/GetRevenueAttributionCommand.js";
import type { GetRevenueAttributionAllocationInput, GetRevenueAttributionAllocationOutput } from "./commands/GetRevenueAttributionAllocationCommand.js";
import type { GetRevenueAttributionAllocationsTaskInput, GetRevenueAttributionAllocationsTaskOutput } from "./commands/GetRevenueAttributionAllocationsTaskCommand.js";
import type { ListMarketplaceRevenueShareAllocationsInput, ListMarketplaceRevenueShareAllocationsOutput } from "./commands/ListMarketplaceRevenueShareAllocationsCommand.js";
import type { ListMarketplaceRevenueSharesInput, ListMarketplaceRevenueSharesOutput } from "./commands/ListMarketplaceRevenueSharesCommand.js";
import type { ListRevenueAttributionAllocationsInput, ListRevenueAttributionAllocationsOutput } from "./commands/ListRevenueAttributionAllocationsCommand.js";
import type { ListRevenueAttributionsInput, ListRevenueAttributionsOutput } from "./commands/ListRevenueAttributionsCommand.js";
import type { ListTagsForResourceInput, ListTagsForResourceOutput } from "./commands/ListTagsForResourceCommand.js";
import type { StartRevenueAttributionAllocationsTaskInput, StartRevenueAttributionAllocationsTaskOutput } from "./commands/StartRevenueAttributionAllocationsTaskCommand.js";
import type { TagResourceInput, TagResourceOutput } from "./commands/TagResourceCommand.js";
import type { UntagResourceInput, UntagResourceOutput } from "./commands/UntagResourceCommand.js";
import type { UpdateMarketplaceRevenueShareAllocationInput, UpdateMarketplaceRevenueShareAllocationOutput } from "./commands/UpdateMarketplaceRevenueShareAllocationCommand.js";
import type { UpdateRevenueAttributionInput, UpdateRevenueAttributionOutput } from "./commands/UpdateRevenueAttributionCommand.js";
import { resolveEndpoint, type ResolvedEndpoint } from "./endpoints.js";
import { AbortError, ClientValidationError, NetworkError, type ResponseMetadata } from "./errors.js";
import { buildRequest, parseResponse } from "./protocol/rpcv2-cbor.js";
import type { FetchLike } from "./transport/fetch-http-handler.js";
import { retryErrorType, sleep } from "./transport/retry.js";
import { INITIAL_RETRY_TOKEN, retryAfterHintMs, RetryStrategy, type RetryMode } from "./transport/retry-strategy.js";
import type { HttpHandler } from "./transport/types.js";
import { collectIssues } from "./validation/core.js";
import {
  SERVICE_ID,
  fromHttpRequest,
  handlerContext,
  isEmptyStack,
  toHttpRequest,
  userAgentHeaders,
  type UserAgentOption,
} from "./middleware.js";
import type { HttpRequestSpec, HttpResponseSpec } from "./transport/types.js";

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
   * With the default `node:http` transport, a timeout of 2 s or more fires up to 100 ms late.
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
  /** Sections appended to the `user-agent` and `x-amz-user-agent` headers, e.g. `[["my-app", "1.2.0"]]` or `"my-app/1.2.0"`. */
  customUserAgent?: UserAgentOption;
}

/** The configuration after defaults were applied. */
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

/** The input of any command of this client. */
export type ServiceInputTypes =
  | CreateMarketplaceRevenueShareInput
  | CreateMarketplaceRevenueShareAllocationInput
  | CreateRevenueAttributionInput
  | GetMarketplaceRevenueShareInput
  | GetMarketplaceRevenueShareAllocationInput
  | GetRevenueAttributionInput
  | GetRevenueAttributionAllocationInput
  | GetRevenueAttributionAllocationsTaskInput
  | ListMarketplaceRevenueShareAllocationsInput
  | ListMarketplaceRevenueSharesInput
  | ListRevenueAttributionAllocationsInput
  | ListRevenueAttributionsInput
  | ListTagsForResourceInput
  | StartRevenueAttributionAllocationsTaskInput
  | TagResourceInput
  | UntagResourceInput
  | UpdateMarketplaceRevenueShareAllocationInput
  | UpdateRevenueAttributionInput;
/** The output of any command of this client. */
export type ServiceOutputTypes =
  | (CreateMarketplaceRevenueShareOutput & MetadataBearer)
  | (CreateMarketplaceRevenueShareAllocationOutput & MetadataBearer)
  | (CreateRevenueAttributionOutput & MetadataBearer)
  | (GetMarketplaceRevenueShareOutput & MetadataBearer)
  | (GetMarketplaceRevenueShareAllocationOutput & MetadataBearer)
  | (GetRevenueAttributionOutput & MetadataBearer)
  | (GetRevenueAttributionAllocationOutput & MetadataBearer)
  | (GetRevenueAttributionAllocationsTaskOutput & MetadataBearer)
  | (ListMarketplaceRevenueShareAllocationsOutput & MetadataBearer)
  | (ListMarketplaceRevenueSharesOutput & MetadataBearer)
  | (ListRevenueAttributionAllocationsOutput & MetadataBearer)
  | (ListRevenueAttributionsOutput & MetadataBearer)
  | (ListTagsForResourceOutput & MetadataBearer)
  | (StartRevenueAttributionAllocationsTaskOutput & MetadataBearer)
  | (TagResourceOutput & MetadataBearer)
  | (UntagResourceOutput & MetadataBearer)
  | (UpdateMarketplaceRevenueShareAllocationOutput & MetadataBearer)
  | (UpdateRevenueAttributionOutput & MetadataBearer);

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
export class PartnerCentralRevenueMeasurementClient
  implements SmithyClient<ServiceInputTypes, ServiceOutputTypes, ResolvedClientConfig>
{
  /** The resolved configuration. */
  readonly config: ResolvedClientConfig;
  /**
   * The `@smithy` middleware stack of every call: `add(middleware, { step, name })`, `addRelativeTo`,
   * `remove`, `use(plugin)`. Steps: `initialize`, `serialize`, `build`, `finalizeRequest`, `deserialize`.
   * They run once per call; the terminal handler signs, sends with retries and parses.
   */
  readonly middlewareStack: MiddlewareStack<ServiceInputTypes, ServiceOutputTypes> = constructStack();
  private readonly credentials: CredentialResolver;
  /** One retry strategy per client: its quota and rate limiter are shared by all calls. */
  private readonly retryStrategy: RetryStrategy;
  private readonly fetchImpl?: FetchLike;
  private readonly userAgent: Record<string, string>;
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
      serviceId: SERVICE_ID,
      region: () => Promise.resolve(region),
      endpoint: resolveEndpoint({ region, useFipsEndpoint, endpoint: endpointUrl }),
      useFipsEndpoint,
      maxAttempts,
      retryMode,
      systemClockOffset,
      requestTimeoutMs: config.requestTimeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS,
      validation: config.validation ?? true,
      logger: config.logger,
      clock,
      customUserAgent: config.customUserAgent,
    };
    this.credentials = createCredentialResolver(config.credentials, () => clock.now());
    this.retryStrategy = new RetryStrategy(retryMode, maxAttempts);
    this.fetchImpl = config.fetch;
    this.handler = config.requestHandler;
    this.userAgent = userAgentHeaders(config.customUserAgent, env("AWS_SDK_UA_APP_ID"));
    clients.set(this.config, this);
  }

  /**
   * Sends a command: validates its input (unless `validation: false`), fills
   * its idempotency token, runs the middleware stack (skipped when empty),
   * then signs and sends it with retries. Resolves with the output and
   * `$metadata`; rejects with `ClientValidationError`, a service exception,
   * `NetworkError`, `AbortError` or `CredentialsUnavailableError` (also when
   * credentials are not resolved within `requestTimeoutMs`). With a callback,
   * it is called instead.
   */
  send<I extends object, O extends object>(command: SmithyCommand<any, I, any, O, any>, options?: SendOptions): Promise<O>;
  send<I extends object, O extends object>(
    command: SmithyCommand<any, I, any, O, any>,
    callback: (err: unknown, data?: O) => void,
  ): void;
  send<I extends object, O extends object>(
    command: SmithyCommand<any, I, any, O, any>,
    options: SendOptions | undefined,
    callback: (err: unknown, data?: O) => void,
  ): void;
  send<I extends object, O extends object>(
    command: SmithyCommand<any, I, any, O, any>,
    optionsOrCallback?: SendOptions | ((err: unknown, data?: O) => void),
    callback?: (err: unknown, data?: O) => void,
  ): Promise<O> | void {
    const cb = typeof optionsOrCallback === "function" ? optionsOrCallback : callback;
    const options = typeof optionsOrCallback === "function" ? {} : (optionsOrCallback ?? {});
    const result = this.invoke(command as unknown as Command<I, object>, options) as Promise<O>;
    if (!cb) return result;
    result.then((out) => cb(null, out), (err: unknown) => cb(err));
  }

  private async invoke<I extends object, O extends object>(
    command: Command<I, O>,
    options: SendOptions,
  ): Promise<O & MetadataBearer> {
    const { spec } = command;
    if (!spec) throw new TypeError("send() takes a command of this package (new XxxCommand(input))");
    const input = this.prepareInput(spec, command.input);
    if (!command.hasMiddleware && isEmptyStack(this.middlewareStack)) {
      const request = this.serialize(spec, input);
      Object.assign(request.headers, this.userAgent); // a fresh request: its headers can take the user agent as they are
      return (await this.dispatch<O>(spec, request, options)).output;
    }
    const handler = this.resolveHandler(command, this.middlewareStack, options);
    return (await handler({ input: input as I })).output;
  }

  /**
   * The handler of one command through the client's and the command's
   * middleware: serialize (step `serialize`), set the user agent (step
   * `build`, name `getUserAgentMiddleware`, as in the AWS SDK, so that
   * middleware placed relative to it finds it), then the terminal handler.
   * @internal
   */
  resolveHandler<I extends object, O extends object>(
    command: Command<I, O>,
    clientStack: MiddlewareStack<any, any>,
    options: SendOptions,
  ): Handler<I, O & MetadataBearer> {
    const { spec } = command;
    const stack = clientStack.concat(command.middlewareStack);
    stack.add(
      (next) => (args) => next({ ...args, request: toHttpRequest(this.serialize(spec, args.input as object)) }),
      { step: "serialize", name: "serializerMiddleware", override: true },
    );
    stack.add(
      (next) => (args) => next({ ...args, request: this.withUserAgent(args.request as HttpRequest) }),
      { step: "build", priority: "low", name: "getUserAgentMiddleware", tags: ["USER_AGENT"], override: true },
    );
    const terminal = (args: { request?: unknown }) =>
      this.dispatch<O>(spec, fromHttpRequest(args.request as HttpRequest), options);
    return stack.resolve(terminal as never, handlerContext(spec.name, command, this.config.logger)) as Handler<
      I,
      O & MetadataBearer
    >;
  }

  /**
   * Validates an input (unless `validation: false`; throws `ClientValidationError`) and fills its idempotency
   * token when absent: one token for every attempt of this call. Every way into the client goes through it.
   */
  private prepareInput(spec: OperationSpec<never>, given: object): Record<string, unknown> {
    const input = given as Record<string, unknown>;
    if (this.config.validation) {
      const problems = collectIssues(spec.schema, spec.rules, input, { now: this.config.clock.now() });
      if (problems.length) throw new ClientValidationError(spec.name, problems);
    }
    return spec.idempotencyToken && input.ClientToken == null ? { ...input, ClientToken: randomUUID() } : input;
  }

  /**
   * `Command.resolveMiddleware()`'s handler: the same input preparation as `send()`, then the middleware.
   * @internal
   */
  resolveCommandHandler<I extends object, O extends object>(
    command: Command<I, O>,
    clientStack: MiddlewareStack<any, any>,
    options: SendOptions,
  ): Handler<I, O & MetadataBearer> {
    const handler = this.resolveHandler(command, clientStack, options);
    return async (args) => handler({ ...args, input: this.prepareInput(command.spec, args.input) as I });
  }

  /** The request with this client's `user-agent` and `x-amz-user-agent` headers (replacing any set before). */
  private withUserAgent<R extends { headers: Record<string, string> }>(request: R): R {
    return { ...request, headers: { ...request.headers, ...this.userAgent } };
  }

  private serialize(spec: OperationSpec<never>, input: object): HttpRequestSpec {
    return buildRequest(this.config.endpoint.url, spec.name, input);
  }

  /** Signs, sends with retries and parses: the terminal handler of the middleware stack. */
  private async dispatch<O extends object>(
    spec: OperationSpec<never>,
    request: HttpRequestSpec,
    options: SendOptions,
  ): Promise<{ output: O & MetadataBearer; response: HttpResponseSpec }> {
    const handler = await this.getHandler();
    const timeoutMs = options.requestTimeoutMs ?? this.config.requestTimeoutMs;
    const { abortSignal } = options;
    const invocationId = randomUUID();
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
        // The signer copies the headers, so these two can be set on the request's own for each attempt.
        request.headers["amz-sdk-invocation-id"] = invocationId;
        // A clock-skew retry is one attempt beyond maxAttempts (it takes no retry quota), so it raises the maximum.
        request.headers["amz-sdk-request"] = `attempt=${metadata.attempts}; max=${this.config.maxAttempts + (skewRetried ? 1 : 0)}`;
        const attemptStartedAt = timeoutMs ? performance.now() : 0;
        const headers = await this.sign(request, { abortSignal, timeoutMs }); // the bounds also cover credential resolution
        // One budget per attempt: the time credential resolution took is gone from the request's.
        const timeLeftMs = timeoutMs ? Math.max(1, timeoutMs - Math.floor(performance.now() - attemptStartedAt)) : timeoutMs;
        const response = await handler.handle(
          { method: request.method, url: request.url, headers, body: request.body },
          { abortSignal, timeoutMs: timeLeftMs },
        );
        responseHeaders = response.headers;
        metadata.httpStatusCode = response.statusCode;
        metadata.requestId = response.headers["x-amzn-requestid"];
        this.config.logger?.debug?.(
          `${spec.name} attempt ${metadata.attempts}: HTTP ${response.statusCode}, request id ${metadata.requestId ?? "none"}`,
        );
        const parsed = parseResponse(response, { ...metadata });
        if ("output" in parsed) {
          retry.recordSuccess(retryToken);
          // The decoded body is a fresh object of this call: it takes the metadata as it is.
          const output = parsed.output as O & MetadataBearer;
          output.$metadata = { ...metadata };
          return { output, response };
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
      const retryAfterMs = retryAfterHintMs(responseHeaders, now + this.config.systemClockOffset);
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
      // Loaded on first use (cold start): through `require` in the CommonJS build, `import()` in the ES module build.
      if (this.fetchImpl || !hasNodeHttp()) {
        const { FetchHttpHandler } =
          typeof __CJS__ !== "undefined" && __CJS__
            ? (require("./transport/fetch-http-handler.js") as typeof import("./transport/fetch-http-handler.js"))
            : await import("./transport/fetch-http-handler.js");
        return new FetchHttpHandler(this.fetchImpl);
      }
      const { NodeHttpHandler } =
        typeof __CJS__ !== "undefined" && __CJS__
          ? (require("./transport/node-http-handler.js") as typeof import("./transport/node-http-handler.js"))
          : await import("./transport/node-http-handler.js");
      return new NodeHttpHandler();
    })().then((h) => (this.handler = h));
    return this.handlerLoading;
  }
}

/** The client behind each resolved configuration, for `command.resolveMiddleware(stack, config, options)`. */
const clients = new WeakMap<object, PartnerCentralRevenueMeasurementClient>();

/**
 * `Command.resolveMiddleware()`: the handler of a command sent through the
 * client whose `config` is given.
 * @internal
 */
export function resolveCommandMiddleware(
  command: Command<any, any>,
  clientStack: MiddlewareStack<any, any>,
  configuration: object,
  options: unknown,
): Handler<any, any> {
  const client = clients.get(configuration);
  if (!client) throw new TypeError("resolveMiddleware() needs the config of a PartnerCentralRevenueMeasurementClient");
  return client.resolveCommandHandler(command, clientStack, (options ?? {}) as SendOptions);
}
