import * as z from "zod/mini";
import { Command, type OperationSpec } from "../command.js";
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

/** Schema of {@link GetRevenueAttributionAllocationInput}. */
export const GetRevenueAttributionAllocationInputSchema = z.object({
  Catalog: CatalogNameSchema,
  RevenueAttributionIdentifier: RevenueAttributionIdentifier,
  RevenueAttributionAllocationId: RevenueAttributionAllocationId,
  RevenueAttributionRevision: z.optional(RevisionToken),
});

const spec: OperationSpec<GetRevenueAttributionAllocationInput> = {
  name: "GetRevenueAttributionAllocation",
  schema: GetRevenueAttributionAllocationInputSchema,
};

/** Reads one revenue attribution allocation, at the latest or a given revision. */
export class GetRevenueAttributionAllocationCommand extends Command<
  GetRevenueAttributionAllocationInput,
  GetRevenueAttributionAllocationOutput
> {
  constructor(input: GetRevenueAttributionAllocationInput) {
    super(spec, input);
  }
}
