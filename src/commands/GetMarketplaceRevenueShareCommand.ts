import * as z from "zod/mini";
import { Command, type OperationSpec } from "../command.js";
import type { CatalogName, OpenEnum } from "../models.js";
import {
  CatalogName as CatalogNameSchema,
  MarketplaceProductId,
  MarketplaceRevenueShareRevisionNumber,
} from "../validation/shapes.js";

/** Input of {@link GetMarketplaceRevenueShareCommand}. */
export interface GetMarketplaceRevenueShareInput {
  Catalog: CatalogName;
  /** `prod-` and 13 lowercase letters or digits. */
  ProductId: string;
  /** Revision to read (an integer, at least 1); leave out for the latest. */
  Revision?: number;
}

/** Output of {@link GetMarketplaceRevenueShareCommand}. */
export interface GetMarketplaceRevenueShareOutput {
  ProductId: string;
  Arn: string;
  Catalog: OpenEnum<CatalogName>;
  ProductCode?: string;
  ProductName?: string;
  CreatedDate?: Date;
  LastModifiedDate?: Date;
  /** The revision returned. */
  Revision?: number;
  /** The share's latest revision. */
  LatestRevision?: number;
  TotalActiveMarketplaceRevenueShareAllocationCount?: number;
  TotalMarketplaceRevenueShareAllocationCount?: number;
}

/** Schema of {@link GetMarketplaceRevenueShareInput}. */
export const GetMarketplaceRevenueShareInputSchema = z.object({
  Catalog: CatalogNameSchema,
  ProductId: MarketplaceProductId,
  Revision: z.optional(MarketplaceRevenueShareRevisionNumber),
});

const spec: OperationSpec<GetMarketplaceRevenueShareInput> = {
  name: "GetMarketplaceRevenueShare",
  schema: GetMarketplaceRevenueShareInputSchema,
};

/** Reads a marketplace revenue share, at its latest or a given revision. */
export class GetMarketplaceRevenueShareCommand extends Command<
  GetMarketplaceRevenueShareInput,
  GetMarketplaceRevenueShareOutput
> {
  constructor(input: GetMarketplaceRevenueShareInput) {
    super(spec, input);
  }
}
