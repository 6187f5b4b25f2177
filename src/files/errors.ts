/** The error of the files subpath: problems of an allocation changes file, by file line and column. */
// The package's classes come through its public entry, so that the CommonJS build of this subpath shares them
// with the package's (tsup.config.ts, writeFilesRequireEntry): `instanceof` holds across both.
import { maskAccountIds } from "../errors.js";
import { PartnerCentralRevenueMeasurementError } from "../index.js";

/** One problem of a changes file, located by file line (1-based) and, when it is about one cell, its column. */
export interface AllocationFileProblem {
  /** 1-based line of the file where the row starts (the header is line 1 of a CSV). */
  line: number;
  /** The column (member name) the problem is about, when it is about one cell. */
  column?: string;
  /** A service field code (`INVALID_STRING_FORMAT`, `REQUIRED_FIELD_MISSING`, …) or `UNKNOWN_COLUMN`, `MALFORMED_LINE`, `CONFLICT`. */
  Code: string;
  /** What is wrong, in words (account ids masked). */
  Message: string;
}

/** `line 7, EffectiveUntil: must be the last day of a month [INVALID_VALUE]` */
export function describeProblem(p: AllocationFileProblem): string {
  return `line ${p.line}${p.column ? `, ${p.column}` : ""}: ${p.Message} [${p.Code}]`;
}

/**
 * A changes file has problems: rows that break a rule, unknown or missing
 * columns, lines that cannot be parsed, or rows the attribution contradicts.
 * Thrown before any request that writes; `problems` lists every one by line.
 *
 * ```ts
 * try {
 *   await readAllocationChanges("changes.csv");
 * } catch (e) {
 *   if (e instanceof AllocationsFileError) for (const p of e.problems) console.error(`line ${p.line} ${p.column ?? ""}: ${p.Message}`);
 * }
 * ```
 */
export class AllocationsFileError extends PartnerCentralRevenueMeasurementError {
  override readonly name = "AllocationsFileError";
  /** Every problem found, in line order. */
  readonly problems: AllocationFileProblem[];
  /** The file, when it was read from a path. */
  readonly file?: string;

  /** `problems` may be empty when `message` says what is wrong (a file that cannot be read). */
  constructor(problems: AllocationFileProblem[], options: { file?: string; cause?: unknown; message?: string } = {}) {
    const sorted = [...problems].sort((a, b) => a.line - b.line);
    const shown = sorted.slice(0, 5).map(describeProblem).join("; ");
    const more = sorted.length > 5 ? `; and ${sorted.length - 5} more` : "";
    super(
      maskAccountIds(
        options.message ??
          `${options.file ?? "The changes file"} has ${sorted.length} problem${sorted.length === 1 ? "" : "s"}: ${shown}${more}. Nothing was sent.`,
      ),
      { cause: options.cause },
    );
    this.problems = sorted.map((p) => ({ ...p, Message: maskAccountIds(p.Message) }));
    if (options.file !== undefined) this.file = options.file;
  }
}
