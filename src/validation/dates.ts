/** Calendar rules for `YYYY-MM-DD` date strings (the service model's documentation of its date members). */

/**
 * Reads `YYYY-MM-DD` (ASCII digits, exactly 10 characters) as
 * `year * 10000 + month * 100 + day`, or -1. Written without a RegExp match or
 * a `Date` because it runs several times per batch item (see bench/).
 */
function packedDate(s: string): number {
  if (s.length !== 10 || s.charCodeAt(4) !== 45 || s.charCodeAt(7) !== 45) return -1; // 45 is "-"
  let packed = 0;
  for (let i = 0; i < 10; i++) {
    if (i === 4 || i === 7) continue;
    const digit = s.charCodeAt(i) - 48;
    if (digit < 0 || digit > 9) return -1;
    packed = packed * 10 + digit;
  }
  return packed;
}

/** Number of days in a month (1-based month) of the proleptic Gregorian calendar. */
export function daysInMonth(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  if (month === 4 || month === 6 || month === 9 || month === 11) return 30;
  if (month >= 1 && month <= 12) return 31;
  return new Date(Date.UTC(year, month, 0)).getUTCDate(); // out-of-range months roll over, as Date does
}

/**
 * True when `s` is `YYYY-MM-DD` and names a real calendar day (`2026-02-30` is not).
 *
 * ```ts
 * isCalendarDate("2028-02-29"); // true (a leap year)
 * ```
 * @throws never: any value is accepted.
 */
export function isCalendarDate(s: unknown): s is string {
  if (typeof s !== "string") return false;
  const packed = packedDate(s);
  if (packed < 0) return false;
  const d = packed % 100;
  const m = ((packed - d) / 100) % 100;
  return m >= 1 && m <= 12 && d >= 1 && d <= daysInMonth(Math.floor(packed / 10000), m);
}

/**
 * True when `s` is a real date on the first day of its month: what `EffectiveFrom` must be.
 *
 * ```ts
 * isFirstDayOfMonth("2026-07-01"); // true
 * ```
 * @throws never: any value is accepted.
 */
export function isFirstDayOfMonth(s: unknown): boolean {
  return isCalendarDate(s) && s.endsWith("-01");
}

/**
 * True when `s` is a real date on the last day of its month: what `EffectiveUntil` must be.
 *
 * ```ts
 * isLastDayOfMonth("2026-06-30"); // true
 * ```
 * @throws never: any value is accepted.
 */
export function isLastDayOfMonth(s: unknown): boolean {
  if (!isCalendarDate(s)) return false;
  const packed = packedDate(s);
  const d = packed % 100;
  return d === daysInMonth(Math.floor(packed / 10000), ((packed - d) / 100) % 100);
}

/** Today's date in UTC as `YYYY-MM-DD`, from epoch milliseconds. */
export function utcDateString(epochMs: number): string {
  return new Date(epochMs).toISOString().slice(0, 10);
}
