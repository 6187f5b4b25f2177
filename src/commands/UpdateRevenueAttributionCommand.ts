import * as z from "zod/mini";
import { Command, type OperationSpec } from "../command.js";
import type { CatalogName } from "../models.js";
import {
  CatalogName as CatalogNameSchema,
  ClientToken,
  Description,
  RevenueAttributionIdentifier,
  RevisionToken,
} from "../validation/shapes.js";

/** Input of {@link UpdateRevenueAttributionCommand}. */
export interface UpdateRevenueAttributionInput {
  Catalog: CatalogName;
  /** `ra-…` id or the attribution's ARN. */
  Identifier: string;
  /** Idempotency token; filled with a UUID v4 when left out. */
  ClientToken?: string;
  /** The new description: 0..1024 printable ASCII characters. */
  Description?: string;
  /** The attribution's current revision (optimistic locking). */
  Revision: string;
}

/** Output of {@link UpdateRevenueAttributionCommand}. */
export interface UpdateRevenueAttributionOutput {
  Id: string;
  Arn: string;
  Description?: string;
  LastModifiedDate: Date;
  /** The revision after the update. */
  LatestRevision?: string;
}

/** Schema of {@link UpdateRevenueAttributionInput}. */
export const UpdateRevenueAttributionInputSchema = z.object({
  Catalog: CatalogNameSchema,
  Identifier: RevenueAttributionIdentifier,
  ClientToken: z.optional(ClientToken),
  Description: z.optional(Description),
  Revision: RevisionToken,
});

const spec: OperationSpec<UpdateRevenueAttributionInput> = {
  name: "UpdateRevenueAttribution",
  schema: UpdateRevenueAttributionInputSchema,
  idempotencyToken: true,
};

/** Updates a revenue attribution (its description). */
export class UpdateRevenueAttributionCommand extends Command<
  UpdateRevenueAttributionInput,
  UpdateRevenueAttributionOutput
> {
  constructor(input: UpdateRevenueAttributionInput) {
    super(spec, input);
  }
}
