import * as z from "zod/mini";
import { lazyObject } from "../validation/lazy.js";
import { Command, type MetadataBearer, type OperationSpec } from "../command.js";
import type {
  AllocationStatus,
  CatalogName,
  MarketplaceRevenueShareAllocationSummary,
  SortOrder,
  MarketplaceRevenueShareAllocationSortField as MarketplaceRevenueShareAllocationSortFieldValue,
} from "../models.js";
import {
  AllocationStatus as AllocationStatusSchema,
  CatalogName as CatalogNameSchema,
  DateString,
  MarketplaceProductId,
  MarketplaceRevenueShareAllocationSortField,
  MaxResults100,
  NextToken,
  RevisionToken,
  SortOrder as SortOrderSchema,
} from "../validation/shapes.js";

/** Input of {@link ListMarketplaceRevenueShareAllocationsCommand}. */
export interface ListMarketplaceRevenueShareAllocationsInput {
  Catalog: CatalogName;
  /** `prod-` and 13 lowercase letters or digits. */
  ProductId: string;
  /** Only allocations with this status. */
  Status?: AllocationStatus;
  /** Inclusive lower bound on `EffectiveFrom`, `YYYY-MM-DD`. */
  AfterEffectiveFrom?: string;
  /** Exclusive upper bound on `EffectiveFrom`, `YYYY-MM-DD`. */
  BeforeEffectiveFrom?: string;
  /** Only `EffectiveFrom`. */
  SortBy?: MarketplaceRevenueShareAllocationSortFieldValue;
  /** Default `DESCENDING`. */
  SortOrder?: SortOrder;
  /** Page size, 1..100. */
  MaxResults?: number;
  /** Token from the previous page. */
  NextToken?: string;
  /** List the allocations as they were at this revision of the share. */
  MarketplaceRevenueShareRevision?: string;
}

/** Output of {@link ListMarketplaceRevenueShareAllocationsCommand}: one page. */
export interface ListMarketplaceRevenueShareAllocationsOutput {
  MarketplaceRevenueShareAllocationSummaries: MarketplaceRevenueShareAllocationSummary[];
  /** Present when there are more pages. */
  NextToken?: string;
}

/** The official client's name for {@link ListMarketplaceRevenueShareAllocationsInput}. */
export type ListMarketplaceRevenueShareAllocationsCommandInput = ListMarketplaceRevenueShareAllocationsInput;

/** The official client's name for what {@link ListMarketplaceRevenueShareAllocationsCommand} resolves to: the output and its `$metadata`. */
export type ListMarketplaceRevenueShareAllocationsCommandOutput = ListMarketplaceRevenueShareAllocationsOutput & MetadataBearer;

/** Schema of {@link ListMarketplaceRevenueShareAllocationsInput}. */
export const ListMarketplaceRevenueShareAllocationsInputSchema = lazyObject({
  Catalog: CatalogNameSchema,
  ProductId: MarketplaceProductId,
  Status: () => z.optional(AllocationStatusSchema()),
  AfterEffectiveFrom: () => z.optional(DateString()),
  BeforeEffectiveFrom: () => z.optional(DateString()),
  SortBy: () => z.optional(MarketplaceRevenueShareAllocationSortField()),
  SortOrder: () => z.optional(SortOrderSchema()),
  MaxResults: () => z.optional(MaxResults100()),
  NextToken: () => z.optional(NextToken()),
  MarketplaceRevenueShareRevision: () => z.optional(RevisionToken()),
});

const spec: OperationSpec<ListMarketplaceRevenueShareAllocationsInput> = {
  name: "ListMarketplaceRevenueShareAllocations",
  schema: ListMarketplaceRevenueShareAllocationsInputSchema,
};

/**
 * Lists the allocations of a marketplace revenue share, one page per call (see
 * `paginateListMarketplaceRevenueShareAllocations`).
 *
 * @example
 * ```ts
 * const page = await client.send(
 *   new ListMarketplaceRevenueShareAllocationsCommand({ Catalog: CatalogName.AWS, ProductId: "prod-abc123def4567", Status: AllocationStatus.ACTIVE }),
 * );
 * console.log(page.MarketplaceRevenueShareAllocationSummaries.length, page.NextToken);
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
export class ListMarketplaceRevenueShareAllocationsCommand extends Command<
  ListMarketplaceRevenueShareAllocationsInput,
  ListMarketplaceRevenueShareAllocationsOutput
> {
  constructor(input: ListMarketplaceRevenueShareAllocationsInput) {
    super(spec, input);
  }
}
