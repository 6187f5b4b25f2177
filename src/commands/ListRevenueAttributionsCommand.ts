import * as z from "zod/mini";
import { lazyObject } from "../validation/lazy.js";
import { Command, type MetadataBearer, type OperationSpec } from "../command.js";
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

/** The official client's name for {@link ListRevenueAttributionsInput}. */
export type ListRevenueAttributionsCommandInput = ListRevenueAttributionsInput;

/** The official client's name for what {@link ListRevenueAttributionsCommand} resolves to: the output and its `$metadata`. */
export type ListRevenueAttributionsCommandOutput = ListRevenueAttributionsOutput & MetadataBearer;

/** Schema of {@link ListRevenueAttributionsInput}. */
export const ListRevenueAttributionsInputSchema = lazyObject({
  Catalog: CatalogNameSchema,
  Identifiers: () => z.optional(list(RevenueAttributionIdentifier(), 1, 100)),
  CreatedAfter: () => z.optional(timestamp()),
  CreatedBefore: () => z.optional(timestamp()),
  SortBy: () => z.optional(AttributionSortBy()),
  SortOrder: () => z.optional(SortOrderSchema()),
  MaxResults: () => z.optional(MaxResults100()),
  NextToken: () => z.optional(NextToken()),
});

const spec: OperationSpec<ListRevenueAttributionsInput> = {
  name: "ListRevenueAttributions",
  schema: ListRevenueAttributionsInputSchema,
};

/**
 * Lists revenue attributions, one page per call (see `paginateListRevenueAttributions`).
 *
 * @example
 * ```ts
 * const page = await client.send(
 *   new ListRevenueAttributionsCommand({ Catalog: CatalogName.AWS, CreatedAfter: new Date("2026-01-01"), SortOrder: SortOrder.DESCENDING }),
 * );
 * for (const ra of page.RevenueAttributionSummaries ?? []) console.log(ra.Id, ra.Name);
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
export class ListRevenueAttributionsCommand extends Command<
  ListRevenueAttributionsInput,
  ListRevenueAttributionsOutput
> {
  constructor(input: ListRevenueAttributionsInput) {
    super(spec, input);
  }
}
