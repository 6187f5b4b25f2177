import * as z from "zod/mini";
import { lazyObject } from "../validation/lazy.js";
import { Command, type MetadataBearer, type OperationSpec } from "../command.js";
import type {
  CatalogName,
  RevenueAttributionAllocationTaskStatus,
  RevenueShareAllocation,
  OpenEnum,
} from "../models.js";
import { RevenueShareAllocationSchema, checkAllocationItems } from "../validation/allocations.js";
import type { InputRules } from "../validation/core.js";
import {
  CatalogName as CatalogNameSchema,
  ClientToken,
  Description,
  RevenueAttributionIdentifier,
  RevisionToken,
  list,
} from "../validation/shapes.js";

/** Input of {@link StartRevenueAttributionAllocationsTaskCommand}. */
export interface StartRevenueAttributionAllocationsTaskInput {
  Catalog: CatalogName;
  /** `ra-…` id or the attribution's ARN. */
  RevenueAttributionIdentifier: string;
  /** The attribution's current revision (optimistic locking). */
  RevenueAttributionRevision: string;
  /** 1..250 changes. */
  RevenueShareAllocations: RevenueShareAllocation[];
  /** Idempotency token; filled with a UUID v4 when left out. */
  ClientToken?: string;
  Description?: string;
}

/** Output of {@link StartRevenueAttributionAllocationsTaskCommand}. */
export interface StartRevenueAttributionAllocationsTaskOutput {
  TaskId: string;
  /** Always `IN_PROGRESS` on start. */
  Status: OpenEnum<RevenueAttributionAllocationTaskStatus>;
  Catalog: OpenEnum<CatalogName>;
  RevenueAttributionArn: string;
  StartedAt: Date;
  TotalRevenueAttributionAllocationRecords: number;
}

/** The official client's name for {@link StartRevenueAttributionAllocationsTaskInput}. */
export type StartRevenueAttributionAllocationsTaskCommandInput = StartRevenueAttributionAllocationsTaskInput;

/** The official client's name for what {@link StartRevenueAttributionAllocationsTaskCommand} resolves to: the output and its `$metadata`. */
export type StartRevenueAttributionAllocationsTaskCommandOutput = StartRevenueAttributionAllocationsTaskOutput & MetadataBearer;

/** Schema of {@link StartRevenueAttributionAllocationsTaskInput}. */
export const StartRevenueAttributionAllocationsTaskInputSchema = lazyObject({
  Catalog: CatalogNameSchema,
  RevenueAttributionIdentifier: RevenueAttributionIdentifier,
  RevenueAttributionRevision: RevisionToken,
  RevenueShareAllocations: () => list(RevenueShareAllocationSchema, 1, 250),
  ClientToken: () => z.optional(ClientToken()),
  Description: () => z.optional(Description()),
});

const rules: InputRules<StartRevenueAttributionAllocationsTaskInput> = (input, _ctx, issues) => {
  if (Array.isArray(input.RevenueShareAllocations) && input.RevenueShareAllocations.length <= 250) {
    checkAllocationItems(input.RevenueShareAllocations, "RevenueShareAllocations", issues);
  }
};

const spec: OperationSpec<StartRevenueAttributionAllocationsTaskInput> = {
  name: "StartRevenueAttributionAllocationsTask",
  schema: StartRevenueAttributionAllocationsTaskInputSchema,
  rules,
  idempotencyToken: true,
};

/**
 * Starts an asynchronous task that applies up to 250 allocation changes to a revenue attribution. Wait for it
 * with `waitUntilAllocationsTaskComplete`, or use `submitAllocations` for any number of changes.
 *
 * @example
 * ```ts
 * const task = await client.send(
 *   new StartRevenueAttributionAllocationsTaskCommand({
 *     Catalog: CatalogName.AWS,
 *     RevenueAttributionIdentifier: "ra-abc123def4567",
 *     RevenueAttributionRevision: "4",
 *     RevenueShareAllocations: [
 *       {
 *         Action: RevenueAttributionAllocationAction.CREATE,
 *         EntityType: EntityType.OFFER,
 *         EntityIdentifier: "offer-abc123",
 *         CustomerAwsAccountId: "123456789012",
 *         RevenueSharePercent: "20",
 *         EffectiveFrom: "2026-07-01",
 *         EffectiveUntil: "2026-07-31",
 *       },
 *     ],
 *   }),
 * );
 * const done = await waitUntilAllocationsTaskComplete(
 *   { client },
 *   { Catalog: CatalogName.AWS, RevenueAttributionIdentifier: "ra-abc123def4567", TaskId: task.TaskId },
 * );
 * console.log(done.RevenueAttributionLatestRevision);
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
export class StartRevenueAttributionAllocationsTaskCommand extends Command<
  StartRevenueAttributionAllocationsTaskInput,
  StartRevenueAttributionAllocationsTaskOutput
> {
  constructor(input: StartRevenueAttributionAllocationsTaskInput) {
    super(spec, input);
  }
}
