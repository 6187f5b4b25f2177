import { lazyObject } from "../validation/lazy.js";
import { Command, type MetadataBearer, type OperationSpec } from "../command.js";
import type {
  CatalogName,
  RevenueAttributionAllocationErrorDetail,
  RevenueAttributionAllocationTaskStatus,
  OpenEnum,
} from "../models.js";
import { CatalogName as CatalogNameSchema, RevenueAttributionIdentifier } from "../validation/shapes.js";

/** Input of {@link GetRevenueAttributionAllocationsTaskCommand}. */
export interface GetRevenueAttributionAllocationsTaskInput {
  Catalog: CatalogName;
  /** `ra-…` id or the attribution's ARN. */
  RevenueAttributionIdentifier: string;
}

/** Output of {@link GetRevenueAttributionAllocationsTaskCommand}: the attribution's latest task. */
export interface GetRevenueAttributionAllocationsTaskOutput {
  TaskId: string;
  Status: OpenEnum<RevenueAttributionAllocationTaskStatus>;
  Catalog: OpenEnum<CatalogName>;
  RevenueAttributionArn: string;
  StartedAt: Date;
  /** Set when the task is COMPLETE or FAILED. */
  EndedAt?: Date;
  TotalRevenueAttributionAllocationRecords: number;
  Description?: string;
  /** Set on COMPLETE: the revision to use for the next batch. */
  RevenueAttributionLatestRevision?: string;
  /** Set on FAILED: one entry per failed record. */
  ErrorDetailList?: RevenueAttributionAllocationErrorDetail[];
}

/** The official client's name for {@link GetRevenueAttributionAllocationsTaskInput}. */
export type GetRevenueAttributionAllocationsTaskCommandInput = GetRevenueAttributionAllocationsTaskInput;

/** The official client's name for what {@link GetRevenueAttributionAllocationsTaskCommand} resolves to: the output and its `$metadata`. */
export type GetRevenueAttributionAllocationsTaskCommandOutput = GetRevenueAttributionAllocationsTaskOutput & MetadataBearer;

/** Schema of {@link GetRevenueAttributionAllocationsTaskInput}. */
export const GetRevenueAttributionAllocationsTaskInputSchema = lazyObject({
  Catalog: CatalogNameSchema,
  RevenueAttributionIdentifier: RevenueAttributionIdentifier,
});

const spec: OperationSpec<GetRevenueAttributionAllocationsTaskInput> = {
  name: "GetRevenueAttributionAllocationsTask",
  schema: GetRevenueAttributionAllocationsTaskInputSchema,
};

/**
 * Reports the latest allocations task of a revenue attribution. It takes no task id: compare `TaskId` with the
 * task you started.
 *
 * @example
 * ```ts
 * const task = await client.send(
 *   new GetRevenueAttributionAllocationsTaskCommand({ Catalog: CatalogName.AWS, RevenueAttributionIdentifier: "ra-abc123def4567" }),
 * );
 * if (task.TaskId === myTaskId && task.Status === RevenueAttributionAllocationTaskStatus.COMPLETE) {
 *   console.log(task.RevenueAttributionLatestRevision);
 * }
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
export class GetRevenueAttributionAllocationsTaskCommand extends Command<
  GetRevenueAttributionAllocationsTaskInput,
  GetRevenueAttributionAllocationsTaskOutput
> {
  constructor(input: GetRevenueAttributionAllocationsTaskInput) {
    super(spec, input);
  }
}
