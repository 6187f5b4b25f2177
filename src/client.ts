/**
 * The client: `resolveClientConfig` resolves its options once (src/config.ts); `send()` validates the input,
 * fills its idempotency token and runs the call's pipeline (src/pipeline.ts): directly when the middleware stacks
 * are empty, as `@smithy` middleware in the AWS SDK's order when they are not. With a tracer provider registered,
 * the call is one OpenTelemetry span (src/tracing.ts).
 */
import { randomUUID } from "node:crypto";
import { constructStack } from "@smithy/core/client";
import type {
  FinalizeHandler,
  FinalizeHandlerArguments,
  Handler,
  HttpRequest,
  MiddlewareStack,
  RetryStrategyV2,
  Client as SmithyClient,
  Command as SmithyCommand,
} from "@smithy/types";
import { createCredentialResolver, type CredentialResolver, type CredentialsOption } from "./auth/credentials.js";
import { createSigner, type RequestSigner } from "./auth/signer.js";
import { RESOLVE_COMMAND_MIDDLEWARE, type Command, type CommandMiddlewareResolver, type MetadataBearer, type OperationSpec } from "./command.js";
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
import { resolveClientConfig, type ClientParts, type ResolvedClientConfig } from "./config.js";
import { InvalidConfigurationError } from "./endpoints.js";
import { ClientValidationError } from "./errors.js";
import {
  CLIENT_NAME,
  fromHttpRequest,
  handlerContext,
  isEmptyStack,
  toHttpRequest,
  type UserAgentOption,
} from "./middleware.js";
import {
  attempt,
  deserialize,
  newCallState,
  retryLoop,
  signAttempt,
  transmit,
  type AttemptResult,
  type CallEnvironment,
  type CallState,
} from "./pipeline.js";
import { buildRequest } from "./protocol/rpcv2-cbor.js";
import { endCallTrace, startCallTrace } from "./tracing.js";
import type { FetchLike } from "./transport/fetch-http-handler.js";
import type { NodeHttpHandlerOptions } from "./transport/node-http-handler.js";
import { RetryStrategy, type RetryMode } from "./transport/retry-strategy.js";
import { SmithyHttpHandlerAdapter, type SmithyHttpHandler } from "./transport/smithy-http-handler.js";
import { OWN_HTTP_HANDLER, type HttpHandler, type HttpRequestSpec } from "./transport/types.js";
import { collectIssues } from "./validation/core.js";

export type { ResolvedClientConfig } from "./config.js";

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

/**
 * `requestHandler`: a `@smithy/types` `HttpHandler` (e.g. `NodeHttpHandler` or `FetchHttpHandler` from `@smithy`,
 * or your own wrapper), or the official client's shorthand for the default handler's options.
 */
export type RequestHandlerOption =
  | SmithyHttpHandler
  /** One of this package's own transports (or a test double marked as one). */
  | (HttpHandler & { readonly [OWN_HTTP_HANDLER]: true })
  | (NodeHttpHandlerOptions & {
      /** Timeout of one attempt in milliseconds (the same as `requestTimeoutMs`, which wins when both are given). */
      requestTimeout?: number;
    });

/** Configuration of {@link PartnerCentralRevenueMeasurementClient}. An option not listed here is refused. */
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
  /**
   * A `@smithy/types` `RetryStrategyV2` (e.g. `ConfiguredRetryStrategy` or `StandardRetryStrategy` from
   * `@smithy/util-retry`), used instead of the client's own; `maxAttempts` and `retryMode` then only fill the
   * `amz-sdk-request` header.
   */
  retryStrategy?: RetryStrategyV2;
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
  /** How requests are sent (wins over `fetch`): see {@link RequestHandlerOption}. Default: `node:http` on Node. */
  requestHandler?: RequestHandlerOption;
  /** Time source for signing, date rules, waiters and batch deadlines; default `Date`. */
  clock?: Clock;
  /** Sections appended to the `user-agent` and `x-amz-user-agent` headers, e.g. `[["my-app", "1.2.0"]]` or `"my-app/1.2.0"`. */
  customUserAgent?: UserAgentOption;
}

/** The official client's name for the resolved configuration. */
export type PartnerCentralRevenueMeasurementClientResolvedConfig = ResolvedClientConfig;

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
 *
 * @throws InvalidConfigurationError for an unknown option or a bad value, naming it.
 */
export class PartnerCentralRevenueMeasurementClient
  implements SmithyClient<ServiceInputTypes, ServiceOutputTypes, ResolvedClientConfig>
{
  /** The resolved configuration. */
  readonly config: ResolvedClientConfig;
  /**
   * The `@smithy` middleware stack of every call: `add(middleware, { step, name })`, `addRelativeTo`,
   * `remove`, `use(plugin)`. Steps: `initialize`, `serialize`, `build` (once per call), then `finalizeRequest`
   * and `deserialize` once per attempt, on the signed request, as in the AWS SDK.
   */
  readonly middlewareStack: MiddlewareStack<ServiceInputTypes, ServiceOutputTypes> = constructStack();
  /** What the pipeline's functions use of this client. */
  readonly #env: CallEnvironment;
  readonly #regionName: string;
  readonly #userAgent: Record<string, string>;
  readonly #handlerChoice: ClientParts["handler"];
  /** The client's own retry strategy, when no `retryStrategy` was given (its quota is read in tests). */
  private readonly ownRetryStrategy?: RetryStrategy;
  #handler?: HttpHandler;
  #handlerLoading?: Promise<HttpHandler>;

  constructor(options: PartnerCentralRevenueMeasurementClientConfig = {}) {
    const parts = resolveClientConfig(options);
    const { config } = parts;
    this.config = config;
    this.#regionName = parts.regionName;
    this.#userAgent = parts.userAgent;
    this.#handlerChoice = parts.handler;
    if (parts.handler.kind === "own") this.#handler = parts.handler.handler;
    if (parts.handler.kind === "smithy") this.#handler = new SmithyHttpHandlerAdapter(parts.handler.handler);
    const credentials: CredentialResolver = createCredentialResolver(parts.credentials, () => config.clock.now());
    let signer: RequestSigner | undefined;
    // One retry strategy per client: its quota and rate limiter are shared by all calls.
    const own = parts.retryStrategy ? undefined : new RetryStrategy(config.retryMode, config.maxAttempts);
    this.ownRetryStrategy = own;
    this.#env = {
      config,
      retryStrategy: parts.retryStrategy,
      ownRetryStrategy: own,
      sign: (request, bounds) => {
        signer ??= createSigner(config.endpoint.signingRegion, credentials);
        return signer(request, new Date(config.clock.now() + config.systemClockOffset), bounds);
      },
      getHandler: () => this.#getHandler(),
    };
    const resolveCommandMiddleware: CommandMiddlewareResolver = (command, clientStack, sendOptions) =>
      PartnerCentralRevenueMeasurementClient.resolveCommandHandler(this, command, clientStack, (sendOptions ?? {}) as SendOptions);
    Object.defineProperty(config, RESOLVE_COMMAND_MIDDLEWARE, { value: resolveCommandMiddleware });
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
    const result = this.#traced(command as unknown as Command<I, object>, options) as Promise<O>;
    if (!cb) return result;
    result.then((out) => cb(null, out), (err: unknown) => cb(err));
  }

  /** The call inside its OpenTelemetry span, when a tracer provider is registered. */
  #traced<I extends object, O extends object>(command: Command<I, O>, options: SendOptions): Promise<O & MetadataBearer> {
    const spec = command.spec;
    const trace = spec ? startCallTrace(spec.name, this.#regionName) : undefined;
    if (!trace) return this.#invoke(command, options);
    return trace.run(() => this.#invoke(command, options, trace)).then(
      (output) => {
        endCallTrace(trace, output.$metadata);
        return output;
      },
      (error: unknown) => {
        endCallTrace(trace, (error as { $metadata?: { httpStatusCode?: number; requestId?: string } })?.$metadata, error);
        throw error;
      },
    );
  }

  async #invoke<I extends object, O extends object>(
    command: Command<I, O>,
    options: SendOptions,
    trace?: Parameters<typeof newCallState>[2],
  ): Promise<O & MetadataBearer> {
    const { spec } = command;
    if (!spec) throw new InvalidConfigurationError("send() takes a command of this package (new XxxCommand(input))");
    const input = this.#prepareInput(spec, command.input);
    const call = this.#newCall(spec, options, trace);
    if (!command.hasMiddleware && isEmptyStack(this.middlewareStack)) {
      // The pipeline with nothing in the stack: serialize, user agent, then the attempts.
      const request = buildRequest(this.config.endpoint.url, spec.name, input);
      Object.assign(request.headers, this.#userAgent); // a fresh request: its headers can take the user agent as they are
      return (await retryLoop<HttpRequestSpec, O>(this.#env, call, request, (r) => attempt<O>(this.#env, call, r))).output;
    }
    const handler = this.#resolveHandler(command, this.middlewareStack, call);
    return (await handler({ input: input as I })).output;
  }

  #newCall(spec: OperationSpec<never>, options: SendOptions, trace?: Parameters<typeof newCallState>[2]): CallState {
    return newCallState(spec, { abortSignal: options.abortSignal, timeoutMs: options.requestTimeoutMs ?? this.config.requestTimeoutMs }, trace);
  }

  /**
   * The call as `@smithy` middleware, around the user's, in the AWS SDK's order: `serializerMiddleware`
   * (serialize), `getUserAgentMiddleware` (build, low), `retryMiddleware` (finalizeRequest, high),
   * `httpSigningMiddleware` (right after it), `deserializerMiddleware` (deserialize); the terminal handler sends.
   */
  #resolveHandler<I extends object, O extends object>(
    command: Command<I, O>,
    clientStack: MiddlewareStack<any, any>,
    call: CallState,
  ): Handler<I, O & MetadataBearer> {
    const { spec } = command;
    const env = this.#env;
    const stack = clientStack.concat(command.middlewareStack);
    stack.add(
      (next) => (args) => next({ ...args, request: toHttpRequest(buildRequest(this.config.endpoint.url, spec.name, args.input as object)) }),
      { step: "serialize", name: "serializerMiddleware", override: true },
    );
    stack.add(
      (next) => (args) => {
        const request = args.request as HttpRequest;
        return next({ ...args, request: { ...request, headers: { ...request.headers, ...this.#userAgent } } });
      },
      { step: "build", priority: "low", name: "getUserAgentMiddleware", tags: ["USER_AGENT"], override: true },
    );
    stack.add(
      (next: FinalizeHandler<any, any>) => (args: FinalizeHandlerArguments<any>) =>
        retryLoop(env, call, args.request as HttpRequest, (request) =>
          next({ ...args, request: { ...request, headers: { ...request.headers } } }) as Promise<AttemptResult<O>>,
        ),
      { step: "finalizeRequest", priority: "high", name: "retryMiddleware", tags: ["RETRY"], override: true },
    );
    stack.addRelativeTo(
      (next: FinalizeHandler<any, any>) => async (args: FinalizeHandlerArguments<any>) => {
        const signed = await signAttempt(env, call, fromHttpRequest(args.request as HttpRequest));
        return next({ ...args, request: { ...(args.request as HttpRequest), headers: signed.headers } });
      },
      { relation: "after", toMiddleware: "retryMiddleware", name: "httpSigningMiddleware", tags: ["HTTP_SIGNING"], override: true },
    );
    stack.add(
      (next) => async (args) => {
        const { response } = (await next(args)) as { response: Parameters<typeof deserialize>[2] };
        return deserialize<O>(env, call, response);
      },
      { step: "deserialize", name: "deserializerMiddleware", override: true },
    );
    const terminal = async (args: { request?: unknown }) => ({
      response: await transmit(env, call, fromHttpRequest(args.request as HttpRequest)),
    });
    return stack.resolve(terminal as never, handlerContext(spec.name, command, this.config.logger)) as Handler<I, O & MetadataBearer>;
  }

  /**
   * Validates an input (unless `validation: false`; throws `ClientValidationError`) and fills its idempotency
   * token when absent: one token for every attempt of this call. Every way into the client goes through it.
   */
  #prepareInput(spec: OperationSpec<never>, given: object): Record<string, unknown> {
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
  static resolveCommandHandler<I extends object, O extends object>(
    client: PartnerCentralRevenueMeasurementClient,
    command: Command<I, O>,
    clientStack: MiddlewareStack<any, any>,
    options: SendOptions,
  ): Handler<I, O & MetadataBearer> {
    return async (args) => {
      const input = client.#prepareInput(command.spec, args.input) as I;
      const handler = client.#resolveHandler(command, clientStack, client.#newCall(command.spec, options));
      return handler({ ...args, input });
    };
  }

  /** Closes pooled connections. The client can still be used afterwards. */
  destroy(): void {
    this.#handler?.destroy?.();
  }

  #getHandler(): Promise<HttpHandler> | HttpHandler {
    if (this.#handler) return this.#handler;
    const choice = this.#handlerChoice;
    this.#handlerLoading ??= (async () => {
      const fetchImpl = choice.kind === "default" ? choice.fetch : undefined;
      // Loaded on first use (cold start). A bundler keeps these modules (the names are literals); in a CommonJS
      // output esbuild turns each import() into a deferred call of the bundled module.
      if (fetchImpl || !hasNodeHttp()) {
        const { FetchHttpHandler } = await import("./transport/fetch-http-handler.js");
        return new FetchHttpHandler(fetchImpl);
      }
      const { NodeHttpHandler } = await import("./transport/node-http-handler.js");
      return new NodeHttpHandler(choice.kind === "default" ? choice.nodeOptions : undefined);
    })().then((h) => (this.#handler = h));
    return this.#handlerLoading;
  }
}
