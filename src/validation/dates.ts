/** Calendar rules for `YYYY-MM-DD` date strings (API.md section 4). */

const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;

function parts(s: string): [number, number, number] | undefined {
  const m = DATE_RE.exec(s);
  if (!m) return undefined;
  return [Number(m[1]), Number(m[2]), Number(m[3])];
}

/** Number of days in a month (1-based month). */
export function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** True when `s` is `YYYY-MM-DD` and names a real calendar day (`2026-02-30` is not). */
export function isCalendarDate(s: unknown): s is string {
  if (typeof s !== "string") return false;
  const p = parts(s);
  if (!p) return false;
  const [y, m, d] = p;
  return m >= 1 && m <= 12 && d >= 1 && d <= daysInMonth(y, m);
}

/** True when `s` is a real date on the first day of its month. */
export function isFirstDayOfMonth(s: unknown): boolean {
  return isCalendarDate(s) && s.endsWith("-01");
}

/** True when `s` is a real date on the last day of its month. */
export function isLastDayOfMonth(s: unknown): boolean {
  if (!isCalendarDate(s)) return false;
  const [y, m, d] = parts(s)!;
  return d === daysInMonth(y, m);
}

/** Today's date in UTC as `YYYY-MM-DD`, from epoch milliseconds. */
export function utcDateString(epochMs: number): string {
  return new Date(epochMs).toISOString().slice(0, 10);
}
