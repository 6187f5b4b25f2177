import * as z from "zod/mini";
import { lazyObject } from "../validation/lazy.js";
import { Command, type MetadataBearer, type OperationSpec } from "../command.js";
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

/** The official client's name for {@link UpdateRevenueAttributionInput}. */
export type UpdateRevenueAttributionCommandInput = UpdateRevenueAttributionInput;

/** The official client's name for what {@link UpdateRevenueAttributionCommand} resolves to: the output and its `$metadata`. */
export type UpdateRevenueAttributionCommandOutput = UpdateRevenueAttributionOutput & MetadataBearer;

/** Schema of {@link UpdateRevenueAttributionInput}. */
export const UpdateRevenueAttributionInputSchema = lazyObject({
  Catalog: CatalogNameSchema,
  Identifier: RevenueAttributionIdentifier,
  ClientToken: () => z.optional(ClientToken()),
  Description: () => z.optional(Description()),
  Revision: RevisionToken,
});

const spec: OperationSpec<UpdateRevenueAttributionInput> = {
  name: "UpdateRevenueAttribution",
  schema: UpdateRevenueAttributionInputSchema,
  idempotencyToken: true,
};

/**
 * Updates a revenue attribution (its description).
 *
 * @example
 * ```ts
 * const updated = await client.send(
 *   new UpdateRevenueAttributionCommand({ Catalog: CatalogName.AWS, Identifier: "ra-abc123def4567", Revision: "4", Description: "EMEA and UK" }),
 * );
 * console.log(updated.LatestRevision);
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
export class UpdateRevenueAttributionCommand extends Command<
  UpdateRevenueAttributionInput,
  UpdateRevenueAttributionOutput
> {
  constructor(input: UpdateRevenueAttributionInput) {
    super(spec, input);
  }
}
