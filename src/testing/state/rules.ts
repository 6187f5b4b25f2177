/**
 * The published business rules for revenue attribution allocations (the AWS
 * Partner Central developer guide, "Working with your Revenue Attribution
 * IDs"), as the emulator's allocation tasks apply them: the edit window with
 * its 7th-of-month grace, and the 100 % cap per attribution and billing month.
 *
 * Months are `YYYY-MM` strings; they compare in calendar order as text.
 */
import { monthsOf } from "./common.js";

/** The months an allocation task may change, decided by the UTC date the task was started on. */
export interface EditWindow {
  /** The current month: it and every later month are open to CREATE and UPDATE. */
  readonly currentMonth: string;
  /**
   * Last month while the grace lasts (the 1st to the 7th of the current month), else undefined:
   * open to UPDATE only.
   */
  readonly graceMonth: string | undefined;
}

/** The last day (inclusive) of the current month on which last month's entries may still be updated. */
export const GRACE_LAST_DAY = 7;

/**
 * The edit window on `date` (UTC). The guide says last month's entry "can be updated until the 7th of
 * the current month"; the emulator reads "until" as inclusive: the whole 7th, up to 23:59:59.999 UTC,
 * is still in the grace, the 8th is not (inferred: the guide does not say).
 */
export function editWindowOn(date: Date): EditWindow {
  const year = date.getUTCFullYear();
  const month = date.getUTCMonth(); // 0-based
  const currentMonth = monthKey(year, month);
  const graceMonth = date.getUTCDate() <= GRACE_LAST_DAY ? monthKey(month === 0 ? year - 1 : year, (month + 11) % 12) : undefined;
  return { currentMonth, graceMonth };
}

function monthKey(year: number, zeroBasedMonth: number): string {
  return `${String(year).padStart(4, "0")}-${String(zeroBasedMonth + 1).padStart(2, "0")}`;
}

/** True when an existing entry's values in `month` may still change (UPDATE). */
export function isUpdatable(window: EditWindow, month: string): boolean {
  return month >= window.currentMonth || month === window.graceMonth;
}

/** The parts of an entry that the edit window and the cap look at. */
export interface EntryValues {
  RevenueSharePercent: string;
  EffectiveFrom: string;
  EffectiveUntil: string;
  Status?: string;
}

/** The billing months an entry covers (entries cover whole months: first day to last day). */
export function monthsCovered(entry: Pick<EntryValues, "EffectiveFrom" | "EffectiveUntil">): string[] {
  return monthsOf(entry.EffectiveFrom, entry.EffectiveUntil);
}

/**
 * The months whose allocation an UPDATE from `before` to `after` changes: every month either covers
 * when the percent or the status changes, else only the months gained or dropped by the new period.
 * An UPDATE that changes nothing in a closed month is allowed (the emulator's reading: "immutable"
 * protects what a closed month holds).
 */
export function monthsChangedBy(before: EntryValues, after: EntryValues): string[] {
  const old = new Set(monthsCovered(before));
  const next = new Set(monthsCovered(after));
  const valueChanged =
    hundredths(before.RevenueSharePercent) !== hundredths(after.RevenueSharePercent) || (before.Status ?? "ACTIVE") !== (after.Status ?? "ACTIVE");
  const changed = new Set<string>();
  for (const m of old) if (valueChanged || !next.has(m)) changed.add(m);
  for (const m of next) if (valueChanged || !old.has(m)) changed.add(m);
  return [...changed].sort();
}

/** A RevenueSharePercent (`^\d{1,3}(\.\d{1,2})?$`) in hundredths of a percent: whole numbers add up exactly. */
export function hundredths(percent: string): number {
  return Math.round(Number(percent) * 100);
}

/** The cap on the ACTIVE entries of one attribution in one billing month, in hundredths of a percent. */
export const CAP_HUNDREDTHS = 100_00;

/** A percent in hundredths written back as the service writes percents (`60`, `40.5`, `100.01`). */
export function percentText(h: number): string {
  return String(h / 100);
}

/**
 * Running totals of ACTIVE percents per billing month for one attribution. Entries the batch leaves
 * untouched are added first; then the batch's records in input order, each refused (and not added)
 * when it would take a month it covers above the cap. The task is all-or-nothing, so the records
 * refused are the ones to drop or fix: without them, every month stays within the cap.
 */
export class MonthlyCap {
  private readonly totals = new Map<string, number>();

  /** Adds an entry that is already stored and not changed by the batch. */
  addStored(entry: EntryValues): void {
    if ((entry.Status ?? "ACTIVE") !== "ACTIVE") return;
    const h = hundredths(entry.RevenueSharePercent);
    for (const m of monthsCovered(entry)) this.totals.set(m, (this.totals.get(m) ?? 0) + h);
  }

  /**
   * Adds a record of the batch when every month it covers stays within the cap; otherwise adds nothing
   * and returns why, e.g. `2030-03: 60% held by other entries + 40.01% = 100.01% > 100%`.
   */
  tryAdd(entry: EntryValues): string | undefined {
    if ((entry.Status ?? "ACTIVE") !== "ACTIVE") return undefined;
    const h = hundredths(entry.RevenueSharePercent);
    const months = monthsCovered(entry);
    for (const m of months) {
      const held = this.totals.get(m) ?? 0;
      if (held + h > CAP_HUNDREDTHS) {
        return `${m}: ${percentText(held)}% held by other ACTIVE entries of this revenue attribution + ${percentText(h)}% = ${percentText(held + h)}% > 100%`;
      }
    }
    for (const m of months) this.totals.set(m, (this.totals.get(m) ?? 0) + h);
    return undefined;
  }
}
