import * as z from "zod/mini";
import { Command, type OperationSpec } from "../command.js";
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

/** Schema of {@link ListTagsForResourceInput}. */
export const ListTagsForResourceInputSchema = z.object({
  resourceArn: ResourceARN,
});

const spec: OperationSpec<ListTagsForResourceInput> = {
  name: "ListTagsForResource",
  schema: ListTagsForResourceInputSchema,
};

/** Lists the tags of a revenue attribution or a marketplace revenue share. */
export class ListTagsForResourceCommand extends Command<ListTagsForResourceInput, ListTagsForResourceOutput> {
  constructor(input: ListTagsForResourceInput) {
    super(spec, input);
  }
}
