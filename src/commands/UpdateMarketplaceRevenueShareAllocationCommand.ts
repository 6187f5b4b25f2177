import * as z from "zod/mini";
import { lazyObject } from "../validation/lazy.js";
import { Command, type MetadataBearer, type OperationSpec } from "../command.js";
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
  AllocationPercent,
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

/** The official client's name for {@link UpdateMarketplaceRevenueShareAllocationInput}. */
export type UpdateMarketplaceRevenueShareAllocationCommandInput = UpdateMarketplaceRevenueShareAllocationInput;

/** The official client's name for what {@link UpdateMarketplaceRevenueShareAllocationCommand} resolves to: the output and its `$metadata`. */
export type UpdateMarketplaceRevenueShareAllocationCommandOutput = UpdateMarketplaceRevenueShareAllocationOutput & MetadataBearer;

/** Schema of {@link UpdateMarketplaceRevenueShareAllocationInput}. */
export const UpdateMarketplaceRevenueShareAllocationInputSchema = lazyObject({
  Catalog: CatalogNameSchema,
  ProductId: MarketplaceProductId,
  MarketplaceRevenueShareAllocationId: MarketplaceRevenueShareAllocationId,
  MarketplaceRevenueShareRevision: RevisionToken,
  ClientToken: () => z.optional(ClientToken()),
  EffectiveFrom: () => z.optional(FirstDayOfMonth()),
  EffectiveUntil: () => z.optional(LastDayOfMonth()),
  RevenueSharePercent: () => z.optional(AllocationPercent()),
  Status: () => z.optional(AllocationStatusSchema()),
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
 * Updates a marketplace revenue share allocation. `EffectiveFrom`, `RevenueSharePercent` and `Status` can
 * change only on future-dated allocations.
 *
 * @example
 * ```ts
 * const updated = await client.send(
 *   new UpdateMarketplaceRevenueShareAllocationCommand({
 *     Catalog: CatalogName.AWS,
 *     ProductId: "prod-abc123def4567",
 *     MarketplaceRevenueShareAllocationId: "mrsa-ABCdef1234567",
 *     MarketplaceRevenueShareRevision: "3",
 *     EffectiveUntil: "2026-12-31",
 *   }),
 * );
 * console.log(updated.LatestMarketplaceRevenueShareRevision);
 * ```
 *
 * @throws {@link ClientValidationError} before anything is sent, when the input breaks a documented rule.
 * @throws {@link AccessDeniedException} when the caller may not perform the action (403).
 * @throws {@link ConflictException} when the request conflicts with the resource's state: a stale revision (`REVISION_MISMATCH`), a reused `ClientToken` with another input, a concurrent change, or an existing resource (409).
 * @throws {@link InternalServerException} when the service failed (500); retried by the client before it is thrown.
 * @throws {@link ResourceNotFoundException} when a resource named in the input does not exist (404).
 * @throws {@link ThrottlingException} when throttled (429); retried by the client before it is thrown.
 * @throws {@link ValidationException} when the service rejected the input (400), e.g. a business rule local validation cannot know.
 * @throws {@link NetworkError}, {@link AbortError}, {@link PartnerCentralRevenueMeasurementProtocolError}: see the client's `send()`.
 */
export class UpdateMarketplaceRevenueShareAllocationCommand extends Command<
  UpdateMarketplaceRevenueShareAllocationInput,
  UpdateMarketplaceRevenueShareAllocationOutput
> {
  constructor(input: UpdateMarketplaceRevenueShareAllocationInput) {
    super(spec, input);
  }
}
