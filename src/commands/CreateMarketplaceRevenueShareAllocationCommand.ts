import * as z from "zod/mini";
import { lazyObject } from "../validation/lazy.js";
import { Command, type MetadataBearer, type OperationSpec } from "../command.js";
import type { CatalogName, MarketplaceRevenueShareAllocationOutputMembers } from "../models.js";
import { checkDateOrder, type InputRules } from "../validation/index.js";
import {
  CatalogName as CatalogNameSchema,
  ClientToken,
  FirstDayOfMonth,
  LastDayOfMonth,
  MarketplaceProductId,
  AllocationPercent,
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

/** The official client's name for {@link CreateMarketplaceRevenueShareAllocationInput}. */
export type CreateMarketplaceRevenueShareAllocationCommandInput = CreateMarketplaceRevenueShareAllocationInput;

/** The official client's name for what {@link CreateMarketplaceRevenueShareAllocationCommand} resolves to: the output and its `$metadata`. */
export type CreateMarketplaceRevenueShareAllocationCommandOutput = CreateMarketplaceRevenueShareAllocationOutput & MetadataBearer;

/** Schema of {@link CreateMarketplaceRevenueShareAllocationInput}. */
export const CreateMarketplaceRevenueShareAllocationInputSchema = lazyObject({
  Catalog: CatalogNameSchema,
  ProductId: MarketplaceProductId,
  ClientToken: () => z.optional(ClientToken()),
  EffectiveFrom: FirstDayOfMonth,
  EffectiveUntil: () => z.optional(LastDayOfMonth()),
  RevenueSharePercent: AllocationPercent,
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

/**
 * Creates a marketplace revenue share allocation for a product.
 *
 * @example
 * ```ts
 * const allocation = await client.send(
 *   new CreateMarketplaceRevenueShareAllocationCommand({
 *     Catalog: CatalogName.AWS,
 *     ProductId: "prod-abc123def4567",
 *     EffectiveFrom: "2026-07-01",
 *     RevenueSharePercent: "15.50",
 *   }),
 * );
 * console.log(allocation.MarketplaceRevenueShareAllocationId);
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
export class CreateMarketplaceRevenueShareAllocationCommand extends Command<
  CreateMarketplaceRevenueShareAllocationInput,
  CreateMarketplaceRevenueShareAllocationOutput
> {
  constructor(input: CreateMarketplaceRevenueShareAllocationInput) {
    super(spec, input);
  }
}
