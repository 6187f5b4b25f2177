import * as z from "zod/mini";
import { Command, type OperationSpec } from "../command.js";
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

/** Schema of {@link CreateRevenueAttributionInput}. */
export const CreateRevenueAttributionInputSchema = z.object({
  Catalog: CatalogNameSchema,
  ClientToken: z.optional(ClientToken),
  Name: RevenueAttributionName,
  Description: z.optional(Description),
  TenancyModel: TenancyModelSchema,
  ProductIdentifier: z.optional(ProductIdentifier),
  Tags: z.optional(TagList),
});

const spec: OperationSpec<CreateRevenueAttributionInput> = {
  name: "CreateRevenueAttribution",
  schema: CreateRevenueAttributionInputSchema,
  idempotencyToken: true,
};

/** Creates a revenue attribution in a catalog. */
export class CreateRevenueAttributionCommand extends Command<
  CreateRevenueAttributionInput,
  CreateRevenueAttributionOutput
> {
  constructor(input: CreateRevenueAttributionInput) {
    super(spec, input);
  }
}
