import * as z from "zod/mini";
import { lazyObject } from "../validation/lazy.js";
import { Command, type MetadataBearer, type OperationSpec } from "../command.js";
import type {
  AllocationStatus,
  CatalogName,
  EntityType,
  RevenueAttributionAllocationSummary,
  SortOrder,
  RevenueAttributionAllocationSortField as RevenueAttributionAllocationSortFieldValue,
} from "../models.js";
import {
  AllocationStatus as AllocationStatusSchema,
  CatalogName as CatalogNameSchema,
  CustomerAwsAccountId,
  DateString,
  EntityIdentifier,
  EntityType as EntityTypeSchema,
  MaxResults500,
  NextToken,
  RevenueAttributionAllocationSortField,
  RevenueAttributionIdentifier,
  RevisionToken,
  SortOrder as SortOrderSchema,
  list,
} from "../validation/shapes.js";

/** Input of {@link ListRevenueAttributionAllocationsCommand}. */
export interface ListRevenueAttributionAllocationsInput {
  Catalog: CatalogName;
  /** `ra-…` id or the attribution's ARN. */
  RevenueAttributionIdentifier: string;
  /** Only these entity types: 1..2. */
  EntityTypeFilters?: EntityType[];
  /** Only these entities: 1..50 ids. */
  EntityIdentifierFilters?: string[];
  /** Only these customers: 1..50 twelve-digit account ids (sensitive). */
  CustomerAwsAccountIdFilters?: string[];
  /** Only allocations with this status. */
  StatusFilter?: AllocationStatus;
  /** Inclusive lower bound on `EffectiveFrom`, `YYYY-MM-DD`. */
  AfterEffectiveFrom?: string;
  /** Exclusive upper bound on `EffectiveFrom`, `YYYY-MM-DD`. */
  BeforeEffectiveFrom?: string;
  /** Inclusive lower bound on `EffectiveUntil`, `YYYY-MM-DD`. */
  AfterEffectiveUntil?: string;
  /** Exclusive upper bound on `EffectiveUntil`, `YYYY-MM-DD`. */
  BeforeEffectiveUntil?: string;
  /** Only `EffectiveFrom`. */
  SortBy?: RevenueAttributionAllocationSortFieldValue;
  /** Default `ASCENDING`. */
  SortOrder?: SortOrder;
  /** List the allocations as they were at this revision. */
  RevenueAttributionRevision?: string;
  /** Page size, 1..500. */
  MaxResults?: number;
  /** Token from the previous page. */
  NextToken?: string;
}

/** Output of {@link ListRevenueAttributionAllocationsCommand}: one page. */
export interface ListRevenueAttributionAllocationsOutput {
  RevenueAttributionAllocationSummaries: RevenueAttributionAllocationSummary[];
  /** Present when there are more pages. */
  NextToken?: string;
}

/** The official client's name for {@link ListRevenueAttributionAllocationsInput}. */
export type ListRevenueAttributionAllocationsCommandInput = ListRevenueAttributionAllocationsInput;

/** The official client's name for what {@link ListRevenueAttributionAllocationsCommand} resolves to: the output and its `$metadata`. */
export type ListRevenueAttributionAllocationsCommandOutput = ListRevenueAttributionAllocationsOutput & MetadataBearer;

/** Schema of {@link ListRevenueAttributionAllocationsInput}. */
export const ListRevenueAttributionAllocationsInputSchema = lazyObject({
  Catalog: CatalogNameSchema,
  RevenueAttributionIdentifier: RevenueAttributionIdentifier,
  EntityTypeFilters: () => z.optional(list(EntityTypeSchema(), 1, 2)),
  EntityIdentifierFilters: () => z.optional(list(EntityIdentifier(), 1, 50)),
  CustomerAwsAccountIdFilters: () => z.optional(list(CustomerAwsAccountId(), 1, 50)),
  StatusFilter: () => z.optional(AllocationStatusSchema()),
  AfterEffectiveFrom: () => z.optional(DateString()),
  BeforeEffectiveFrom: () => z.optional(DateString()),
  AfterEffectiveUntil: () => z.optional(DateString()),
  BeforeEffectiveUntil: () => z.optional(DateString()),
  SortBy: () => z.optional(RevenueAttributionAllocationSortField()),
  SortOrder: () => z.optional(SortOrderSchema()),
  RevenueAttributionRevision: () => z.optional(RevisionToken()),
  MaxResults: () => z.optional(MaxResults500()),
  NextToken: () => z.optional(NextToken()),
});

const spec: OperationSpec<ListRevenueAttributionAllocationsInput> = {
  name: "ListRevenueAttributionAllocations",
  schema: ListRevenueAttributionAllocationsInputSchema,
};

/**
 * Lists the committed allocations of a revenue attribution, one page per call (see
 * `paginateListRevenueAttributionAllocations`).
 *
 * @example
 * ```ts
 * const page = await client.send(
 *   new ListRevenueAttributionAllocationsCommand({
 *     Catalog: CatalogName.AWS,
 *     RevenueAttributionIdentifier: "ra-abc123def4567",
 *     EntityTypeFilters: [EntityType.OFFER],
 *     StatusFilter: AllocationStatus.ACTIVE,
 *   }),
 * );
 * console.log(page.RevenueAttributionAllocationSummaries.length, page.NextToken);
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
export class ListRevenueAttributionAllocationsCommand extends Command<
  ListRevenueAttributionAllocationsInput,
  ListRevenueAttributionAllocationsOutput
> {
  constructor(input: ListRevenueAttributionAllocationsInput) {
    super(spec, input);
  }
}
