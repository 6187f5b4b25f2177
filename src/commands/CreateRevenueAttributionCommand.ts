import * as z from "zod/mini";
import { lazyObject } from "../validation/lazy.js";
import { Command, type MetadataBearer, type OperationSpec } from "../command.js";
import type { CatalogName, MarketplaceProductSummary, Tag, TenancyModel, OpenEnum } from "../models.js";
import {
  CatalogName as CatalogNameSchema,
  ClientToken,
  Description,
  ProductIdentifier,
  RevenueAttributionName,
  TagList,
  TenancyModel as TenancyModelSchema,
} from "../validation/shapes.js";

/** Input of {@link CreateRevenueAttributionCommand}. */
export interface CreateRevenueAttributionInput {
  Catalog: CatalogName;
  /** Idempotency token; filled with a UUID v4 when left out. */
  ClientToken?: string;
  /** 1..128 printable ASCII characters, unique in the catalog. */
  Name: string;
  /** 0..1024 printable ASCII characters. */
  Description?: string;
  TenancyModel: TenancyModel;
  /** A marketplace product id (`prod-…`) or product ARN. */
  ProductIdentifier?: string;
  /** 1..200 tags to put on the new attribution. */
  Tags?: Tag[];
}

/** Output of {@link CreateRevenueAttributionCommand}. */
export interface CreateRevenueAttributionOutput {
  /** `ra-` and 13 lowercase letters or digits. */
  Id: string;
  Arn: string;
  Name?: string;
  Description?: string;
  TenancyModel: OpenEnum<TenancyModel>;
  MarketplaceProduct?: MarketplaceProductSummary;
  /** Revision of the new attribution (a string of digits). */
  Revision?: string;
}

/** The official client's name for {@link CreateRevenueAttributionInput}. */
export type CreateRevenueAttributionCommandInput = CreateRevenueAttributionInput;

/** The official client's name for what {@link CreateRevenueAttributionCommand} resolves to: the output and its `$metadata`. */
export type CreateRevenueAttributionCommandOutput = CreateRevenueAttributionOutput & MetadataBearer;

/** Schema of {@link CreateRevenueAttributionInput}. */
export const CreateRevenueAttributionInputSchema = lazyObject({
  Catalog: CatalogNameSchema,
  ClientToken: () => z.optional(ClientToken()),
  Name: RevenueAttributionName,
  Description: () => z.optional(Description()),
  TenancyModel: TenancyModelSchema,
  ProductIdentifier: () => z.optional(ProductIdentifier()),
  Tags: () => z.optional(TagList()),
});

const spec: OperationSpec<CreateRevenueAttributionInput> = {
  name: "CreateRevenueAttribution",
  schema: CreateRevenueAttributionInputSchema,
  idempotencyToken: true,
};

/**
 * Creates a revenue attribution in a catalog.
 *
 * @example
 * ```ts
 * const ra = await client.send(
 *   new CreateRevenueAttributionCommand({ Catalog: CatalogName.AWS, Name: "EMEA resale", TenancyModel: TenancyModel.MULTI_TENANT }),
 * );
 * console.log(ra.Id, ra.Revision);
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
export class CreateRevenueAttributionCommand extends Command<
  CreateRevenueAttributionInput,
  CreateRevenueAttributionOutput
> {
  constructor(input: CreateRevenueAttributionInput) {
    super(spec, input);
  }
}
