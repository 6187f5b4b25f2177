import * as z from "zod/mini";
import { Command, type OperationSpec } from "../command.js";
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

/** Schema of {@link TagResourceInput}. */
export const TagResourceInputSchema = z.object({
  resourceArn: ResourceARN,
  tags: TagList,
});

const spec: OperationSpec<TagResourceInput> = {
  name: "TagResource",
  schema: TagResourceInputSchema,
};

/** Adds tags to a resource, overwriting the values of keys it already has. */
export class TagResourceCommand extends Command<TagResourceInput, TagResourceOutput> {
  constructor(input: TagResourceInput) {
    super(spec, input);
  }
}
