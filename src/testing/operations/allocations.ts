/** Revenue attribution allocations: the asynchronous task, Get and List. */
import type { RevenueShareAllocation } from "../../models.js";
import { notFound } from "../errors.js";
import { pageOf, readToken, sortBy } from "../pagination.js";
import type { AllocationsTask, RaAllocation } from "../state.js";
import type { Handler } from "./types.js";

function summaryOf(a: RaAllocation, attributionId: string): Record<string, unknown> {
  return {
    RevenueAttributionAllocationId: a.RevenueAttributionAllocationId,
    RevenueAttributionIdentifier: attributionId,
    EntityType: a.EntityType,
    EntityIdentifier: a.EntityIdentifier,
    EntityName: a.EntityName,
    CustomerAwsAccountId: a.CustomerAwsAccountId,
    RevenueSharePercent: a.RevenueSharePercent,
    EffectiveFrom: a.EffectiveFrom,
    EffectiveUntil: a.EffectiveUntil,
    Status: a.Status,
  };
}

/** The members StartRevenueAttributionAllocationsTask answers with. */
function taskStartView(task: AllocationsTask): Record<string, unknown> {
  return {
    TaskId: task.TaskId,
    Status: task.Status,
    Catalog: task.Catalog,
    RevenueAttributionArn: task.RevenueAttributionArn,
    StartedAt: task.StartedAt,
    TotalRevenueAttributionAllocationRecords: task.TotalRevenueAttributionAllocationRecords,
  };
}

/** Everything GetRevenueAttributionAllocationsTask reports. */
function taskView(task: AllocationsTask): Record<string, unknown> {
  return {
    ...taskStartView(task),
    EndedAt: task.EndedAt,
    Description: task.Description,
    RevenueAttributionLatestRevision: task.RevenueAttributionLatestRevision,
    ErrorDetailList: task.ErrorDetailList,
  };
}

const startTask: Handler = (input, state) => {
  const attr = state.attributions.find(input.Catalog as string, input.RevenueAttributionIdentifier as string);
  const task = state.attributions.startTask(attr, {
    RevenueAttributionRevision: input.RevenueAttributionRevision as string,
    RevenueShareAllocations: input.RevenueShareAllocations as RevenueShareAllocation[],
    Description: input.Description as string | undefined,
  });
  return { ...taskStartView(task), Status: "IN_PROGRESS" };
};

const getTask: Handler = (input, state) => {
  const attr = state.attributions.find(input.Catalog as string, input.RevenueAttributionIdentifier as string);
  const task = attr.tasks[attr.tasks.length - 1];
  if (!task) throw notFound(`Revenue attribution ${attr.Id} has no allocations task`);
  return taskView(task);
};

const getAllocation: Handler = (input, state) => {
  const attr = state.attributions.find(input.Catalog as string, input.RevenueAttributionIdentifier as string);
  const rev = state.attributions.revision(attr, input.RevenueAttributionRevision);
  const id = input.RevenueAttributionAllocationId as string;
  const entry = attr.allocations.get(id)?.history.entryAt(rev);
  if (!entry) throw notFound(`Allocation ${id} was not found in ${attr.Id} at revision ${rev}`);
  return {
    ...summaryOf(entry.value, attr.Id),
    CreatedDate: entry.value.CreatedDate,
    LastModifiedDate: entry.value.LastModifiedDate,
    RevenueAttributionRevision: String(entry.rev),
    RevenueAttributionLatestRevision: String(attr.latestRevision),
  };
};

const listAllocations: Handler = (input, state) => {
  const attr = state.attributions.find(input.Catalog as string, input.RevenueAttributionIdentifier as string);
  const token = readToken(input);
  const rev = token.revision ?? state.attributions.revision(attr, input.RevenueAttributionRevision);
  const types = input.EntityTypeFilters as string[] | undefined;
  const entities = input.EntityIdentifierFilters as string[] | undefined;
  const accounts = input.CustomerAwsAccountIdFilters as string[] | undefined;
  const status = input.StatusFilter as string | undefined;
  const afterFrom = input.AfterEffectiveFrom as string | undefined;
  const beforeFrom = input.BeforeEffectiveFrom as string | undefined;
  const afterUntil = input.AfterEffectiveUntil as string | undefined;
  const beforeUntil = input.BeforeEffectiveUntil as string | undefined;
  const rows = state.attributions.allocationsAt(attr, rev).filter(({ allocation: a }) => {
    if (types && !types.includes(a.EntityType)) return false;
    if (entities && !entities.includes(a.EntityIdentifier)) return false;
    if (accounts && !accounts.includes(a.CustomerAwsAccountId)) return false;
    if (status && a.Status !== status) return false;
    if (afterFrom && a.EffectiveFrom < afterFrom) return false;
    if (beforeFrom && a.EffectiveFrom >= beforeFrom) return false;
    if (afterUntil && a.EffectiveUntil < afterUntil) return false;
    if (beforeUntil && a.EffectiveUntil >= beforeUntil) return false;
    return true;
  });
  const order = input.SortOrder === "DESCENDING" ? "DESCENDING" : "ASCENDING";
  sortBy(rows, (r) => r.allocation.EffectiveFrom, order);
  const page = pageOf(rows, input, token.offset, 100, rev);
  return {
    RevenueAttributionAllocationSummaries: page.items.map((r) => summaryOf(r.allocation, attr.Id)),
    NextToken: page.NextToken,
  };
};

/** Handlers by operation name. */
export const allocationHandlers: Record<string, Handler> = {
  StartRevenueAttributionAllocationsTask: startTask,
  GetRevenueAttributionAllocationsTask: getTask,
  GetRevenueAttributionAllocation: getAllocation,
  ListRevenueAttributionAllocations: listAllocations,
};
