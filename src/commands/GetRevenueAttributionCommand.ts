import * as z from "zod/mini";
import { lazyObject } from "../validation/lazy.js";
import { Command, type MetadataBearer, type OperationSpec } from "../command.js";
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

/** The official client's name for {@link GetRevenueAttributionInput}. */
export type GetRevenueAttributionCommandInput = GetRevenueAttributionInput;

/** The official client's name for what {@link GetRevenueAttributionCommand} resolves to: the output and its `$metadata`. */
export type GetRevenueAttributionCommandOutput = GetRevenueAttributionOutput & MetadataBearer;

/** Schema of {@link GetRevenueAttributionInput}. */
export const GetRevenueAttributionInputSchema = lazyObject({
  Catalog: CatalogNameSchema,
  Identifier: RevenueAttributionIdentifier,
  Revision: () => z.optional(RevisionToken()),
});

const spec: OperationSpec<GetRevenueAttributionInput> = {
  name: "GetRevenueAttribution",
  schema: GetRevenueAttributionInputSchema,
};

/**
 * Reads a revenue attribution, including its `LatestRevision`.
 *
 * @example
 * ```ts
 * const ra = await client.send(new GetRevenueAttributionCommand({ Catalog: CatalogName.AWS, Identifier: "ra-abc123def4567" }));
 * console.log(ra.LatestRevision, ra.TotalActiveRevenueAttributionAllocationCount);
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
export class GetRevenueAttributionCommand extends Command<GetRevenueAttributionInput, GetRevenueAttributionOutput> {
  constructor(input: GetRevenueAttributionInput) {
    super(spec, input);
  }
}
