import * as z from "zod/mini";
import { Command, type OperationSpec } from "../command.js";
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

/** Schema of {@link StartRevenueAttributionAllocationsTaskInput}. */
export const StartRevenueAttributionAllocationsTaskInputSchema = z.object({
  Catalog: CatalogNameSchema,
  RevenueAttributionIdentifier: RevenueAttributionIdentifier,
  RevenueAttributionRevision: RevisionToken,
  RevenueShareAllocations: list(RevenueShareAllocationSchema, 1, 250),
  ClientToken: z.optional(ClientToken),
  Description: z.optional(Description),
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
 * Starts an asynchronous task that applies up to 250 allocation changes to a
 * revenue attribution. Wait for it with `waitUntilAllocationsTaskComplete`,
 * or use `submitAllocations` for any number of changes.
 */
export class StartRevenueAttributionAllocationsTaskCommand extends Command<
  StartRevenueAttributionAllocationsTaskInput,
  StartRevenueAttributionAllocationsTaskOutput
> {
  constructor(input: StartRevenueAttributionAllocationsTaskInput) {
    super(spec, input);
  }
}
