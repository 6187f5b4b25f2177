/**
 * The declaration every command makes: which operation, how its input is
 * validated, and whether it carries an idempotency token. The client's
 * transport does the rest.
 */
import type * as z from "zod/mini";
import type { ResponseMetadata } from "./errors.js";
import type { InputRules } from "./validation/core.js";

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
 */
export abstract class Command<Input extends object, Output extends object> {
  /** @internal Phantom member carrying the output type. */
  declare readonly $outputType?: Output;

  protected constructor(
    /** @internal The operation this command calls. */
    readonly spec: OperationSpec<Input>,
    /** The input as given. */
    readonly input: Input,
  ) {}
}
