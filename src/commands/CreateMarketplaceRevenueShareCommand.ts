import * as z from "zod/mini";
import { Command, type OperationSpec } from "../command.js";
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

/** Schema of {@link CreateMarketplaceRevenueShareInput}. */
export const CreateMarketplaceRevenueShareInputSchema = z.object({
  Catalog: CatalogNameSchema,
  ClientToken: z.optional(ClientToken),
  ProductId: MarketplaceProductId,
  Tags: z.optional(MarketplaceRevenueShareTagList),
});

const spec: OperationSpec<CreateMarketplaceRevenueShareInput> = {
  name: "CreateMarketplaceRevenueShare",
  schema: CreateMarketplaceRevenueShareInputSchema,
  idempotencyToken: true,
};

/** Creates a marketplace revenue share for a product in a catalog. */
export class CreateMarketplaceRevenueShareCommand extends Command<
  CreateMarketplaceRevenueShareInput,
  CreateMarketplaceRevenueShareOutput
> {
  constructor(input: CreateMarketplaceRevenueShareInput) {
    super(spec, input);
  }
}
