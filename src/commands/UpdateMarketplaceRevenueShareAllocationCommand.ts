import * as z from "zod/mini";
import { Command, type OperationSpec } from "../command.js";
import type { AllocationStatus, CatalogName, MarketplaceRevenueShareAllocationOutputMembers } from "../models.js";
import { checkDateOrder, utcDateString, type InputRules } from "../validation/index.js";
import {
  AllocationStatus as AllocationStatusSchema,
  CatalogName as CatalogNameSchema,
  ClientToken,
  FirstDayOfMonth,
  LastDayOfMonth,
  MarketplaceProductId,
  MarketplaceRevenueShareAllocationId,
  RevenueSharePercent,
  RevisionToken,
} from "../validation/shapes.js";

/** Input of {@link UpdateMarketplaceRevenueShareAllocationCommand}. */
export interface UpdateMarketplaceRevenueShareAllocationInput {
  Catalog: CatalogName;
  ProductId: string;
  /** `mrsa-` and 13 letters or digits. */
  MarketplaceRevenueShareAllocationId: string;
  /** The share's current revision (optimistic locking). */
  MarketplaceRevenueShareRevision: string;
  /** Idempotency token; filled with a UUID v4 when left out. */
  ClientToken?: string;
  /** First day of a month; only future-dated allocations may change it. */
  EffectiveFrom?: string;
  /** Last day of a month, on or after today (UTC). */
  EffectiveUntil?: string;
  RevenueSharePercent?: string;
  Status?: AllocationStatus;
}

/** Output of {@link UpdateMarketplaceRevenueShareAllocationCommand}; `Arn` is the parent share's. */
export interface UpdateMarketplaceRevenueShareAllocationOutput extends MarketplaceRevenueShareAllocationOutputMembers {}

/** Schema of {@link UpdateMarketplaceRevenueShareAllocationInput}. */
export const UpdateMarketplaceRevenueShareAllocationInputSchema = z.object({
  Catalog: CatalogNameSchema,
  ProductId: MarketplaceProductId,
  MarketplaceRevenueShareAllocationId: MarketplaceRevenueShareAllocationId,
  MarketplaceRevenueShareRevision: RevisionToken,
  ClientToken: z.optional(ClientToken),
  EffectiveFrom: z.optional(FirstDayOfMonth),
  EffectiveUntil: z.optional(LastDayOfMonth),
  RevenueSharePercent: z.optional(RevenueSharePercent),
  Status: z.optional(AllocationStatusSchema),
});

const rules: InputRules<UpdateMarketplaceRevenueShareAllocationInput> = (input, ctx, issues) => {
  const until = input.EffectiveUntil;
  if (typeof until === "string" && !issues.has("EffectiveUntil")) {
    const today = utcDateString(ctx.now);
    if (until < today) issues.add("EffectiveUntil", "INVALID_VALUE", `must be on or after today (${today}, UTC)`);
  }
  checkDateOrder(input.EffectiveFrom, input.EffectiveUntil, "EffectiveUntil", issues);
};

const spec: OperationSpec<UpdateMarketplaceRevenueShareAllocationInput> = {
  name: "UpdateMarketplaceRevenueShareAllocation",
  schema: UpdateMarketplaceRevenueShareAllocationInputSchema,
  rules,
  idempotencyToken: true,
};

/**
 * Updates a marketplace revenue share allocation. `EffectiveFrom`,
 * `RevenueSharePercent` and `Status` can change only on future-dated allocations.
 */
export class UpdateMarketplaceRevenueShareAllocationCommand extends Command<
  UpdateMarketplaceRevenueShareAllocationInput,
  UpdateMarketplaceRevenueShareAllocationOutput
> {
  constructor(input: UpdateMarketplaceRevenueShareAllocationInput) {
    super(spec, input);
  }
}
