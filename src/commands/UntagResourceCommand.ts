import { lazyObject } from "../validation/lazy.js";
import { Command, type MetadataBearer, type OperationSpec } from "../command.js";
import { ResourceARN, TagKeyList } from "../validation/shapes.js";

/** Input of {@link UntagResourceCommand}. Note the lower camel case member names. */
export interface UntagResourceInput {
  /** ARN of a revenue attribution or a marketplace revenue share. */
  resourceArn: string;
  /** Keys of the tags to remove (each 1..128 characters, no control characters). */
  tagKeys: string[];
}

/** Output of {@link UntagResourceCommand}: no members besides `$metadata`. */
export interface UntagResourceOutput {}

/** The official client's name for {@link UntagResourceInput}. */
export type UntagResourceCommandInput = UntagResourceInput;

/** The official client's name for what {@link UntagResourceCommand} resolves to: the output and its `$metadata`. */
export type UntagResourceCommandOutput = UntagResourceOutput & MetadataBearer;

/** Schema of {@link UntagResourceInput}. */
export const UntagResourceInputSchema = lazyObject({
  resourceArn: ResourceARN,
  tagKeys: TagKeyList,
});

const spec: OperationSpec<UntagResourceInput> = {
  name: "UntagResource",
  schema: UntagResourceInputSchema,
};

/**
 * Removes tags from a resource.
 *
 * @example
 * ```ts
 * await client.send(
 *   new UntagResourceCommand({
 *     resourceArn: "arn:aws:partnercentral:us-east-1:111122223333:catalog/AWS/revenue-attribution/ra-abc123def4567",
 *     tagKeys: ["team"],
 *   }),
 * );
 * ```
 *
 * @throws {@link ClientValidationError} before anything is sent, when the input breaks a documented rule.
 * @throws {@link AccessDeniedException} when the caller may not perform the action (403).
 * @throws {@link ConflictException} when the request conflicts with the resource's state: a stale revision (`REVISION_MISMATCH`), a reused `ClientToken` with another input, a concurrent change, or an existing resource (409).
 * @throws {@link InternalServerException} when the service failed (500); retried by the client before it is thrown.
 * @throws {@link ResourceNotFoundException} when a resource named in the input does not exist (404).
 * @throws {@link ThrottlingException} when throttled (429); retried by the client before it is thrown.
 * @throws {@link ValidationException} when the service rejected the input (400), e.g. a business rule local validation cannot know.
 * @throws {@link NetworkError}, {@link AbortError}, {@link PartnerCentralRevenueMeasurementProtocolError}: see the client's `send()`.
 */
export class UntagResourceCommand extends Command<UntagResourceInput, UntagResourceOutput> {
  constructor(input: UntagResourceInput) {
    super(spec, input);
  }
}
