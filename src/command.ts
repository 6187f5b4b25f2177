/**
 * The declaration every command makes: which operation, how its input is
 * validated, and whether it carries an idempotency token. The client's
 * transport does the rest.
 *
 * A command is a `@smithy/types` `Command`: it has its own middleware stack
 * and `resolveMiddleware()`, so the tools written for the AWS SDK v3
 * (aws-sdk-client-mock, X-Ray, custom middleware) accept it unchanged.
 */
import { constructStack } from "@smithy/core/client";
import type {
  Handler,
  MiddlewareStack,
  Command as SmithyCommand,
  MetadataBearer as SmithyMetadataBearer,
} from "@smithy/types";
import type * as z from "zod/mini";
import { InvalidConfigurationError } from "./endpoints.js";
import type { ResponseMetadata } from "./errors.js";
import { isEmptyStack } from "./middleware.js";
import type { InputRules } from "./validation/core.js";

/**
 * Where a client's `config` keeps the function that resolves a command's middleware for that client: how
 * `command.resolveMiddleware(stack, config, options)` (what the AWS SDK's tools call) finds the client, without
 * commands importing it. Not enumerable, so the config prints and serializes as before.
 */
export const RESOLVE_COMMAND_MIDDLEWARE = Symbol.for("partnercentral-revenue-measurement.resolve-command-middleware");

/** The function under {@link RESOLVE_COMMAND_MIDDLEWARE}. */
export type CommandMiddlewareResolver = (
  command: Command<any, any>,
  clientStack: MiddlewareStack<any, any>,
  options: unknown,
) => Handler<any, any>;

/** What the transport needs to know about one operation. */
export interface OperationSpec<I> {
  /** The operation name on the wire, e.g. `StartRevenueAttributionAllocationsTask`. */
  readonly name: string;
  /** Structural schema of the input (lengths, patterns, enums, list sizes). */
  readonly schema: z.ZodMiniType;
  /** Cross-field and clock-dependent rules, run after the schema. */
  readonly rules?: InputRules<I>;
  /** True when the operation has a `ClientToken` member to fill with a UUID v4. */
  readonly idempotencyToken?: boolean;
}

/** Every output carries the response metadata. */
export interface MetadataBearer {
  /** Status, request id, attempts and retry delay of the call. */
  $metadata: ResponseMetadata;
}

/**
 * Base of all commands. A command holds one operation's input; send it with
 * `client.send(command)`.
 *
 * `middlewareStack` holds middleware for this one call (added to the client's
 * own stack when it is sent).
 */
export abstract class Command<Input extends object, Output extends object>
  implements SmithyCommand<object, Input, SmithyMetadataBearer, Output & MetadataBearer, object>
{
  /** @internal Phantom member carrying the output type. */
  declare readonly $outputType?: Output;
  #middlewareStack?: MiddlewareStack<any, any>;

  /** @internal Each command class passes its own spec; internal, so that the spec's zod types stay out of the declarations. */
  protected constructor(
    /** @internal The operation this command calls. */
    readonly spec: OperationSpec<Input>,
    /** The input as given. */
    readonly input: Input,
  ) {}

  /** Middleware for this command only; created on first use, so commands without any cost nothing. */
  get middlewareStack(): MiddlewareStack<Input, Output & MetadataBearer> {
    return (this.#middlewareStack ??= constructStack<Input, Output & MetadataBearer>());
  }

  /** @internal True when middleware was added to this command's own stack. */
  get hasMiddleware(): boolean {
    return this.#middlewareStack !== undefined && !isEmptyStack(this.#middlewareStack);
  }

  /**
   * The handler that runs this command through the client's and the command's
   * middleware, down to the transport. Called by `client.send()`; tools call it
   * the same way they call it on the AWS SDK's commands.
   */
  resolveMiddleware(
    clientStack: MiddlewareStack<any, any>,
    configuration: object,
    options: unknown,
  ): Handler<Input, Output & MetadataBearer> {
    const resolve = (configuration as { [RESOLVE_COMMAND_MIDDLEWARE]?: CommandMiddlewareResolver } | undefined)?.[
      RESOLVE_COMMAND_MIDDLEWARE
    ];
    if (typeof resolve !== "function") {
      throw new InvalidConfigurationError("resolveMiddleware() needs the config of a PartnerCentralRevenueMeasurementClient");
    }
    return resolve(this, clientStack, options) as Handler<Input, Output & MetadataBearer>;
  }
}
