import * as z from "zod/mini";
import { lazyObject } from "../validation/lazy.js";
import { Command, type MetadataBearer, type OperationSpec } from "../command.js";
import type { CatalogName, RevenueAttributionAllocationSummary } from "../models.js";
import {
  CatalogName as CatalogNameSchema,
  RevenueAttributionAllocationId,
  RevenueAttributionIdentifier,
  RevisionToken,
} from "../validation/shapes.js";

/** Input of {@link GetRevenueAttributionAllocationCommand}. */
export interface GetRevenueAttributionAllocationInput {
  Catalog: CatalogName;
  /** `ra-…` id or the attribution's ARN. */
  RevenueAttributionIdentifier: string;
  /** `alloc-` and 13 lowercase letters or digits. */
  RevenueAttributionAllocationId: string;
  /** Revision of the attribution to read at; leave out for the latest. */
  RevenueAttributionRevision?: string;
}

/** Output of {@link GetRevenueAttributionAllocationCommand}. */
export interface GetRevenueAttributionAllocationOutput extends RevenueAttributionAllocationSummary {
  CreatedDate: Date;
  LastModifiedDate: Date;
  /** The revision of this version of the allocation. */
  RevenueAttributionRevision: string;
  /** The attribution's latest committed revision. */
  RevenueAttributionLatestRevision: string;
}

/** The official client's name for {@link GetRevenueAttributionAllocationInput}. */
export type GetRevenueAttributionAllocationCommandInput = GetRevenueAttributionAllocationInput;

/** The official client's name for what {@link GetRevenueAttributionAllocationCommand} resolves to: the output and its `$metadata`. */
export type GetRevenueAttributionAllocationCommandOutput = GetRevenueAttributionAllocationOutput & MetadataBearer;

/** Schema of {@link GetRevenueAttributionAllocationInput}. */
export const GetRevenueAttributionAllocationInputSchema = lazyObject({
  Catalog: CatalogNameSchema,
  RevenueAttributionIdentifier: RevenueAttributionIdentifier,
  RevenueAttributionAllocationId: RevenueAttributionAllocationId,
  RevenueAttributionRevision: () => z.optional(RevisionToken()),
});

const spec: OperationSpec<GetRevenueAttributionAllocationInput> = {
  name: "GetRevenueAttributionAllocation",
  schema: GetRevenueAttributionAllocationInputSchema,
};

/**
 * Reads one revenue attribution allocation, at the latest or a given revision.
 *
 * @example
 * ```ts
 * const allocation = await client.send(
 *   new GetRevenueAttributionAllocationCommand({
 *     Catalog: CatalogName.AWS,
 *     RevenueAttributionIdentifier: "ra-abc123def4567",
 *     RevenueAttributionAllocationId: "alloc-abc123def4567",
 *   }),
 * );
 * console.log(allocation.RevenueSharePercent, allocation.RevenueAttributionLatestRevision);
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
export class GetRevenueAttributionAllocationCommand extends Command<
  GetRevenueAttributionAllocationInput,
  GetRevenueAttributionAllocationOutput
> {
  constructor(input: GetRevenueAttributionAllocationInput) {
    super(spec, input);
  }
}
