/**
 * The `allocations` command-line tool: plan, apply and export revenue
 * attribution allocations from CSV or JSON Lines files, with AWS CLI
 * conventions for credentials and target. `runAllocationsCli` does the work;
 * src/cli/main.ts is the executable around it.
 */
import { parseArgs } from "node:util";
import { PartnerCentralRevenueMeasurementClient } from "../client.js";
import { AbortError } from "../errors.js";
import { ALLOCATIONS_TASK_WAITER_DEFAULTS } from "../waiters/waitUntilAllocationsTaskComplete.js";
import type { CatalogName } from "../models.js";
import { RevenueAttributionIdentifier } from "../validation/shapes.js";
import { readAllocationChanges, type AllocationFileFormat } from "../files/read.js";
import {
  applyAllocationsFile,
  exportAllocations,
  planAllocationsFile,
  type AllocationsFileConfiguration,
  type AllocationsFileInput,
  type AllocationsTarget,
  type ExportAllocationsConfiguration,
} from "../files/jobs.js";
import { writeAllocationResults } from "../files/results.js";
import { describeProblem } from "../files/errors.js";
import { EXIT, UsageError, explain } from "./messages.js";
import { progressDisplay } from "./progress.js";

export const USAGE = `Usage:
  allocations plan FILE --attribution ra-… --catalog AWS|Sandbox [options]
  allocations apply FILE --attribution ra-… --catalog AWS|Sandbox [--results FILE] [options]
  allocations export --attribution ra-… --catalog AWS|Sandbox [--output FILE] [options]

Plans, applies and exports AWS Partner Central revenue attribution allocations
from CSV or JSON Lines files (header/member names: Action, EntityType,
EntityIdentifier, CustomerAwsAccountId, RevenueSharePercent, EffectiveFrom,
EffectiveUntil, Status, RevenueAttributionAllocationId; empty cell = absent).

  plan     checks every row and says what apply would do, per line; writes nothing
  apply    submits in tasks of up to 250 rows (stopping at a conflict before any write);
           running it again resumes
           (each change is applied once); Ctrl-C stops cleanly
  export   writes the stored allocations in the same layout (UPDATE rows with ids):
           edit them and apply the file

Options:
  --attribution <id>      revenue attribution id (ra-…) or ARN (required)
  --catalog <name>        AWS or Sandbox (required)
  --format <csv|jsonl>    file format (default: from the extension; .jsonl/.ndjson are JSON Lines)
  --results <file>        apply: write one result per row (line, action, allocation id, outcome)
  --output <file>         export: write here instead of standard output
  --profile <name>        AWS profile (wins over AWS_ACCESS_KEY_ID in the environment)
  --region <name>         AWS region (default: AWS_REGION, else us-east-1)
  --endpoint-url <url>    endpoint, e.g. the emulator's (default: AWS_ENDPOINT_URL…)
  --poll-min-delay <s>    shortest wait between task polls, in seconds (default 0.25)
  --poll-max-delay <s>    longest wait between task polls, in seconds (default 10)
  --json                  print the outcome as one JSON object on standard output
  --quiet                 no progress display
  -h, --help              show this help

Credentials: the standard AWS chain (AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY,
AWS_PROFILE, shared config files, SSO, instance roles).

Exit codes: 0 all rows applied (plan: nothing in the way; export: written),
1 some rows failed, are invalid, conflict or were not applied,
2 usage or configuration error (arguments, file, attribution, credentials,
endpoint), 130 interrupted (run the same command again to resume).
`;

/** Where the tool writes, and the environment it reads (a process's by default). */
export interface CliIO {
  stdout: NodeJS.WritableStream & { isTTY?: boolean };
  stderr: NodeJS.WritableStream & { isTTY?: boolean };
  env: NodeJS.ProcessEnv;
  /** Aborted when the user interrupts (Ctrl-C). */
  interrupt?: AbortSignal;
}

const OPTIONS = {
  attribution: { type: "string" },
  catalog: { type: "string" },
  format: { type: "string" },
  results: { type: "string" },
  output: { type: "string" },
  profile: { type: "string" },
  region: { type: "string" },
  "endpoint-url": { type: "string" },
  "poll-min-delay": { type: "string" },
  "poll-max-delay": { type: "string" },
  json: { type: "boolean" },
  quiet: { type: "boolean" },
  help: { type: "boolean", short: "h" },
} as const;

type Values = ReturnType<typeof parseArgs<{ options: typeof OPTIONS; allowPositionals: true }>>["values"];

/** A delay flag, given in seconds on the command line (as people type it), in milliseconds (as the SDK takes it). */
function millisecondsOf(values: Values, name: "poll-min-delay" | "poll-max-delay"): number | undefined {
  const raw = values[name];
  if (raw === undefined) return undefined;
  const n = Number(raw);
  if (!(Number.isFinite(n) && n > 0)) throw new UsageError(`--${name} must be a positive number of seconds, got "${raw}"`);
  return n * 1000;
}

function formatOption(values: Values): AllocationFileFormat | undefined {
  const f = values.format;
  if (f === undefined) return undefined;
  if (f !== "csv" && f !== "jsonl") throw new UsageError(`--format must be csv or jsonl, got "${f}"`);
  return f;
}

function targetOf(values: Values): AllocationsTarget {
  const missing = (["attribution", "catalog"] as const).filter((o) => values[o] === undefined);
  if (missing.length) throw new UsageError(`missing ${missing.map((o) => `--${o}`).join(" and ")}`);
  const catalog = values.catalog!;
  if (catalog !== "AWS" && catalog !== "Sandbox") throw new UsageError(`--catalog must be AWS or Sandbox, got "${catalog}"`);
  const attribution = values.attribution!;
  if (!RevenueAttributionIdentifier().safeParse(attribution).success) {
    throw new UsageError(`--attribution must be a revenue attribution id (ra- and 13 lowercase letters or digits) or its ARN, got "${attribution}"`);
  }
  return { Catalog: catalog as CatalogName, RevenueAttributionIdentifier: attribution };
}

/** `2-251, 300, 302-305` (at most `limit` ranges). */
export function describeLines(lines: readonly number[], limit = 8): string {
  const ranges: [number, number][] = [];
  for (const l of lines) {
    const last = ranges[ranges.length - 1];
    if (last && last[1] === l - 1) last[1] = l;
    else ranges.push([l, l]);
  }
  const shown = ranges.slice(0, limit).map(([a, b]) => (a === b ? `${a}` : `${a}-${b}`));
  return shown.join(", ") + (ranges.length > limit ? `, … (${ranges.length - limit} more ranges)` : "");
}

/**
 * Runs the tool with `argv` (without `node` and the script) and resolves with
 * its exit code; never throws.
 */
export async function runAllocationsCli(argv: string[], io: CliIO): Promise<number> {
  const say = (text: string) => io.stderr.write(`${text}\n`);
  let values: Values;
  let positionals: string[];
  try {
    ({ values, positionals } = parseArgs({ args: argv, options: OPTIONS, allowPositionals: true, strict: true }));
  } catch (e) {
    say(`${(e as Error).message}\n\n${USAGE}`);
    return EXIT.usage;
  }
  if (values.help || positionals.length === 0) {
    (values.help ? io.stdout : io.stderr).write(USAGE);
    return values.help ? EXIT.ok : EXIT.usage;
  }
  const [command, ...files] = positionals;
  let client: PartnerCentralRevenueMeasurementClient | undefined;
  let endpoint = values["endpoint-url"] ?? "the service endpoint";
  const json = values.json === true;
  const fail = (e: unknown): number => {
    const { lines, exitCode } = explain(e, { endpoint, attribution: values.attribution, catalog: values.catalog });
    if (json) io.stdout.write(`${JSON.stringify({ command, exitCode, error: { name: (e as Error)?.name, message: lines.join("\n") } })}\n`);
    else say(lines.join("\n"));
    return exitCode;
  };
  try {
    if (command !== "plan" && command !== "apply" && command !== "export") throw new UsageError(`unknown command "${command}": use plan, apply or export`);
    const wantsFile = command !== "export";
    if (wantsFile && files.length !== 1) throw new UsageError(`${command} takes one FILE`);
    if (!wantsFile && files.length) throw new UsageError("export takes no FILE; use --output FILE");
    if (command !== "apply" && values.results !== undefined) throw new UsageError("--results goes with apply");
    if (command !== "export" && values.output !== undefined) throw new UsageError("--output goes with export");
    const target = targetOf(values);
    const format = formatOption(values);
    const minDelayMs = millisecondsOf(values, "poll-min-delay");
    const maxDelayMs = millisecondsOf(values, "poll-max-delay");
    const effectiveMinMs = minDelayMs ?? ALLOCATIONS_TASK_WAITER_DEFAULTS.minDelayMs;
    if (maxDelayMs !== undefined && maxDelayMs < effectiveMinMs) {
      throw new UsageError(
        `--poll-max-delay (${maxDelayMs / 1000} s) must be at least --poll-min-delay (${effectiveMinMs / 1000} s${minDelayMs === undefined ? ", its default" : ""})`,
      );
    }
    if (values.profile !== undefined) {
      // As in the AWS CLI, a named profile wins over keys in the environment; the chain reads AWS_PROFILE when it loads.
      io.env.AWS_PROFILE = values.profile;
      delete io.env.AWS_ACCESS_KEY_ID;
      delete io.env.AWS_SECRET_ACCESS_KEY;
      delete io.env.AWS_SESSION_TOKEN;
    }
    // Read (and check) the file before creating the client: a bad file needs no credentials.
    const changes = wantsFile ? await readAllocationChanges(files[0]!, { format }) : undefined;
    client = new PartnerCentralRevenueMeasurementClient({ region: values.region, endpoint: values["endpoint-url"] });
    endpoint = client.config.endpoint.url.toString().replace(/\/$/, "");
    const config = { client, ...(io.interrupt ? { abortSignal: io.interrupt } : {}) };
    if (command === "export") return await runExport({ ...config, ...(format ? { format } : {}) }, target, values.output, io, json);
    if (command === "plan") return await runPlan(config, { ...target, changes: changes! }, io, json);
    return await runApply(config, { ...target, changes: changes! }, { results: values.results, minDelayMs, maxDelayMs, quiet: values.quiet === true }, io, json);
  } catch (e) {
    return fail(e);
  } finally {
    client?.destroy();
  }
}

async function runExport(
  config: ExportAllocationsConfiguration,
  target: AllocationsTarget,
  output: string | undefined,
  io: CliIO,
  json: boolean,
): Promise<number> {
  let count: number;
  try {
    count = await exportAllocations(config, target, output ?? io.stdout);
  } catch (e) {
    // Standard output closed early (`allocations export … | head`): the reader has what it wanted.
    if (!output && (e as { cause?: { code?: unknown } })?.cause?.code === "EPIPE") return EXIT.ok;
    throw e;
  }
  if (output) {
    if (json) io.stdout.write(`${JSON.stringify({ command: "export", exitCode: EXIT.ok, output, rows: count })}\n`);
    else io.stderr.write(`Exported ${count} allocations of ${target.RevenueAttributionIdentifier} to ${output}.\n`);
  }
  return EXIT.ok;
}

async function runPlan(config: AllocationsFileConfiguration, input: AllocationsFileInput, io: CliIO, json: boolean): Promise<number> {
  const { changes, ...target } = input;
  const { plan, lines: planned, conflicts } = await planAllocationsFile(config, input);
  const linesOf = (action: keyof typeof planned) => planned[action];
  const exitCode = conflicts.length ? EXIT.rowsFailed : EXIT.ok;
  if (json) {
    io.stdout.write(
      `${JSON.stringify({
        command: "plan",
        exitCode,
        file: changes.file,
        attribution: target.RevenueAttributionIdentifier,
        catalog: target.Catalog,
        revision: plan.revision,
        rows: changes.rows.length,
        create: linesOf("create").length,
        update: linesOf("update").length,
        alreadyApplied: linesOf("alreadyApplied").length,
        tasks: plan.taskCount,
        ...(plan.taskInProgress ? { taskInProgress: plan.taskInProgress } : {}),
        conflicts,
        lines: planned,
      })}\n`,
    );
    return exitCode;
  }
  const out = (s: string) => io.stdout.write(`${s}\n`);
  out(`Plan for ${changes.file} (${changes.rows.length} rows) against ${target.RevenueAttributionIdentifier} (${target.Catalog}) at revision ${plan.revision}:`);
  for (const [action, label] of [["create", "create"], ["update", "update"], ["alreadyApplied", "already applied"]] as const) {
    const lines = linesOf(action);
    out(`  ${label}: ${lines.length} row${lines.length === 1 ? "" : "s"}${lines.length ? ` (lines ${describeLines(lines)})` : ""}`);
  }
  out(`  tasks to run: ${plan.taskCount}`);
  if (plan.taskInProgress) out(`  a task is in progress (${plan.taskInProgress.TaskId}${plan.taskInProgress.ownTask ? ", of this file" : ", not of this file"}): apply waits for it first`);
  if (conflicts.length) {
    out(`${conflicts.length} conflict${conflicts.length === 1 ? "" : "s"} (apply would stop before any write):`);
    for (const c of conflicts) out(`  ${describeProblem(c)}`);
  }
  return exitCode;
}

async function runApply(
  config: AllocationsFileConfiguration,
  input: AllocationsFileInput,
  options: { results?: string; minDelayMs?: number; maxDelayMs?: number; quiet: boolean },
  io: CliIO,
  json: boolean,
): Promise<number> {
  const { changes, ...target } = input;
  const say = (s: string) => io.stderr.write(`${s}\n`);
  // No separate plan first: submitAllocations reconciles the file with the attribution itself (what `plan` shows)
  // and stops at a conflict before any write. A plan before it would validate and reconcile every row a second
  // time: for 100,000 rows that alone raised the peak RSS from about 240 to 340 MB.
  if (!json) say(`${changes.file}: ${changes.rows.length} rows against ${target.RevenueAttributionIdentifier} (${target.Catalog}); rows already applied are skipped.`);
  const progress = options.quiet || json ? undefined : progressDisplay(io.stderr);
  let tasksDone = 0;
  const outcome = await applyAllocationsFile({
    ...config,
    ...(options.minDelayMs !== undefined ? { minDelayMs: options.minDelayMs } : {}),
    ...(options.maxDelayMs !== undefined ? { maxDelayMs: Math.max(options.maxDelayMs, options.minDelayMs ?? 0) } : {}),
    onProgress: (p) => {
      tasksDone++;
      // The submission's chunks after this one are what is left (at most: some may prove already applied).
      const tasksTotal = tasksDone + (p.chunkCount - p.chunkIndex - 1);
      progress?.update({ tasksDone, tasksTotal, rowsDone: p.recordsCommitted, rowsTotal: p.recordsTotal });
    },
  }, input);
  progress?.end();
  if (options.results) await writeAllocationResults(options.results, outcome.results);
  const interrupted = outcome.stoppedBy?.cause instanceof AbortError;
  const exitCode = outcome.finished ? EXIT.ok : interrupted ? EXIT.interrupted : EXIT.rowsFailed;
  const failed = outcome.results.filter((r) => r.outcome === "failed");
  if (json) {
    io.stdout.write(
      `${JSON.stringify({
        command: "apply",
        exitCode,
        file: changes.file,
        attribution: target.RevenueAttributionIdentifier,
        catalog: target.Catalog,
        finished: outcome.finished,
        interrupted,
        revision: outcome.revision,
        tasks: outcome.tasks,
        counts: outcome.counts,
        ...(options.results ? { results: options.results } : {}),
        failed: failed.map(({ line, ErrorCode, ErrorMessage }) => ({ line, ErrorCode, ErrorMessage })),
        ...(outcome.stoppedBy ? { stoppedBy: { name: (outcome.stoppedBy.cause as Error)?.name, message: outcome.stoppedBy.message } } : {}),
      })}\n`,
    );
    return exitCode;
  }
  const c = outcome.counts;
  say(
    `${outcome.finished ? "Done" : interrupted ? "Interrupted" : "Stopped"}: ${c.applied} applied, ${c["already applied"]} already applied, ` +
      `${c.failed} failed, ${c["not applied"]} not applied, ${c["in doubt"]} in doubt; ${outcome.tasks} task${outcome.tasks === 1 ? "" : "s"}` +
      (outcome.revision ? `, revision ${outcome.revision}` : "") + ".",
  );
  for (const f of failed.slice(0, 20)) say(`  line ${f.line}: ${f.ErrorCode}: ${f.ErrorMessage}`);
  if (failed.length > 20) say(`  … and ${failed.length - 20} more failed rows${options.results ? ` (see ${options.results})` : ""}`);
  if (outcome.stoppedBy && !interrupted) {
    const cause = outcome.stoppedBy.cause as Error | undefined;
    say(`Why it stopped: ${cause ? `${cause.name}: ${cause.message}` : outcome.stoppedBy.message}`);
  }
  if (options.results) say(`Results: ${options.results}`);
  if (!outcome.finished) say(`Run the same command again to ${interrupted ? "resume" : "continue once fixed"}; applied rows are not applied twice.`);
  return exitCode;
}
