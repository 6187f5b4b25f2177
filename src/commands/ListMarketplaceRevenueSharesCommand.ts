import * as z from "zod/mini";
import { lazyObject } from "../validation/lazy.js";
import { Command, type MetadataBearer, type OperationSpec } from "../command.js";
import type {
  CatalogName,
  MarketplaceRevenueShareSummary,
  SortOrder,
  MarketplaceRevenueShareSortBy as MarketplaceRevenueShareSortByValue,
} from "../models.js";
import {
  CatalogName as CatalogNameSchema,
  MarketplaceProductId,
  MarketplaceRevenueShareSortBy,
  MaxResults100,
  NextToken,
  ProductCode,
  SortOrder as SortOrderSchema,
  list,
  timestamp,
} from "../validation/shapes.js";

/** Input of {@link ListMarketplaceRevenueSharesCommand}. */
export interface ListMarketplaceRevenueSharesInput {
  Catalog: CatalogName;
  /** Only these products: 1..10 `prod-…` ids. */
  ProductIds?: string[];
  /** Only these product codes: 1..10. */
  ProductCodes?: string[];
  /** Page size, 1..100. */
  MaxResults?: number;
  /** Token from the previous page. */
  NextToken?: string;
  /** Only `LastModifiedDate`. */
  SortBy?: MarketplaceRevenueShareSortByValue;
  SortOrder?: SortOrder;
  /** Only shares created after this time. */
  CreatedAfter?: Date;
  /** Only shares created before this time. */
  CreatedBefore?: Date;
}

/** Output of {@link ListMarketplaceRevenueSharesCommand}: one page. */
export interface ListMarketplaceRevenueSharesOutput {
  MarketplaceRevenueShareSummaries: MarketplaceRevenueShareSummary[];
  /** Present when there are more pages. */
  NextToken?: string;
}

/** The official client's name for {@link ListMarketplaceRevenueSharesInput}. */
export type ListMarketplaceRevenueSharesCommandInput = ListMarketplaceRevenueSharesInput;

/** The official client's name for what {@link ListMarketplaceRevenueSharesCommand} resolves to: the output and its `$metadata`. */
export type ListMarketplaceRevenueSharesCommandOutput = ListMarketplaceRevenueSharesOutput & MetadataBearer;

/** Schema of {@link ListMarketplaceRevenueSharesInput}. */
export const ListMarketplaceRevenueSharesInputSchema = lazyObject({
  Catalog: CatalogNameSchema,
  ProductIds: () => z.optional(list(MarketplaceProductId(), 1, 10)),
  ProductCodes: () => z.optional(list(ProductCode(), 1, 10)),
  MaxResults: () => z.optional(MaxResults100()),
  NextToken: () => z.optional(NextToken()),
  SortBy: () => z.optional(MarketplaceRevenueShareSortBy()),
  SortOrder: () => z.optional(SortOrderSchema()),
  CreatedAfter: () => z.optional(timestamp()),
  CreatedBefore: () => z.optional(timestamp()),
});

const spec: OperationSpec<ListMarketplaceRevenueSharesInput> = {
  name: "ListMarketplaceRevenueShares",
  schema: ListMarketplaceRevenueSharesInputSchema,
};

/**
 * Lists marketplace revenue shares, one page per call (see `paginateListMarketplaceRevenueShares`).
 *
 * @example
 * ```ts
 * const page = await client.send(new ListMarketplaceRevenueSharesCommand({ Catalog: CatalogName.AWS, MaxResults: 50 }));
 * for (const share of page.MarketplaceRevenueShareSummaries) console.log(share.ProductId);
 * ```
 *
 * @throws {@link ClientValidationError} before anything is sent, when the input breaks a documented rule.
 * @throws {@link AccessDeniedException} when the caller may not perform the action (403).
 * @throws {@link InternalServerException} when the service failed (500); retried by the client before it is thrown.
 * @throws {@link ThrottlingException} when throttled (429); retried by the client before it is thrown.
 * @throws {@link ValidationException} when the service rejected the input (400), e.g. a business rule local validation cannot know.
 * @throws {@link NetworkError}, {@link AbortError}, {@link PartnerCentralRevenueMeasurementProtocolError}: see the client's `send()`.
 */
export class ListMarketplaceRevenueSharesCommand extends Command<
  ListMarketplaceRevenueSharesInput,
  ListMarketplaceRevenueSharesOutput
> {
  constructor(input: ListMarketplaceRevenueSharesInput) {
    super(spec, input);
  }
}
