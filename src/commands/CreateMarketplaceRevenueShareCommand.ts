import * as z from "zod/mini";
import { lazyObject } from "../validation/lazy.js";
import { Command, type MetadataBearer, type OperationSpec } from "../command.js";
import type { CatalogName, Tag, OpenEnum } from "../models.js";
import {
  CatalogName as CatalogNameSchema,
  ClientToken,
  MarketplaceProductId,
  MarketplaceRevenueShareTagList,
} from "../validation/shapes.js";

/** Input of {@link CreateMarketplaceRevenueShareCommand}. */
export interface CreateMarketplaceRevenueShareInput {
  Catalog: CatalogName;
  /** Idempotency token; filled with a UUID v4 when left out. */
  ClientToken?: string;
  /** `prod-` and 13 lowercase letters or digits. */
  ProductId: string;
  /** 0..50 tags to put on the new share. */
  Tags?: Tag[];
}

/** Output of {@link CreateMarketplaceRevenueShareCommand}. */
export interface CreateMarketplaceRevenueShareOutput {
  ProductId: string;
  Arn: string;
  Catalog?: OpenEnum<CatalogName>;
  ProductCode?: string;
  ProductName?: string;
  CreatedDate?: Date;
  LastModifiedDate?: Date;
  /** Revision number of the new share (an integer, at least 1). */
  Revision?: number;
}

/** The official client's name for {@link CreateMarketplaceRevenueShareInput}. */
export type CreateMarketplaceRevenueShareCommandInput = CreateMarketplaceRevenueShareInput;

/** The official client's name for what {@link CreateMarketplaceRevenueShareCommand} resolves to: the output and its `$metadata`. */
export type CreateMarketplaceRevenueShareCommandOutput = CreateMarketplaceRevenueShareOutput & MetadataBearer;

/** Schema of {@link CreateMarketplaceRevenueShareInput}. */
export const CreateMarketplaceRevenueShareInputSchema = lazyObject({
  Catalog: CatalogNameSchema,
  ClientToken: () => z.optional(ClientToken()),
  ProductId: MarketplaceProductId,
  Tags: () => z.optional(MarketplaceRevenueShareTagList()),
});

const spec: OperationSpec<CreateMarketplaceRevenueShareInput> = {
  name: "CreateMarketplaceRevenueShare",
  schema: CreateMarketplaceRevenueShareInputSchema,
  idempotencyToken: true,
};

/**
 * Creates a marketplace revenue share for a product in a catalog.
 *
 * @example
 * ```ts
 * const share = await client.send(
 *   new CreateMarketplaceRevenueShareCommand({ Catalog: CatalogName.AWS, ProductId: "prod-abc123def4567" }),
 * );
 * console.log(share.Arn, share.Revision);
 * ```
 *
 * @throws {@link ClientValidationError} before anything is sent, when the input breaks a documented rule.
 * @throws {@link AccessDeniedException} when the caller may not perform the action (403).
 * @throws {@link ConflictException} when the request conflicts with the resource's state: a stale revision (`REVISION_MISMATCH`), a reused `ClientToken` with another input, a concurrent change, or an existing resource (409).
 * @throws {@link InternalServerException} when the service failed (500); retried by the client before it is thrown.
 * @throws {@link ResourceNotFoundException} when a resource named in the input does not exist (404).
 * @throws {@link ServiceQuotaExceededException} when a quota would be exceeded (402).
 * @throws {@link ThrottlingException} when throttled (429); retried by the client before it is thrown.
 * @throws {@link ValidationException} when the service rejected the input (400), e.g. a business rule local validation cannot know.
 * @throws {@link NetworkError}, {@link AbortError}, {@link PartnerCentralRevenueMeasurementProtocolError}: see the client's `send()`.
 */
export class CreateMarketplaceRevenueShareCommand extends Command<
  CreateMarketplaceRevenueShareInput,
  CreateMarketplaceRevenueShareOutput
> {
  constructor(input: CreateMarketplaceRevenueShareInput) {
    super(spec, input);
  }
}
