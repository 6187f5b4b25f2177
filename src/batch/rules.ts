/**
 * The service's business rules (AWS Partner Central developer guide) that a submission can be
 * checked against before its first task, from the allocations the attribution
 * already holds: pure functions, no I/O. The service stays the judge: what
 * cannot be decided here (offers and opportunities that may not exist, an
 * UPDATE of an entry partly in the past, the exact wording of the guide's
 * rules) is left to the task, so a valid submission is never refused here.
 */
import { maskAccountId } from "../errors.js";
import { ClientValidationError, type ValidationExceptionField } from "../index.js";
import type { RevenueAttributionAllocationSummary, RevenueShareAllocation } from "../models.js";
import { allocationNaturalKey } from "../validation/allocations.js";

/**
 * Which rule a problem breaks: the service's `ErrorCode` where the service
 * has one, otherwise a name of ours (`OVERLAPPING_ALLOCATION`,
 * `PAST_MONTH_CREATE`: the guide names no code for them).
 */
export type BusinessRule =
  | "ALLOCATION_CAP_EXCEEDED"
  | "IMMUTABLE_ALLOCATION"
  | "PAST_MONTH_CREATE"
  | "RESOURCE_NOT_FOUND"
  | "OVERLAPPING_ALLOCATION";

/** One broken rule, at the input index the service would fail. */
export interface BusinessRuleProblem {
  /** Index in `RevenueShareAllocations`. */
  index: number;
  rule: BusinessRule;
  /** What breaks it, with the numbers (account ids masked). */
  message: string;
}

/** What the rules look at. */
export interface BusinessRulesInput {
  /** The submission's changes, in input order. */
  items: readonly RevenueShareAllocation[];
  /** Every allocation the attribution holds (ACTIVE and INACTIVE) at the revision the tasks start from. */
  stored: readonly RevenueAttributionAllocationSummary[];
  /** The input indexes each task still to run will carry, in order (changes already applied are left out). */
  tasks: readonly (readonly number[])[];
  /** The time, epoch milliseconds (the edit window is in UTC). */
  now: number;
}

/** Month number (year × 12 + month − 1) of a `YYYY-MM-DD` string. */
function monthOf(date: string): number {
  return Number(date.slice(0, 4)) * 12 + Number(date.slice(5, 7)) - 1;
}

/** `2027-09` for a month number. */
function monthName(month: number): string {
  return `${Math.floor(month / 12)}-${String((month % 12) + 1).padStart(2, "0")}`;
}

/** `2027-09` or `2027-09..2027-11`. */
function periodName(from: number, until: number): string {
  return from === until ? monthName(from) : `${monthName(from)}..${monthName(until)}`;
}

/** A percent in hundredths, so that sums are exact (`"15.5"` → 1550). */
const hundredths = (percent: string): number => Math.round(Number(percent) * 100);
const percentText = (h: number): string => `${Number((h / 100).toFixed(2))}%`;

/** An allocation as the simulation holds it: stored, or as the latest change of the submission left it. */
interface Entry {
  /** The allocation id (stored ones), or `row N` for a CREATE of the submission. */
  name: string;
  entity: string;
  entityName: string;
  from: number;
  until: number;
  percent: number;
  active: boolean;
  /** The input index of the change that last set it; undefined while it holds its stored values. */
  index?: number;
}

/**
 * Checks the submission's remaining tasks against the stored allocations, in
 * task order (the service checks each task against the state the earlier
 * ones left): the cap of 100 % per billing month over the attribution's
 * ACTIVE entries (an UPDATE replaces the entry's values, INACTIVE releases
 * its share, an entry counts in each month it covers), overlapping ACTIVE
 * periods of one entity and customer account, UPDATEs of ids the attribution
 * does not hold, and the edit window (the current and later months any time;
 * last month's entries updatable until the 7th, UTC, inclusive; no CREATE
 * for a past month). Returns every problem, by input index.
 */
export function checkBusinessRules(input: BusinessRulesInput): BusinessRuleProblem[] {
  const { items, stored, tasks, now } = input;
  const problems: BusinessRuleProblem[] = [];
  const today = new Date(now);
  const currentMonth = today.getUTCFullYear() * 12 + today.getUTCMonth();
  // Last month stays updatable until the 7th (inclusive) of this one.
  const firstUpdatableMonth = today.getUTCDate() <= 7 ? currentMonth - 1 : currentMonth;

  const entries = new Map<string, Entry>();
  const activeKeys = new Set<string>();
  for (const a of stored) {
    entries.set(a.RevenueAttributionAllocationId, {
      name: a.RevenueAttributionAllocationId,
      entity: `${a.EntityType}\u0000${a.EntityIdentifier}\u0000${a.CustomerAwsAccountId}`,
      entityName: `${a.EntityType} ${a.EntityIdentifier} (customer account ${maskAccountId(a.CustomerAwsAccountId)})`,
      from: monthOf(a.EffectiveFrom),
      until: monthOf(a.EffectiveUntil),
      percent: hundredths(a.RevenueSharePercent),
      active: a.Status === "ACTIVE",
    });
    if (a.Status === "ACTIVE") activeKeys.add(allocationNaturalKey(a.EntityType, a.EntityIdentifier, a.CustomerAwsAccountId, a.EffectiveFrom, a.EffectiveUntil));
  }

  const reportedMonths = new Set<number>();
  const reportedOverlaps = new Set<string>();
  for (const task of tasks) {
    const changed: Entry[] = [];
    for (const index of task) {
      const item = items[index]!;
      const from = monthOf(item.EffectiveFrom);
      const until = monthOf(item.EffectiveUntil);
      if (item.Action === "CREATE") {
        if (from < currentMonth) {
          problems.push({
            index,
            rule: "PAST_MONTH_CREATE",
            message: `a new entry for ${periodName(from, until)} starts before the current month ${monthName(currentMonth)}; new entries start in the current month or later`,
          });
        }
        // A CREATE of an entity, customer account and period the attribution holds ACTIVE is the
        // reconciliation's to judge: applied, or a conflict. (Beside an INACTIVE one it is a new entry.)
        if (activeKeys.has(allocationNaturalKey(item.EntityType, item.EntityIdentifier, item.CustomerAwsAccountId, item.EffectiveFrom, item.EffectiveUntil))) continue;
        const entry: Entry = {
          name: `row ${index}`,
          entity: `${item.EntityType}\u0000${item.EntityIdentifier}\u0000${item.CustomerAwsAccountId}`,
          entityName: `${item.EntityType} ${item.EntityIdentifier} (customer account ${maskAccountId(item.CustomerAwsAccountId)})`,
          from,
          until,
          percent: hundredths(item.RevenueSharePercent),
          active: (item.Status ?? "ACTIVE") === "ACTIVE",
          index,
        };
        entries.set(`row:${index}`, entry);
        changed.push(entry);
        continue;
      }
      const id = item.RevenueAttributionAllocationId!;
      const entry = entries.get(id);
      if (!entry) {
        problems.push({ index, rule: "RESOURCE_NOT_FOUND", message: `the attribution holds no allocation ${id}` });
        continue;
      }
      if (entry.until < firstUpdatableMonth || until < firstUpdatableMonth) {
        const past = entry.until < firstUpdatableMonth ? periodName(entry.from, entry.until) : periodName(from, until);
        problems.push({
          index,
          rule: "IMMUTABLE_ALLOCATION",
          message:
            `allocation ${id} for ${past} can no longer be changed on ${today.toISOString().slice(0, 10)} ` +
            `(the current and later months can; last month's entries until the 7th, UTC)`,
        });
      }
      Object.assign(entry, {
        from,
        until,
        percent: hundredths(item.RevenueSharePercent),
        active: item.Status === undefined ? entry.active : item.Status === "ACTIVE",
        index,
      });
      changed.push(entry);
    }
    checkCap(changed, entries, reportedMonths, problems);
    checkOverlaps(changed, entries, reportedOverlaps, problems);
  }
  return problems.sort((a, b) => a.index - b.index);
}

/** Most rows listed in one cap message. */
const ROWS_SHOWN = 8;

/** The cap in each month an ACTIVE changed entry covers, once per month. */
function checkCap(changed: readonly Entry[], entries: Map<string, Entry>, reported: Set<number>, problems: BusinessRuleProblem[]): void {
  const months = new Set<number>();
  for (const e of changed) if (e.active) for (let m = e.from; m <= e.until; m++) if (!reported.has(m)) months.add(m);
  if (!months.size) return;
  const active = [...entries.values()].filter((e) => e.active);
  for (const month of [...months].sort((a, b) => a - b)) {
    const inMonth = active.filter((e) => e.from <= month && month <= e.until);
    const total = inMonth.reduce((sum, e) => sum + e.percent, 0);
    if (total <= 100_00) continue;
    reported.add(month);
    const rows = inMonth.filter((e) => e.index !== undefined).sort((a, b) => a.index! - b.index!);
    const storedSum = total - rows.reduce((sum, e) => sum + e.percent, 0);
    const shown = rows.slice(0, ROWS_SHOWN);
    const more = rows.length > ROWS_SHOWN ? `, … (${rows.length} rows)` : "";
    problems.push({
      index: Math.max(...changed.filter((e) => e.active && e.from <= month && month <= e.until).map((e) => e.index!)),
      rule: "ALLOCATION_CAP_EXCEEDED",
      message:
        `${monthName(month)}: ${percentText(storedSum)} stored + row${rows.length === 1 ? "" : "s"} ` +
        `${shown.map((e) => e.index).join(", ")}${more} (${shown.map((e) => percentText(e.percent)).join(" + ")}${more ? " + …" : ""}) ` +
        `= ${percentText(total)} > 100%`,
    });
  }
}

/** ACTIVE entries of one entity and customer account whose periods overlap, once per pair. */
function checkOverlaps(changed: readonly Entry[], entries: Map<string, Entry>, reported: Set<string>, problems: BusinessRuleProblem[]): void {
  if (!changed.length) return;
  const byEntity = new Map<string, Entry[]>();
  for (const e of entries.values()) if (e.active) byEntity.set(e.entity, [...(byEntity.get(e.entity) ?? []), e]);
  for (const e of changed) {
    if (!e.active) continue;
    for (const other of byEntity.get(e.entity) ?? []) {
      if (other === e || other.until < e.from || e.until < other.from) continue;
      const pair = [e.name, other.name].sort().join("\u0000");
      if (reported.has(pair)) continue;
      reported.add(pair);
      // Named at the later row: the earlier one alone would pass.
      const [later, earlier] = other.index !== undefined && other.index > e.index! ? [other, e] : [e, other];
      problems.push({
        index: later.index!,
        rule: "OVERLAPPING_ALLOCATION",
        message:
          `${later.entityName}: ${periodName(later.from, later.until)} overlaps ` +
          `${earlier.index === undefined ? `allocation ${earlier.name}` : `row ${earlier.index}`} ` +
          `(${periodName(earlier.from, earlier.until)}); one entity and customer account can hold one ACTIVE entry per month`,
      });
    }
  }
}

/**
 * Throws `ClientValidationError` naming every problem of
 * {@link checkBusinessRules} (`RevenueShareAllocations[1603]`,
 * `ALLOCATION_CAP_EXCEEDED: 2027-09: 60% stored + rows 1602, 1603 (50% + 10%) = 120% > 100%`).
 */
export function assertBusinessRules(operation: string, input: BusinessRulesInput): void {
  const problems = checkBusinessRules(input);
  if (!problems.length) return;
  const fields: ValidationExceptionField[] = problems.map((p) => ({
    Name: `RevenueShareAllocations[${p.index}]`,
    Code: "INVALID_VALUE",
    Message: `${p.rule}: ${p.message}`,
  }));
  throw new ClientValidationError(operation, fields);
}
