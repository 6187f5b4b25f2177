/**
 * Reading allocation changes from CSV or JSON Lines, streaming: a row at a
 * time is parsed, normalised and located by its file line, so a file of any
 * size is read in bounded memory (only the rows themselves are kept).
 */
import { createReadStream } from "node:fs";
import { createInterface } from "node:readline";
import { Readable } from "node:stream";
import { parse as parseCsv, CsvError } from "csv-parse";
import { PartnerCentralRevenueMeasurementError, validateRevenueShareAllocations, type RevenueShareAllocation, type ValidationExceptionField } from "../index.js";
import { AllocationsFileError, type AllocationFileProblem } from "./errors.js";

/** File formats of the files subpath. */
export type AllocationFileFormat = "csv" | "jsonl";

/** The columns of a changes file, in the order `exportAllocations` writes them: the members of `RevenueShareAllocation`. */
export const ALLOCATION_COLUMNS = [
  "Action",
  "EntityType",
  "EntityIdentifier",
  "CustomerAwsAccountId",
  "RevenueSharePercent",
  "EffectiveFrom",
  "EffectiveUntil",
  "Status",
  "RevenueAttributionAllocationId",
] as const;

/** One column of a changes file. */
export type AllocationColumn = (typeof ALLOCATION_COLUMNS)[number];

/** Columns every CSV header must name (`Status` and `RevenueAttributionAllocationId` may be left out). */
const REQUIRED_COLUMNS: readonly AllocationColumn[] = ALLOCATION_COLUMNS.slice(0, 7);

/** Enum columns: their cells are upper-cased (`create` is `CREATE`). */
const ENUM_COLUMNS = new Set<string>(["Action", "EntityType", "Status"]);

/** Where the changes come from: a file path, a readable stream, or any async iterable of text or bytes. */
export type AllocationChangesSource = string | NodeJS.ReadableStream | AsyncIterable<string | Uint8Array>;

/** Options of {@link readAllocationChanges} and {@link streamAllocationChanges}. */
export interface ReadAllocationChangesOptions {
  /** Default: `jsonl` for a path ending in `.jsonl` or `.ndjson`, else `csv`. */
  format?: AllocationFileFormat;
}

/** One row of a changes file, as read: its members and its line; `problems` holds what is wrong with the line itself. */
export interface AllocationChangeLine {
  /** 1-based line where the row starts. */
  line: number;
  /** The row's members (empty cells left out). */
  row: Partial<Record<AllocationColumn, string>>;
  /** Problems of this line found while reading (unknown member, extra cells, not JSON); validation rules come later. */
  problems: AllocationFileProblem[];
}

/** The changes of a file, ready for `submitAllocations`: `rows[i]` starts on file line `lines[i]`. */
export interface AllocationChanges {
  format: AllocationFileFormat;
  /** The file's path, when it was read from one. */
  file?: string;
  /** Every change, in file order. */
  rows: RevenueShareAllocation[];
  /** `lines[i]` is the file line of `rows[i]`. */
  lines: number[];
}

/** The format of a path: `jsonl` for `.jsonl`/`.ndjson`, else `csv`. */
export function formatOfPath(path: string | undefined, given?: AllocationFileFormat): AllocationFileFormat {
  if (given) return given;
  return path && /\.(jsonl|ndjson)$/i.test(path) ? "jsonl" : "csv";
}

/**
 * A cell as a member value: surrounding spaces trimmed, empty as absent,
 * enums upper-cased, and a percent sign after `RevenueSharePercent` dropped
 * (what spreadsheets write); everything else is left for validation.
 */
function cellValue(column: string, raw: string): string | undefined {
  let value = raw.trim();
  if (value === "") return undefined;
  if (ENUM_COLUMNS.has(column)) value = value.toUpperCase();
  else if (column === "RevenueSharePercent") value = value.replace(/\s*%$/, "");
  return value;
}

const canonicalColumn = new Map<string, AllocationColumn>(ALLOCATION_COLUMNS.map((c) => [c.toLowerCase(), c]));

/** The column a header cell or JSON member names (case does not matter), or undefined. */
function columnNamed(name: string): AllocationColumn | undefined {
  return canonicalColumn.get(name.trim().toLowerCase());
}

function openSource(source: AllocationChangesSource): { stream: NodeJS.ReadableStream; file?: string } {
  if (typeof source === "string") return { stream: createReadStream(source), file: source };
  if (typeof (source as NodeJS.ReadableStream).pipe === "function") return { stream: source as NodeJS.ReadableStream };
  return { stream: Readable.from(source as AsyncIterable<string | Uint8Array>) };
}

/** A file that cannot be opened or read becomes an {@link AllocationsFileError} naming it and the system's code. */
function readFailure(e: unknown, file: string | undefined): unknown {
  if (e instanceof PartnerCentralRevenueMeasurementError) return e;
  const code = (e as { code?: unknown })?.code;
  const reason = code === "ENOENT" ? "no such file" : code === "EISDIR" ? "it is a directory" : code === "EACCES" ? "permission denied" : String((e as Error)?.message ?? e);
  return new AllocationsFileError([], { file, cause: e, message: `Cannot read ${file ?? "the changes"}: ${reason}${typeof code === "string" ? ` (${code})` : ""}` });
}

/** Line breaks inside a value: `\r\n`, `\n` and `\r` each count once. */
function lineBreaksIn(text: string): number {
  return text.match(/\r\n|\r|\n/g)?.length ?? 0;
}

async function* csvLines(stream: NodeJS.ReadableStream, file: string | undefined): AsyncGenerator<AllocationChangeLine> {
  const parser = parseCsv({
    bom: true,
    info: true,
    skip_empty_lines: true,
    relax_column_count: true,
    // Any line ending, also mixed within one file (csv-parse otherwise keeps the first one it sees).
    record_delimiter: ["\r\n", "\n", "\r"],
  });
  stream.on("error", (e) => parser.destroy(e as Error));
  stream.pipe(parser);
  let header: (AllocationColumn | undefined)[] | undefined;
  let headerNames: string[] = [];
  // csv-parse's `info.lines` is the line where a record ends, except that it counts a `\r\n` inside quotes as two
  // line breaks; `extraBreaks` is that excess so far.
  let extraBreaks = 0;
  try {
    for await (const { record, info } of parser as AsyncIterable<{ record: string[]; info: { lines: number } }>) {
      let breaksInside = 0;
      for (const cell of record) {
        breaksInside += lineBreaksIn(cell);
        extraBreaks += cell.split("\r\n").length - 1;
      }
      const line = info.lines - extraBreaks - breaksInside;
      if (!header) {
        headerNames = record.map((name) => name.trim());
        header = headerNames.map(columnNamed);
        const problems: AllocationFileProblem[] = [];
        headerNames.forEach((name, i) => {
          if (!header![i]) {
            problems.push({ line, column: name, Code: "UNKNOWN_COLUMN", Message: `unknown column "${name}" (column ${i + 1}); the columns are ${ALLOCATION_COLUMNS.join(", ")}` });
          } else if (header!.indexOf(header![i]) !== i) {
            problems.push({ line, column: header![i], Code: "DUPLICATE_VALUE", Message: `column ${header![i]} appears twice (column ${i + 1})` });
          }
        });
        for (const column of REQUIRED_COLUMNS) {
          if (!header.includes(column)) problems.push({ line, column, Code: "REQUIRED_FIELD_MISSING", Message: `the header has no ${column} column` });
        }
        if (problems.length) throw new AllocationsFileError(problems, { file });
        continue;
      }
      const row: AllocationChangeLine["row"] = {};
      const problems: AllocationFileProblem[] = [];
      record.forEach((raw, i) => {
        const column = header![i];
        if (column) {
          const value = cellValue(column, raw);
          if (value !== undefined) row[column] = value;
        } else if (raw.trim() !== "") {
          problems.push({ line, Code: "MALFORMED_LINE", Message: `has ${record.length} cells, the header ${header!.length}` });
        }
      });
      yield { line, row, problems: problems.slice(0, 1) };
    }
  } catch (e) {
    if (e instanceof CsvError) {
      const line = Math.max(1, Number((e as { lines?: number }).lines ?? 1) - extraBreaks);
      throw new AllocationsFileError([{ line, Code: "MALFORMED_LINE", Message: e.message.replace(/^[^:]*: /, "") }], { file, cause: e });
    }
    throw readFailure(e, file);
  }
  if (!header) throw new AllocationsFileError([{ line: 1, Code: "REQUIRED_FIELD_MISSING", Message: "the file is empty: it needs a header row" }], { file });
}

async function* jsonLines(stream: NodeJS.ReadableStream, file: string | undefined): AsyncGenerator<AllocationChangeLine> {
  const reader = createInterface({ input: stream, crlfDelay: Infinity });
  let line = 0;
  try {
    for await (let text of reader) {
      line++;
      if (line === 1 && text.charCodeAt(0) === 0xfeff) text = text.slice(1);
      if (text.trim() === "") continue;
      const problems: AllocationFileProblem[] = [];
      const row: AllocationChangeLine["row"] = {};
      let parsed: unknown;
      try {
        parsed = JSON.parse(text);
      } catch (e) {
        yield { line, row, problems: [{ line, Code: "MALFORMED_LINE", Message: `is not JSON (${(e as Error).message})` }] };
        continue;
      }
      if (parsed === null || typeof parsed !== "object" || Array.isArray(parsed)) {
        yield { line, row, problems: [{ line, Code: "MALFORMED_LINE", Message: "must be a JSON object" }] };
        continue;
      }
      for (const [name, value] of Object.entries(parsed)) {
        const column = columnNamed(name);
        if (!column) {
          problems.push({ line, column: name, Code: "UNKNOWN_COLUMN", Message: `unknown member "${name}"; the members are ${ALLOCATION_COLUMNS.join(", ")}` });
        } else if (value === null) {
          continue; // null is an absent member, like an empty cell
        } else if (typeof value === "string" || (typeof value === "number" && column === "RevenueSharePercent")) {
          const cell = cellValue(column, String(value));
          if (cell !== undefined) row[column] = cell;
        } else {
          problems.push({ line, column, Code: "INVALID_VALUE", Message: `must be a string (got ${Array.isArray(value) ? "array" : typeof value})` });
        }
      }
      yield { line, row, problems };
    }
  } catch (e) {
    throw readFailure(e, file);
  }
}

/**
 * Reads a changes file row by row, without holding the file: each row comes
 * with its file line and the problems of the line itself (unknown member,
 * extra cells, a line that is not JSON). Validation rules are not applied:
 * {@link readAllocationChanges} does that.
 *
 * ```ts
 * for await (const { line, row, problems } of streamAllocationChanges("changes.csv")) {
 *   if (problems.length) console.warn(`line ${line}: ${problems[0].Message}`);
 * }
 * ```
 *
 * @throws AllocationsFileError when the file cannot be read, its header names an unknown or duplicate column or
 *   misses a required one, or a CSV quote is never closed.
 */
export async function* streamAllocationChanges(
  source: AllocationChangesSource,
  options: ReadAllocationChangesOptions = {},
): AsyncGenerator<AllocationChangeLine> {
  const { stream, file } = openSource(source);
  const format = formatOfPath(file, options.format);
  yield* format === "jsonl" ? jsonLines(stream, file) : csvLines(stream, file);
}

const ITEM_PATH = /^RevenueShareAllocations\[(\d+)\](?:\.([A-Za-z]+))?/;

/**
 * Problems named by input index (`RevenueShareAllocations[7].EffectiveUntil`, as validation and the batch helper
 * name them) as problems by file line and column; other indexes in a message become lines too.
 */
export function problemsByLine(fields: readonly ValidationExceptionField[], lines: readonly number[]): AllocationFileProblem[] {
  const lineOf = (index: number) => lines[index] ?? index;
  return fields.map((f) => {
    const m = ITEM_PATH.exec(f.Name);
    const Message = f.Message.replace(/RevenueShareAllocations\[(\d+)\]/g, (_all, i: string) => `line ${lineOf(Number(i))}`);
    if (!m) return { line: 0, column: f.Name, Code: String(f.Code), Message };
    return { line: lineOf(Number(m[1])), ...(m[2] ? { column: m[2] } : {}), Code: String(f.Code), Message };
  });
}

/**
 * Reads every change of a CSV or JSON Lines file (streaming) and checks each
 * row with the package's validation rules; resolves only when every row is
 * valid, with the rows and their file lines.
 *
 * Layout: a header row naming the columns by `RevenueShareAllocation`'s member
 * names (`Action`, `EntityType`, `EntityIdentifier`, `CustomerAwsAccountId`,
 * `RevenueSharePercent`, `EffectiveFrom`, `EffectiveUntil`, `Status`,
 * `RevenueAttributionAllocationId`; any order, case does not matter); an
 * empty cell is an absent member. JSON Lines: one object per line with those
 * members (string values; `null` is absent). Cells are trimmed, `Action`,
 * `EntityType` and `Status` upper-cased, a `%` after the percent dropped.
 *
 * ```ts
 * const changes = await readAllocationChanges("changes.csv");
 * await submitAllocations({ client }, { Catalog: "AWS", RevenueAttributionIdentifier: "ra-abc123def4567", RevenueShareAllocations: changes.rows });
 * ```
 *
 * @throws AllocationsFileError with every problem (line, column, code, message), when the file cannot be read
 *   or any row is invalid; nothing is sent.
 */
export async function readAllocationChanges(
  source: AllocationChangesSource,
  options: ReadAllocationChangesOptions = {},
): Promise<AllocationChanges> {
  const file = typeof source === "string" ? source : undefined;
  const format = formatOfPath(file, options.format);
  const rows: RevenueShareAllocation[] = [];
  const lines: number[] = [];
  const problems: AllocationFileProblem[] = [];
  try {
    for await (const read of streamAllocationChanges(source, { format })) {
      if (read.problems.length) problems.push(...read.problems);
      else {
        rows.push(read.row as RevenueShareAllocation);
        lines.push(read.line);
      }
    }
  } catch (e) {
    if (!(e instanceof AllocationsFileError) || e.problems.length === 0) throw e;
    throw new AllocationsFileError([...problems, ...e.problems], { file, cause: e.cause });
  }
  if (rows.length === 0 && problems.length === 0) {
    problems.push({ line: 1, Code: "TOO_MANY_VALUES", Message: "the file holds no changes" });
  }
  problems.push(...problemsByLine(rows.length ? validateRevenueShareAllocations(rows) : [], lines));
  if (problems.length) throw new AllocationsFileError(problems, { file });
  return { format, ...(file !== undefined ? { file } : {}), rows, lines };
}
