/**
 * Rules of `RevenueShareAllocation` batch items (API.md sections 4 and 5),
 * shared by StartRevenueAttributionAllocationsTask and the batch helper.
 */
import * as z from "zod/mini";
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
  RevenueSharePercent,
} from "./shapes.js";
import type { ValidationExceptionField } from "../errors.js";
import { isCalendarDate } from "./dates.js";

/** Structural schema of one batch item. */
export const RevenueShareAllocationSchema = z.object({
  Action: RevenueAttributionAllocationAction,
  RevenueAttributionAllocationId: z.optional(RevenueAttributionAllocationId),
  EntityType: EntityType,
  EntityIdentifier: EntityIdentifier,
  CustomerAwsAccountId: CustomerAwsAccountId,
  RevenueSharePercent: RevenueSharePercent,
  EffectiveFrom: FirstDayOfMonth,
  EffectiveUntil: LastDayOfMonth,
  Status: z.optional(AllocationStatus),
});

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
 * `RevenueAttributionAllocationId`, `EffectiveUntil` not before `EffectiveFrom`,
 * and no allocation id updated twice. `indexOffset` makes indexes absolute
 * when the list is a slice of a larger one.
 */
export function checkAllocationItems(
  items: readonly unknown[],
  listName: string,
  issues: IssueCollector,
  indexOffset = 0,
): void {
  const firstUpdateOf = new Map<string, number>();
  items.forEach((raw, i) => {
    if (raw === null || typeof raw !== "object") return;
    const item = raw as Partial<RevenueShareAllocation>;
    const at = `${listName}[${i + indexOffset}]`;
    if (item.Action === "UPDATE") {
      const id = item.RevenueAttributionAllocationId;
      if (id === undefined) {
        issues.add(`${at}.RevenueAttributionAllocationId`, "REQUIRED_FIELD_MISSING", "is required when Action is UPDATE");
      } else if (typeof id === "string") {
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
    }
    checkDateOrder(item.EffectiveFrom, item.EffectiveUntil, `${at}.EffectiveUntil`, issues);
  });
}

/**
 * Validates a list of batch items of any length (the 250-item limit is the
 * task's, not the list's) and returns every problem, named by absolute index:
 * `RevenueShareAllocations[599].EffectiveUntil`.
 */
export function validateRevenueShareAllocations(items: readonly unknown[]): ValidationExceptionField[] {
  if (!Array.isArray(items)) {
    return [{ Name: "RevenueShareAllocations", Code: "INVALID_VALUE", Message: "must be an array" }];
  }
  return collectIssues(
    anyLengthList,
    (_input, _ctx: ValidationContext, issues) => checkAllocationItems(items, "RevenueShareAllocations", issues),
    { RevenueShareAllocations: items },
    { now: Date.now() },
  );
}

const anyLengthList = z.object({ RevenueShareAllocations: z.array(RevenueShareAllocationSchema) });
