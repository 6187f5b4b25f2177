import { lazyObject } from "../validation/lazy.js";
import { Command, type MetadataBearer, type OperationSpec } from "../command.js";
import type { Tag } from "../models.js";
import { ResourceARN } from "../validation/shapes.js";

/** Input of {@link ListTagsForResourceCommand}. Note the lower camel case member name. */
export interface ListTagsForResourceInput {
  /** ARN of a revenue attribution or a marketplace revenue share. */
  resourceArn: string;
}

/** Output of {@link ListTagsForResourceCommand}. */
export interface ListTagsForResourceOutput {
  tags?: Tag[];
}

/** The official client's name for {@link ListTagsForResourceInput}. */
export type ListTagsForResourceCommandInput = ListTagsForResourceInput;

/** The official client's name for what {@link ListTagsForResourceCommand} resolves to: the output and its `$metadata`. */
export type ListTagsForResourceCommandOutput = ListTagsForResourceOutput & MetadataBearer;

/** Schema of {@link ListTagsForResourceInput}. */
export const ListTagsForResourceInputSchema = lazyObject({
  resourceArn: ResourceARN,
});

const spec: OperationSpec<ListTagsForResourceInput> = {
  name: "ListTagsForResource",
  schema: ListTagsForResourceInputSchema,
};

/**
 * Lists the tags of a revenue attribution or a marketplace revenue share.
 *
 * @example
 * ```ts
 * const { tags } = await client.send(new ListTagsForResourceCommand({ resourceArn: "arn:aws:partnercentral:us-east-1:111122223333:catalog/AWS/revenue-attribution/ra-abc123def4567" }));
 * console.log(tags);
 * ```
 *
 * @throws {@link ClientValidationError} before anything is sent, when the input breaks a documented rule.
 * @throws {@link AccessDeniedException} when the caller may not perform the action (403).
 * @throws {@link InternalServerException} when the service failed (500); retried by the client before it is thrown.
 * @throws {@link ResourceNotFoundException} when a resource named in the input does not exist (404).
 * @throws {@link ThrottlingException} when throttled (429); retried by the client before it is thrown.
 * @throws {@link ValidationException} when the service rejected the input (400), e.g. a business rule local validation cannot know.
 * @throws {@link NetworkError}, {@link AbortError}, {@link PartnerCentralRevenueMeasurementProtocolError}: see the client's `send()`.
 */
export class ListTagsForResourceCommand extends Command<ListTagsForResourceInput, ListTagsForResourceOutput> {
  constructor(input: ListTagsForResourceInput) {
    super(spec, input);
  }
}
