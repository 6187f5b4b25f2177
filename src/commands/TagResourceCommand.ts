import { lazyObject } from "../validation/lazy.js";
import { Command, type MetadataBearer, type OperationSpec } from "../command.js";
import type { Tag } from "../models.js";
import { ResourceARN, TagList } from "../validation/shapes.js";

/** Input of {@link TagResourceCommand}. Note the lower camel case member names. */
export interface TagResourceInput {
  /** ARN of a revenue attribution or a marketplace revenue share. */
  resourceArn: string;
  /** 1..200 tags to add or overwrite. */
  tags: Tag[];
}

/** Output of {@link TagResourceCommand}: no members besides `$metadata`. */
export interface TagResourceOutput {}

/** The official client's name for {@link TagResourceInput}. */
export type TagResourceCommandInput = TagResourceInput;

/** The official client's name for what {@link TagResourceCommand} resolves to: the output and its `$metadata`. */
export type TagResourceCommandOutput = TagResourceOutput & MetadataBearer;

/** Schema of {@link TagResourceInput}. */
export const TagResourceInputSchema = lazyObject({
  resourceArn: ResourceARN,
  tags: TagList,
});

const spec: OperationSpec<TagResourceInput> = {
  name: "TagResource",
  schema: TagResourceInputSchema,
};

/**
 * Adds tags to a resource, overwriting the values of keys it already has.
 *
 * @example
 * ```ts
 * await client.send(
 *   new TagResourceCommand({
 *     resourceArn: "arn:aws:partnercentral:us-east-1:111122223333:catalog/AWS/revenue-attribution/ra-abc123def4567",
 *     tags: [{ Key: "team", Value: "emea" }],
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
export class TagResourceCommand extends Command<TagResourceInput, TagResourceOutput> {
  constructor(input: TagResourceInput) {
    super(spec, input);
  }
}
