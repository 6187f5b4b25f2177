import * as z from "zod/mini";
import { Command, type OperationSpec } from "../command.js";
import type { CatalogName, MarketplaceRevenueShareAllocationOutputMembers } from "../models.js";
import { checkDateOrder, type InputRules } from "../validation/index.js";
import {
  CatalogName as CatalogNameSchema,
  ClientToken,
  FirstDayOfMonth,
  LastDayOfMonth,
  MarketplaceProductId,
  RevenueSharePercent,
} from "../validation/shapes.js";

/** Input of {@link CreateMarketplaceRevenueShareAllocationCommand}. */
export interface CreateMarketplaceRevenueShareAllocationInput {
  Catalog: CatalogName;
  /** `prod-` and 13 lowercase letters or digits. */
  ProductId: string;
  /** Idempotency token; filled with a UUID v4 when left out. */
  ClientToken?: string;
  /** First day of a month, `YYYY-MM-DD`. */
  EffectiveFrom: string;
  /** Last day of a month; leave out for an open-ended allocation. */
  EffectiveUntil?: string;
  /** e.g. `"15.50"`. */
  RevenueSharePercent: string;
}

/** Output of {@link CreateMarketplaceRevenueShareAllocationCommand}. */
export interface CreateMarketplaceRevenueShareAllocationOutput extends MarketplaceRevenueShareAllocationOutputMembers {}

/** Schema of {@link CreateMarketplaceRevenueShareAllocationInput}. */
export const CreateMarketplaceRevenueShareAllocationInputSchema = z.object({
  Catalog: CatalogNameSchema,
  ProductId: MarketplaceProductId,
  ClientToken: z.optional(ClientToken),
  EffectiveFrom: FirstDayOfMonth,
  EffectiveUntil: z.optional(LastDayOfMonth),
  RevenueSharePercent: RevenueSharePercent,
});

const rules: InputRules<CreateMarketplaceRevenueShareAllocationInput> = (input, _ctx, issues) => {
  checkDateOrder(input.EffectiveFrom, input.EffectiveUntil, "EffectiveUntil", issues);
};

const spec: OperationSpec<CreateMarketplaceRevenueShareAllocationInput> = {
  name: "CreateMarketplaceRevenueShareAllocation",
  schema: CreateMarketplaceRevenueShareAllocationInputSchema,
  rules,
  idempotencyToken: true,
};

/** Creates a marketplace revenue share allocation for a product. */
export class CreateMarketplaceRevenueShareAllocationCommand extends Command<
  CreateMarketplaceRevenueShareAllocationInput,
  CreateMarketplaceRevenueShareAllocationOutput
> {
  constructor(input: CreateMarketplaceRevenueShareAllocationInput) {
    super(spec, input);
  }
}
