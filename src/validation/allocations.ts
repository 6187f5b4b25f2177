/**
 * Rules of `RevenueShareAllocation` batch items (the service model's shapes and their documentation),
 * shared by StartRevenueAttributionAllocationsTask and the batch helper.
 */
import * as z from "zod/mini";
import { lazyObject } from "./lazy.js";
import type { RevenueShareAllocation } from "../models.js";
import { collectIssues, type IssueCollector, type ValidationContext } from "./core.js";
import {
  AllocationStatus,
  CustomerAwsAccountId,
  EntityIdentifier,
  EntityType,
  FirstDayOfMonth,
  LastDayOfMonth,
  RevenueAttributionAllocationAction,
  RevenueAttributionAllocationId,
  AllocationPercent,
} from "./shapes.js";
import type { ValidationExceptionField } from "../errors.js";
import { isCalendarDate } from "./dates.js";

/** Structural schema of one batch item. */
export const RevenueShareAllocationSchema = lazyObject({
  Action: RevenueAttributionAllocationAction,
  RevenueAttributionAllocationId: () => z.optional(RevenueAttributionAllocationId()),
  EntityType: EntityType,
  EntityIdentifier: EntityIdentifier,
  CustomerAwsAccountId: CustomerAwsAccountId,
  RevenueSharePercent: AllocationPercent,
  EffectiveFrom: FirstDayOfMonth,
  EffectiveUntil: LastDayOfMonth,
  Status: () => z.optional(AllocationStatus()),
});

/**
 * What makes two CREATEs the same allocation: entity type, entity id, customer account and period, as one
 * string (an absent part is ""). The duplicate rule here and the batch helper's reconciliation both use it.
 * @internal
 */
export function allocationNaturalKey(
  entityType: string | undefined,
  entityId: string | undefined,
  customerAccount: string | undefined,
  from: string | undefined,
  until: string | undefined,
): string {
  return [entityType, entityId, customerAccount, from, until].join("\u0000");
}

/** Reports `EffectiveUntil` before `EffectiveFrom` when both are real calendar dates. */
export function checkDateOrder(
  from: unknown,
  until: unknown,
  untilName: string,
  issues: IssueCollector,
): void {
  // The cheap string comparison first: it is false for almost every valid item.
  if (typeof from === "string" && typeof until === "string" && until < from && isCalendarDate(from) && isCalendarDate(until) && !issues.has(untilName)) {
    issues.add(untilName, "INVALID_VALUE", `must not be before EffectiveFrom (${from})`);
  }
}

/**
 * Cross-item and cross-field rules of a list of batch items: UPDATE needs
 * `RevenueAttributionAllocationId` and `EffectiveUntil` is not before
 * `EffectiveFrom`. The duplicate rule depends on `scope`:
 * - `task` (one StartRevenueAttributionAllocationsTask): no allocation id updated twice;
 * - `submission` (a `submitAllocations` list, split into tasks later): an
 *   allocation may be updated several times (each UPDATE goes to its own task,
 *   in input order), but no two CREATEs may share entity type, entity id,
 *   customer account and period, since a resumed submission could not tell
 *   them apart.
 * `indexOffset` makes indexes absolute when the list is a slice of a larger one.
 */
export function checkAllocationItems(
  items: readonly unknown[],
  listName: string,
  issues: IssueCollector,
  indexOffset = 0,
  scope: "task" | "submission" = "task",
): void {
  const firstUpdateOf = new Map<string, number>();
  const firstCreateOf = new Map<string, number>();
  items.forEach((raw, i) => {
    if (raw === null || typeof raw !== "object") return;
    const item = raw as Partial<RevenueShareAllocation>;
    const at = `${listName}[${i + indexOffset}]`;
    if (item.Action === "UPDATE") {
      const id = item.RevenueAttributionAllocationId;
      if (id === undefined) {
        issues.add(`${at}.RevenueAttributionAllocationId`, "REQUIRED_FIELD_MISSING", "is required when Action is UPDATE");
      } else if (typeof id === "string" && scope === "task") {
        const first = firstUpdateOf.get(id);
        if (first === undefined) firstUpdateOf.set(id, i + indexOffset);
        else {
          issues.add(
            `${at}.RevenueAttributionAllocationId`,
            "DUPLICATE_VALUE",
            `updates the same allocation as ${listName}[${first}]; one batch may change an allocation only once`,
          );
        }
      }
    } else if (item.Action === "CREATE" && scope === "submission") {
      const key = allocationNaturalKey(item.EntityType, item.EntityIdentifier, item.CustomerAwsAccountId, item.EffectiveFrom, item.EffectiveUntil);
      const first = firstCreateOf.get(key);
      if (first === undefined) firstCreateOf.set(key, i + indexOffset);
      else {
        issues.add(
          at,
          "DUPLICATE_VALUE",
          `creates the same allocation (entity, customer account, period) as ${listName}[${first}]`,
        );
      }
    }
    checkDateOrder(item.EffectiveFrom, item.EffectiveUntil, `${at}.EffectiveUntil`, issues);
  });
}

/**
 * Validates a list of batch items of any length, as `submitAllocations` and
 * `planAllocations` take it (the 250-item limit is the task's, not the
 * list's), and returns every problem, named by absolute index:
 * `RevenueShareAllocations[599].EffectiveUntil`. An allocation may be updated
 * more than once (each UPDATE goes to its own task, in input order); the same
 * allocation may not be created twice.
 *
 * ```ts
 * const problems = validateRevenueShareAllocations(rows);
 * if (problems.length) console.error(problems.map((p) => `${p.Name}: ${p.Message}`).join("\n"));
 * ```
 * @throws never: problems are returned, not thrown (a non-array is one problem).
 */
export function validateRevenueShareAllocations(items: readonly unknown[]): ValidationExceptionField[] {
  if (!Array.isArray(items)) {
    return [{ Name: "RevenueShareAllocations", Code: "INVALID_VALUE", Message: "must be an array" }];
  }
  return collectIssues(
    anyLengthList,
    (_input, _ctx: ValidationContext, issues) => checkAllocationItems(items, "RevenueShareAllocations", issues, 0, "submission"),
    { RevenueShareAllocations: items },
    { now: Date.now() },
  );
}

const anyLengthList = lazyObject({
  RevenueShareAllocations: () => z.array(RevenueShareAllocationSchema),
});
