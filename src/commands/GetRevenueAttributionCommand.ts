import * as z from "zod/mini";
import { Command, type OperationSpec } from "../command.js";
import type { CatalogName, MarketplaceProductSummary, TenancyModel, OpenEnum } from "../models.js";
import {
  CatalogName as CatalogNameSchema,
  RevenueAttributionIdentifier,
  RevisionToken,
} from "../validation/shapes.js";

/** Input of {@link GetRevenueAttributionCommand}. */
export interface GetRevenueAttributionInput {
  Catalog: CatalogName;
  /** `ra-…` id or the attribution's ARN. */
  Identifier: string;
  /** A past revision to read; leave out for the latest. */
  Revision?: string;
}

/** Output of {@link GetRevenueAttributionCommand}. */
export interface GetRevenueAttributionOutput {
  Arn: string;
  Id: string;
  Catalog: OpenEnum<CatalogName>;
  Name?: string;
  Description?: string;
  TenancyModel: OpenEnum<TenancyModel>;
  MarketplaceProduct?: MarketplaceProductSummary;
  CreatedDate?: Date;
  LastModifiedDate?: Date;
  /** The revision that was read. */
  Revision?: string;
  /** The attribution's current revision: pass it as `RevenueAttributionRevision` when starting a task. */
  LatestRevision?: string;
  /** Earliest allocation start date, `YYYY-MM-DD`. */
  EffectiveFrom?: string;
  /** Latest allocation end date, `YYYY-MM-DD`. */
  EffectiveUntil?: string;
  TotalActiveRevenueAttributionAllocationCount?: number;
  TotalRevenueAttributionAllocationCount?: number;
}

/** Schema of {@link GetRevenueAttributionInput}. */
export const GetRevenueAttributionInputSchema = z.object({
  Catalog: CatalogNameSchema,
  Identifier: RevenueAttributionIdentifier,
  Revision: z.optional(RevisionToken),
});

const spec: OperationSpec<GetRevenueAttributionInput> = {
  name: "GetRevenueAttribution",
  schema: GetRevenueAttributionInputSchema,
};

/** Reads a revenue attribution, including its `LatestRevision`. */
export class GetRevenueAttributionCommand extends Command<GetRevenueAttributionInput, GetRevenueAttributionOutput> {
  constructor(input: GetRevenueAttributionInput) {
    super(spec, input);
  }
}
