import * as z from "zod/mini";
import { lazyObject } from "../validation/lazy.js";
import { Command, type MetadataBearer, type OperationSpec } from "../command.js";
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

/** The official client's name for {@link GetMarketplaceRevenueShareAllocationInput}. */
export type GetMarketplaceRevenueShareAllocationCommandInput = GetMarketplaceRevenueShareAllocationInput;

/** The official client's name for what {@link GetMarketplaceRevenueShareAllocationCommand} resolves to: the output and its `$metadata`. */
export type GetMarketplaceRevenueShareAllocationCommandOutput = GetMarketplaceRevenueShareAllocationOutput & MetadataBearer;

/** Schema of {@link GetMarketplaceRevenueShareAllocationInput}. */
export const GetMarketplaceRevenueShareAllocationInputSchema = lazyObject({
  Catalog: CatalogNameSchema,
  ProductId: MarketplaceProductId,
  MarketplaceRevenueShareAllocationId: MarketplaceRevenueShareAllocationId,
  MarketplaceRevenueShareRevision: () => z.optional(RevisionToken()),
});

const spec: OperationSpec<GetMarketplaceRevenueShareAllocationInput> = {
  name: "GetMarketplaceRevenueShareAllocation",
  schema: GetMarketplaceRevenueShareAllocationInputSchema,
};

/**
 * Reads one marketplace revenue share allocation.
 *
 * @example
 * ```ts
 * const allocation = await client.send(
 *   new GetMarketplaceRevenueShareAllocationCommand({
 *     Catalog: CatalogName.AWS,
 *     ProductId: "prod-abc123def4567",
 *     MarketplaceRevenueShareAllocationId: "mrsa-ABCdef1234567",
 *   }),
 * );
 * console.log(allocation.Status, allocation.RevenueSharePercent);
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
export class GetMarketplaceRevenueShareAllocationCommand extends Command<
  GetMarketplaceRevenueShareAllocationInput,
  GetMarketplaceRevenueShareAllocationOutput
> {
  constructor(input: GetMarketplaceRevenueShareAllocationInput) {
    super(spec, input);
  }
}
