/** Input indexes as inclusive ranges, and how they are shown in messages. */

/** Absolute indexes `first..last` (inclusive) of `RevenueShareAllocations`. */
export interface IndexRange {
  /** Index of the first change of the range. */
  first: number;
  /** Index of the last change of the range (inclusive). */
  last: number;
}

/** Sorted, merged ranges of a set of indexes. */
export function toRanges(indexes: Iterable<number>): IndexRange[] {
  const sorted = [...new Set(indexes)].sort((a, b) => a - b);
  const out: IndexRange[] = [];
  for (const i of sorted) {
    const last = out[out.length - 1];
    if (last && last.last === i - 1) last.last = i;
    else out.push({ first: i, last: i });
  }
  return out;
}

/** How many indexes the ranges cover. */
export function countOf(ranges: readonly IndexRange[]): number {
  return ranges.reduce((n, r) => n + r.last - r.first + 1, 0);
}

/** `RevenueShareAllocations[0..249], [300]`, or `none`. */
export function describeIndexRanges(ranges: readonly IndexRange[], limit = 6): string {
  if (!ranges.length) return "none";
  const shown = ranges.slice(0, limit).map((r) => (r.first === r.last ? `[${r.first}]` : `[${r.first}..${r.last}]`));
  const more = ranges.length > limit ? ", …" : "";
  return `RevenueShareAllocations${shown.join(", ")}${more} (${countOf(ranges)})`;
}
