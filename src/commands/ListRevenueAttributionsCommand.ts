import * as z from "zod/mini";
import { Command, type OperationSpec } from "../command.js";
import type {
  AttributionSummary,
  CatalogName,
  SortOrder,
  AttributionSortBy as AttributionSortByValue,
} from "../models.js";
import {
  AttributionSortBy,
  CatalogName as CatalogNameSchema,
  MaxResults100,
  NextToken,
  RevenueAttributionIdentifier,
  SortOrder as SortOrderSchema,
  list,
  timestamp,
} from "../validation/shapes.js";

/** Input of {@link ListRevenueAttributionsCommand}. */
export interface ListRevenueAttributionsInput {
  Catalog: CatalogName;
  /** Only these attributions: 1..100 `ra-…` ids or ARNs. */
  Identifiers?: string[];
  /** Only attributions created after this time. */
  CreatedAfter?: Date;
  /** Only attributions created before this time. */
  CreatedBefore?: Date;
  /** Only `LastModifiedDate`. */
  SortBy?: AttributionSortByValue;
  SortOrder?: SortOrder;
  /** Page size, 1..100. */
  MaxResults?: number;
  /** Token from the previous page. */
  NextToken?: string;
}

/** Output of {@link ListRevenueAttributionsCommand}: one page. */
export interface ListRevenueAttributionsOutput {
  RevenueAttributionSummaries?: AttributionSummary[];
  /** Present when there are more pages. */
  NextToken?: string;
}

/** Schema of {@link ListRevenueAttributionsInput}. */
export const ListRevenueAttributionsInputSchema = z.object({
  Catalog: CatalogNameSchema,
  Identifiers: z.optional(list(RevenueAttributionIdentifier, 1, 100)),
  CreatedAfter: z.optional(timestamp),
  CreatedBefore: z.optional(timestamp),
  SortBy: z.optional(AttributionSortBy),
  SortOrder: z.optional(SortOrderSchema),
  MaxResults: z.optional(MaxResults100),
  NextToken: z.optional(NextToken),
});

const spec: OperationSpec<ListRevenueAttributionsInput> = {
  name: "ListRevenueAttributions",
  schema: ListRevenueAttributionsInputSchema,
};

/** Lists revenue attributions, one page per call (see `paginateListRevenueAttributions`). */
export class ListRevenueAttributionsCommand extends Command<
  ListRevenueAttributionsInput,
  ListRevenueAttributionsOutput
> {
  constructor(input: ListRevenueAttributionsInput) {
    super(spec, input);
  }
}
