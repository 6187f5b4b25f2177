import * as z from "zod/mini";
import { Command, type OperationSpec } from "../command.js";
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

/** Schema of {@link UntagResourceInput}. */
export const UntagResourceInputSchema = z.object({
  resourceArn: ResourceARN,
  tagKeys: TagKeyList,
});

const spec: OperationSpec<UntagResourceInput> = {
  name: "UntagResource",
  schema: UntagResourceInputSchema,
};

/** Removes tags from a resource. */
export class UntagResourceCommand extends Command<UntagResourceInput, UntagResourceOutput> {
  constructor(input: UntagResourceInput) {
    super(spec, input);
  }
}
