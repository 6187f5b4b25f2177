import * as z from "zod/mini";
import { lazyObject } from "../validation/lazy.js";
import { Command, type MetadataBearer, type OperationSpec } from "../command.js";
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

/** The official client's name for {@link GetMarketplaceRevenueShareInput}. */
export type GetMarketplaceRevenueShareCommandInput = GetMarketplaceRevenueShareInput;

/** The official client's name for what {@link GetMarketplaceRevenueShareCommand} resolves to: the output and its `$metadata`. */
export type GetMarketplaceRevenueShareCommandOutput = GetMarketplaceRevenueShareOutput & MetadataBearer;

/** Schema of {@link GetMarketplaceRevenueShareInput}. */
export const GetMarketplaceRevenueShareInputSchema = lazyObject({
  Catalog: CatalogNameSchema,
  ProductId: MarketplaceProductId,
  Revision: () => z.optional(MarketplaceRevenueShareRevisionNumber()),
});

const spec: OperationSpec<GetMarketplaceRevenueShareInput> = {
  name: "GetMarketplaceRevenueShare",
  schema: GetMarketplaceRevenueShareInputSchema,
};

/**
 * Reads a marketplace revenue share, at its latest or a given revision.
 *
 * @example
 * ```ts
 * const share = await client.send(
 *   new GetMarketplaceRevenueShareCommand({ Catalog: CatalogName.AWS, ProductId: "prod-abc123def4567" }),
 * );
 * console.log(share.LatestRevision, share.TotalActiveMarketplaceRevenueShareAllocationCount);
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
export class GetMarketplaceRevenueShareCommand extends Command<
  GetMarketplaceRevenueShareInput,
  GetMarketplaceRevenueShareOutput
> {
  constructor(input: GetMarketplaceRevenueShareInput) {
    super(spec, input);
  }
}
