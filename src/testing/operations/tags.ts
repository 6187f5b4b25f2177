/** Tagging of revenue attributions and marketplace revenue shares. */
import type { Tag } from "../../models.js";
import type { Handler } from "./types.js";

/** Handlers by operation name. */
export const tagHandlers: Record<string, Handler> = {
  ListTagsForResource: (input, state) => {
    const { tags } = state.tags.of(input.resourceArn as string);
    return { tags: [...tags].map(([Key, Value]) => ({ Key, Value })) };
  },
  TagResource: (input, state) => {
    state.tags.add(input.resourceArn as string, input.tags as Tag[]);
    return {};
  },
  UntagResource: (input, state) => {
    state.tags.remove(input.resourceArn as string, input.tagKeys as string[]);
    return {};
  },
};
