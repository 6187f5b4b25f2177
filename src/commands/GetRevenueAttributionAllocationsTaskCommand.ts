import * as z from "zod/mini";
import { Command, type OperationSpec } from "../command.js";
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

/** Schema of {@link GetRevenueAttributionAllocationsTaskInput}. */
export const GetRevenueAttributionAllocationsTaskInputSchema = z.object({
  Catalog: CatalogNameSchema,
  RevenueAttributionIdentifier: RevenueAttributionIdentifier,
});

const spec: OperationSpec<GetRevenueAttributionAllocationsTaskInput> = {
  name: "GetRevenueAttributionAllocationsTask",
  schema: GetRevenueAttributionAllocationsTaskInputSchema,
};

/**
 * Reports the latest allocations task of a revenue attribution. It takes no
 * task id: compare `TaskId` with the task you started.
 */
export class GetRevenueAttributionAllocationsTaskCommand extends Command<
  GetRevenueAttributionAllocationsTaskInput,
  GetRevenueAttributionAllocationsTaskOutput
> {
  constructor(input: GetRevenueAttributionAllocationsTaskInput) {
    super(spec, input);
  }
}
