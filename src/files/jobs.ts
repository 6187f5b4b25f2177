/**
 * A changes file against an attribution: plan it, apply it (resumable), find
 * the allocation ids, export what is stored in the same layout. Every
 * problem and result is located by file line.
 */
// Classes and functions with state come through the package's public entry (see errors.ts); the natural key is a pure function.
import {
  ClientValidationError,
  paginateListRevenueAttributionAllocations,
  type CatalogName,
  type PartnerCentralRevenueMeasurementClient,
  type RevenueAttributionAllocationSummary,
  type RevenueShareAllocation,
} from "../index.js";
import {
  AllocationsConflictError,
  AllocationsSubmissionError,
  planAllocations,
  submitAllocations,
  type AllocationsPlan,
  type PlannedChangeAction,
  type SubmitAllocationsConfiguration,
  type SubmitAllocationsInput,
} from "../batch/index.js";
import { assertConfiguration, configurationShapeProblems, misplacedOptionProblems } from "../options.js";
import { combineSignals } from "../waiters/waitUntilAllocationsTaskComplete.js";
import { allocationNaturalKey } from "../validation/allocations.js";
import { AllocationsFileError, type AllocationFileProblem } from "./errors.js";
import { ALLOCATION_COLUMNS, problemsByLine, type AllocationChanges, type AllocationFileFormat } from "./read.js";
import { countOutcomes, resultsOf, type AllocationOutcome, type AllocationRowResult } from "./results.js";
import { writeRecords, type AllocationFileDestination } from "./write.js";

/** The attribution a file is applied to. */
export interface AllocationsTarget {
  Catalog: CatalogName;
  /** `ra-…` id or the attribution's ARN. */
  RevenueAttributionIdentifier: string;
}

/** Configuration of the files layer's functions: the client, and an abort signal for the run. */
export interface AllocationsFileConfiguration {
  /** The client that sends every request. */
  client: PartnerCentralRevenueMeasurementClient;
  /** Stops the run with `AbortError` (an apply resolves with `stoppedBy`). */
  abortSignal?: AbortSignal;
}

/** A changes file and the attribution it is for: the input of {@link planAllocationsFile} and {@link applyAllocationsFile}. */
export interface AllocationsFileInput extends AllocationsTarget {
  /** The rows, as {@link readAllocationChanges} read them. */
  changes: AllocationChanges;
  /** Sent with every task (see `submitAllocations`); give the same one to plan and apply. */
  Description?: string;
}

const FILE_CONFIGURATION_NAMES = ["client", "abortSignal"] as const;

/** Throws `InvalidConfigurationError` for the old `(client, …)` shape, a missing client or an unknown option. */
/** The members of the input (the second argument) of the plan and apply functions. */
const FILE_INPUT_NAMES: ReadonlySet<string> = new Set(["Catalog", "RevenueAttributionIdentifier", "changes", "Description"]);

/**
 * Refuses a bad configuration, and an input holding an option or a member it does not know (which would be
 * silently dropped: a `deadline` there would never stop the run), before any request.
 */
function checkConfiguration(operation: string, config: unknown, known: readonly string[], shape: string, input?: unknown): void {
  const problems = configurationShapeProblems(config, new Set(known), shape);
  if (input !== undefined) {
    const misplaced = misplacedOptionProblems(input, new Set(known), operation);
    problems.push(...misplaced);
    if (typeof input !== "object" || input === null) {
      problems.push({ option: "input", rule: `must be an object: call ${shape}` });
    } else {
      for (const name of Object.keys(input)) {
        if (FILE_INPUT_NAMES.has(name) || misplaced.some((p) => p.option === name)) continue;
        problems.push({ option: name, rule: `is not a member of the input (supported: ${[...FILE_INPUT_NAMES].join(", ")})` });
      }
    }
  }
  assertConfiguration(operation, problems);
}

/** Batch errors that come before any write, as an {@link AllocationsFileError} by line; others unchanged. */
function byLine(e: unknown, changes: AllocationChanges): unknown {
  if (e instanceof ClientValidationError) return new AllocationsFileError(problemsByLine(e.FieldList, changes.lines), { file: changes.file, cause: e });
  if (e instanceof AllocationsConflictError) {
    return new AllocationsFileError(conflictProblems(e.conflicts, changes.lines), { file: changes.file, cause: e });
  }
  return e;
}

function conflictProblems(conflicts: AllocationsPlan["conflicts"], lines: readonly number[]): AllocationFileProblem[] {
  return conflicts.map((c) => ({ line: c.index === undefined ? 0 : (lines[c.index] ?? c.index), Code: "CONFLICT", Message: c.reason }));
}

/** What applying a file would do, by line. */
export interface AllocationsFilePlan {
  /** The batch helper's plan (by input index). */
  plan: AllocationsPlan;
  /** The file lines of the rows that would create, would update, and are already applied. */
  lines: Record<PlannedChangeAction, number[]>;
  /** Conflicts the apply would stop at, by line (line 0: about the attribution as a whole). */
  conflicts: AllocationFileProblem[];
}

/**
 * Says what {@link applyAllocationsFile} would do, with zero writes: per line,
 * whether the row is already applied, would create or would update; how many
 * tasks; and the conflicts (by line) the apply would stop at.
 *
 * ```ts
 * const changes = await readAllocationChanges("changes.csv");
 * const { plan, conflicts } = await planAllocationsFile({ client }, { Catalog: "AWS", RevenueAttributionIdentifier: "ra-abc123def4567", changes });
 * console.log(`${plan.taskCount} tasks, ${conflicts.length} conflicts`);
 * ```
 *
 * @throws InvalidConfigurationError when the configuration is not `{ client, abortSignal? }` (e.g. a client passed first).
 * @throws AllocationsFileError when a row breaks a rule the batch helper checks (by line).
 * @throws PartnerCentralRevenueMeasurementServiceException (e.g. `ResourceNotFoundException` for a wrong attribution id) or `NetworkError`.
 */
export async function planAllocationsFile(config: AllocationsFileConfiguration, input: AllocationsFileInput): Promise<AllocationsFilePlan> {
  checkConfiguration("planAllocationsFile", config, FILE_CONFIGURATION_NAMES, "planAllocationsFile({ client }, { Catalog, RevenueAttributionIdentifier, changes })", input);
  const { client, abortSignal } = config;
  const { changes } = input;
  let plan: AllocationsPlan;
  try {
    plan = await planAllocations({ client, ...(abortSignal ? { abortSignal } : {}) }, submissionOf(input));
  } catch (e) {
    throw byLine(e, changes);
  }
  const linesIn = (ranges: readonly { first: number; last: number }[]) =>
    ranges.flatMap(({ first, last }) => changes.lines.slice(first, last + 1));
  return {
    plan,
    lines: { create: linesIn(plan.toCreate), update: linesIn(plan.toUpdate), alreadyApplied: linesIn(plan.alreadyApplied) },
    conflicts: conflictProblems(plan.conflicts, changes.lines),
  };
}

/** Configuration of {@link applyAllocationsFile}: the client, and the batch helper's progress, deadline and waiter options. */
export interface ApplyAllocationsFileConfiguration
  extends AllocationsFileConfiguration,
    Pick<SubmitAllocationsConfiguration, "onProgress" | "onPoll" | "minDelayMs" | "maxDelayMs" | "maxWaitMs" | "deadline"> {}

const APPLY_CONFIGURATION_NAMES = [...FILE_CONFIGURATION_NAMES, "onProgress", "onPoll", "minDelayMs", "maxDelayMs", "maxWaitMs", "deadline"] as const;

/** Time kept before the deadline when listing ids after a run (the batch helper keeps as much for returning). */
const LISTING_MARGIN_MS = 1000;
/** The longest delay a Node timer takes (a longer budget is as good as none for one listing). */
const MAX_TIMER_MS = 2_147_483_647;

/** The batch helper's input for a file. */
function submissionOf(input: AllocationsFileInput): SubmitAllocationsInput {
  const { Catalog, RevenueAttributionIdentifier, Description, changes } = input;
  return { Catalog, RevenueAttributionIdentifier, ...(Description !== undefined ? { Description } : {}), RevenueShareAllocations: changes.rows };
}

/** The outcome of {@link applyAllocationsFile}. */
export interface AllocationsFileOutcome {
  /** True when every row is applied (by this run or before). */
  finished: boolean;
  /** One result per row, in file order. */
  results: AllocationRowResult[];
  /** How many rows have each outcome. */
  counts: Record<AllocationOutcome, number>;
  /** Tasks this run saw COMPLETE. */
  tasks: number;
  /** The attribution's revision at the end, when known. */
  revision?: string;
  /** Why the run stopped before every row was applied (a FAILED task, an abort, a network error…); run again to continue. */
  stoppedBy?: AllocationsSubmissionError;
}

/**
 * Applies a changes file to an attribution with `submitAllocations`:
 * validated first, then in tasks of up to 250 rows; running it again with the
 * same file resumes and applies each change once. Resolves with every row's
 * result (line, action, allocation id, outcome) also when the run stopped
 * part-way (`stoppedBy`), so a results file can always be written.
 *
 * ```ts
 * const changes = await readAllocationChanges("changes.csv");
 * const outcome = await applyAllocationsFile({ client }, { Catalog: "AWS", RevenueAttributionIdentifier: "ra-abc123def4567", changes });
 * await writeAllocationResults("results.csv", outcome.results);
 * if (!outcome.finished) process.exitCode = 1;
 * ```
 *
 * @throws InvalidConfigurationError when an option is bad, unknown or renamed, or a client is passed first; nothing is sent.
 * @throws AllocationsFileError when a row breaks a rule, or the attribution contradicts the file (`CONFLICT`, by line); nothing is sent.
 * @throws PartnerCentralRevenueMeasurementServiceException or `NetworkError` when reading the attribution fails before any write.
 */
export async function applyAllocationsFile(config: ApplyAllocationsFileConfiguration, input: AllocationsFileInput): Promise<AllocationsFileOutcome> {
  checkConfiguration(
    "applyAllocationsFile",
    config,
    APPLY_CONFIGURATION_NAMES,
    "applyAllocationsFile({ client, onProgress, ... }, { Catalog, RevenueAttributionIdentifier, changes })",
    input,
  );
  const { changes } = input;
  let outcome: Omit<AllocationsFileOutcome, "counts">;
  try {
    const out = await submitAllocations(config, submissionOf(input));
    const results = resultsOf(changes.rows, changes.lines, out);
    out.allocationIds.forEach((id, i) => {
      if (id !== undefined) results[i]!.RevenueAttributionAllocationId = id;
    });
    outcome = { finished: out.finished, results, tasks: out.tasks.length, revision: out.revision };
  } catch (e) {
    if (!(e instanceof AllocationsSubmissionError)) throw byLine(e, changes);
    // Stopped while reading the attribution, before any start (a wrong id, no credentials, nothing listening):
    // the underlying error says more than a report of rows none of which was sent.
    if (e.revision === undefined && e.tasks.length === 0 && e.taskId === undefined) {
      throw e.cause instanceof Error ? e.cause : e;
    }
    outcome = { finished: false, results: resultsOf(changes.rows, changes.lines, e), tasks: e.tasks.length, revision: e.revision, stoppedBy: e };
  }
  // The batch helper returns the ids of what it committed, except when it stopped before reading created ones back
  // (the deadline came first, or it threw): only then is the attribution listed for them.
  // The listing stops a second before the deadline (a large attribution takes many pages, and a Lambda invocation
  // must still write its results); ids it did not reach stay empty, and the next run, which resumes, fills them.
  const { client, abortSignal, deadline } = config;
  const leftMs = deadline === undefined ? Infinity : deadline instanceof Date ? deadline.getTime() - client.config.clock.now() : Number(deadline());
  if (leftMs > LISTING_MARGIN_MS) {
    const untilDeadline = leftMs - LISTING_MARGIN_MS <= MAX_TIMER_MS ? AbortSignal.timeout(leftMs - LISTING_MARGIN_MS) : undefined;
    const listing = combineSignals([abortSignal, untilDeadline]);
    try {
      const { Catalog, RevenueAttributionIdentifier } = input;
      await addAllocationIds(
        { client, abortSignal: listing.signal },
        { Catalog, RevenueAttributionIdentifier, rows: changes.rows, results: outcome.results },
      );
    } finally {
      listing.dispose();
    }
  }
  return { ...outcome, counts: countOutcomes(outcome.results) };
}

/**
 * Fills `RevenueAttributionAllocationId` of the applied CREATE rows' results
 * that have none yet by listing the attribution's allocations and matching
 * each row by its natural key (entity type, entity id, customer account,
 * period), preferring the allocation that holds the row's percent and status.
 * Lists nothing when every applied CREATE has its id (`applyAllocationsFile`
 * first takes those `submitAllocations` returns). Pages are matched as they
 * come and not kept (100,000 stored allocations would otherwise be held at
 * once). A list that fails (the run was aborted, the network is down) leaves
 * the ids out.
 *
 * ```ts
 * await addAllocationIds({ client }, { Catalog: "AWS", RevenueAttributionIdentifier: "ra-abc123def4567", rows: changes.rows, results });
 * ```
 *
 * @throws InvalidConfigurationError when the configuration is not `{ client, abortSignal? }`.
 */
export async function addAllocationIds(
  config: AllocationsFileConfiguration,
  input: AllocationsTarget & { rows: readonly RevenueShareAllocation[]; results: AllocationRowResult[] },
): Promise<void> {
  checkConfiguration("addAllocationIds", config, FILE_CONFIGURATION_NAMES, "addAllocationIds({ client }, { Catalog, RevenueAttributionIdentifier, rows, results })");
  const { rows, results } = input;
  const keyOf = (a: { EntityType?: string; EntityIdentifier?: string; CustomerAwsAccountId?: string; EffectiveFrom?: string; EffectiveUntil?: string }) =>
    allocationNaturalKey(a.EntityType, a.EntityIdentifier, a.CustomerAwsAccountId, a.EffectiveFrom, a.EffectiveUntil);
  const wanted = new Map<string, number>(); // natural key -> row index (CREATEs are unique by it: validation says so)
  results.forEach((r, i) => {
    const applied = r.outcome === "applied" || r.outcome === "already applied";
    if (rows[i]!.Action === "CREATE" && applied && r.RevenueAttributionAllocationId === undefined) wanted.set(keyOf(rows[i]!), i);
  });
  if (wanted.size === 0 || config.abortSignal?.aborted) return;
  const exact = new Set<number>(); // rows whose id is an allocation holding their percent and status
  try {
    for await (const a of storedAllocations(config, input)) {
      const i = wanted.get(keyOf(a));
      if (i === undefined || exact.has(i)) continue;
      const row = rows[i]!;
      if (Number(a.RevenueSharePercent) === Number(row.RevenueSharePercent) && a.Status === (row.Status ?? "ACTIVE")) exact.add(i);
      else if (results[i]!.RevenueAttributionAllocationId !== undefined) continue;
      results[i]!.RevenueAttributionAllocationId = a.RevenueAttributionAllocationId;
    }
  } catch {
    // The results stand without ids; the outcome already says why the run stopped.
  }
}

/** Every allocation the attribution holds at its latest revision, page by page. */
async function* storedAllocations(config: AllocationsFileConfiguration, target: AllocationsTarget): AsyncGenerator<RevenueAttributionAllocationSummary> {
  const { client, abortSignal } = config;
  const { Catalog, RevenueAttributionIdentifier } = target;
  for await (const page of paginateListRevenueAttributionAllocations({ client, pageSize: 500, abortSignal }, { Catalog, RevenueAttributionIdentifier })) {
    yield* page.RevenueAttributionAllocationSummaries ?? [];
  }
}

/** Configuration of {@link exportAllocations}. */
export interface ExportAllocationsConfiguration extends AllocationsFileConfiguration {
  /** `csv` or `jsonl`; default: from the destination's extension (`.jsonl`, `.ndjson`), else `csv`. */
  format?: AllocationFileFormat;
}

/**
 * Writes the attribution's allocations as a changes file (the layout
 * {@link readAllocationChanges} reads), one `UPDATE` row per allocation with
 * its id, to a path or a stream: edit it and apply it to change them
 * (unchanged rows are already applied). Streams page by page. Resolves with
 * the number of rows.
 *
 * ```ts
 * await exportAllocations({ client }, { Catalog: "AWS", RevenueAttributionIdentifier: "ra-abc123def4567" }, "allocations.csv");
 * ```
 *
 * @throws InvalidConfigurationError when the configuration is not `{ client, abortSignal?, format? }` or `format` is
 * neither `csv` nor `jsonl`.
 * @throws PartnerCentralRevenueMeasurementServiceException (e.g. `ResourceNotFoundException`), `NetworkError`, or AllocationsFileError when the destination cannot be written.
 */
export async function exportAllocations(
  config: ExportAllocationsConfiguration,
  target: AllocationsTarget,
  destination: AllocationFileDestination,
): Promise<number> {
  checkConfiguration(
    "exportAllocations",
    config,
    [...FILE_CONFIGURATION_NAMES, "format"],
    "exportAllocations({ client, format }, { Catalog, RevenueAttributionIdentifier }, destination)",
  );
  if (config.format !== undefined && config.format !== "csv" && config.format !== "jsonl") {
    assertConfiguration("exportAllocations", [{ option: "format", rule: `must be "csv" or "jsonl", got ${JSON.stringify(config.format)}` }]);
  }
  const format = config.format ?? (typeof destination === "string" && /\.(jsonl|ndjson)$/i.test(destination) ? "jsonl" : "csv");
  const records = (async function* () {
    for await (const a of storedAllocations(config, target)) {
      yield {
        Action: "UPDATE",
        EntityType: a.EntityType,
        EntityIdentifier: a.EntityIdentifier,
        CustomerAwsAccountId: a.CustomerAwsAccountId,
        RevenueSharePercent: a.RevenueSharePercent,
        EffectiveFrom: a.EffectiveFrom,
        EffectiveUntil: a.EffectiveUntil,
        Status: a.Status,
        RevenueAttributionAllocationId: a.RevenueAttributionAllocationId,
      };
    }
  })();
  return writeRecords(destination, format, ALLOCATION_COLUMNS, records);
}
