import * as z from "zod/mini";
import { Command, type OperationSpec } from "../command.js";
import type { CatalogName, MarketplaceRevenueShareAllocationOutputMembers } from "../models.js";
import {
  CatalogName as CatalogNameSchema,
  MarketplaceProductId,
  MarketplaceRevenueShareAllocationId,
  RevisionToken,
} from "../validation/shapes.js";

/** Input of {@link GetMarketplaceRevenueShareAllocationCommand}. */
export interface GetMarketplaceRevenueShareAllocationInput {
  Catalog: CatalogName;
  /** `prod-` and 13 lowercase letters or digits. */
  ProductId: string;
  /** `mrsa-` and 13 letters or digits. */
  MarketplaceRevenueShareAllocationId: string;
  /** Revision of the parent share to read at (digits, no leading zero); leave out for the latest. */
  MarketplaceRevenueShareRevision?: string;
}

/** Output of {@link GetMarketplaceRevenueShareAllocationCommand}. */
export interface GetMarketplaceRevenueShareAllocationOutput extends MarketplaceRevenueShareAllocationOutputMembers {}

/** Schema of {@link GetMarketplaceRevenueShareAllocationInput}. */
export const GetMarketplaceRevenueShareAllocationInputSchema = z.object({
  Catalog: CatalogNameSchema,
  ProductId: MarketplaceProductId,
  MarketplaceRevenueShareAllocationId: MarketplaceRevenueShareAllocationId,
  MarketplaceRevenueShareRevision: z.optional(RevisionToken),
});

const spec: OperationSpec<GetMarketplaceRevenueShareAllocationInput> = {
  name: "GetMarketplaceRevenueShareAllocation",
  schema: GetMarketplaceRevenueShareAllocationInputSchema,
};

/** Reads one marketplace revenue share allocation. */
export class GetMarketplaceRevenueShareAllocationCommand extends Command<
  GetMarketplaceRevenueShareAllocationInput,
  GetMarketplaceRevenueShareAllocationOutput
> {
  constructor(input: GetMarketplaceRevenueShareAllocationInput) {
    super(spec, input);
  }
}
