/**
 * Pieces shared by the bench scripts (bench/run.ts, bench/cbor.ts,
 * bench/validation.ts): how a measured bundle is built, and the median every
 * figure is reported as. No `import.meta` here: bench/validation.ts, which
 * imports this, is itself bundled to CommonJS.
 */

/** esbuild options for a measured bundle: one minified CommonJS file for Node 20, no license comments. */
export const MEASURED_BUNDLE = {
  bundle: true,
  format: "cjs",
  platform: "node",
  target: "node20",
  minify: true,
  legalComments: "none",
} as const;

/** Median of a non-empty list (the mean of the two middle values when the length is even). */
export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}
