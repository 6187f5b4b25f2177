/**
 * Waiter for an allocations task: polls GetRevenueAttributionAllocationsTask
 * with growing, jittered delays until our task is COMPLETE or FAILED,
 * another task supersedes it, the deadline passes, or the caller aborts.
 */
import { lazyObject } from "../validation/lazy.js";
import type { PartnerCentralRevenueMeasurementClient } from "../client.js";
import type { MetadataBearer } from "../command.js";
import {
  GetRevenueAttributionAllocationsTaskCommand,
  type GetRevenueAttributionAllocationsTaskOutput,
} from "../commands/GetRevenueAttributionAllocationsTaskCommand.js";
import { AbortError, ClientValidationError } from "../errors.js";
import {
  assertConfiguration,
  configurationShapeProblems,
  misplacedOptionProblems,
  positiveMsProblem,
  type ConfigurationProblem,
} from "../options.js";
import { pacersOf } from "../batch/pacing.js";
import type { CatalogName } from "../models.js";
import { isRetryableError, sleep } from "../transport/retry.js";
import { collectIssues } from "../validation/core.js";
import {
  CatalogName as CatalogNameSchema,
  RevenueAttributionAllocationTaskId,
  RevenueAttributionIdentifier,
} from "../validation/shapes.js";
import {
  AllocationsTaskFailedError,
  AllocationsTaskSupersededError,
  WaiterTimeoutError,
  type ObservedAllocationsTask,
} from "./errors.js";

/** Timing and control options shared by the waiter and `submitAllocations`. Times are in milliseconds. */
export interface AllocationsTaskWaiterOptions {
  /** Longest total wait, in milliseconds; default 900000 (15 minutes). No sleep or poll runs past it. */
  maxWaitMs?: number;
  /** Shortest delay between polls, in milliseconds; default 250 (the formula: {@link waitUntilAllocationsTaskComplete}). */
  minDelayMs?: number;
  /** Longest delay between polls, in milliseconds; default 10000 (at least `minDelayMs`). */
  maxDelayMs?: number;
  /** Stops the wait at once (also during a sleep) with `AbortError`. */
  abortSignal?: AbortSignal;
  /**
   * Called after every answered poll with the task the service reported and
   * the 1-based poll number (failed polls count but are not reported).
   */
  onPoll?: (task: ObservedAllocationsTask, attempt: number) => void;
}

/** Configuration of {@link waitUntilAllocationsTaskComplete}. */
export interface AllocationsTaskWaiterConfiguration extends AllocationsTaskWaiterOptions {
  /** The client that sends the polls (its own retries apply to each poll). */
  client: PartnerCentralRevenueMeasurementClient;
}

/** Which task to wait for. */
export interface AllocationsTaskWaiterInput {
  Catalog: CatalogName;
  /** `ra-…` id or the attribution's ARN. */
  RevenueAttributionIdentifier: string;
  /** The `TaskId` returned by StartRevenueAttributionAllocationsTask. */
  TaskId: string;
}

/** Default waiter timing, in milliseconds. */
export const ALLOCATIONS_TASK_WAITER_DEFAULTS = { maxWaitMs: 900_000, minDelayMs: 250, maxDelayMs: 10_000 } as const;

/** The names of the waiter's options (its configuration holds these and `client`). */
export const WAITER_OPTION_NAMES: readonly (keyof AllocationsTaskWaiterOptions)[] = ["maxWaitMs", "minDelayMs", "maxDelayMs", "abortSignal", "onPoll"];

const WAITER_CONFIGURATION_NAMES: ReadonlySet<string> = new Set(["client", ...WAITER_OPTION_NAMES]);

const MAX_TIMER_MS = 2_147_483_647;

const InputSchema = lazyObject({
  Catalog: CatalogNameSchema,
  RevenueAttributionIdentifier: RevenueAttributionIdentifier,
  TaskId: RevenueAttributionAllocationTaskId,
});

/**
 * Delay before poll `attempt + 1`, in milliseconds: with
 * `ceiling = min(maxDelayMs, 2 × minDelayMs × 1.5^(attempt−1))`, a uniformly
 * random value between `max(minDelayMs, ceiling / 2)` and `ceiling`. With the
 * defaults (250 ms, 10 s) the delays are 0.25–0.5 s, 0.375–0.75 s,
 * 0.56–1.1 s, … up to 5–10 s from the 10th on: a short task is noticed
 * within about half a second, a long one within about a third of its run
 * time (at most `maxDelayMs`), and jobs that started together drift apart.
 */
export function waiterDelayMs(attempt: number, minDelayMs: number, maxDelayMs: number, random = Math.random): number {
  const ceiling = Math.min(maxDelayMs, 2 * minDelayMs * 1.5 ** Math.min(attempt - 1, 100));
  const floor = Math.max(minDelayMs, ceiling / 2);
  return Math.round(floor + random() * (ceiling - floor));
}

type WaiterTiming = Pick<AllocationsTaskWaiterOptions, "maxWaitMs" | "minDelayMs" | "maxDelayMs" | "onPoll" | "abortSignal">;

/**
 * The problems of the waiter's options (empty when they are fine).
 * `submitAllocations` checks them before its first request too: a bad value
 * found after a start would leave that start's rows in doubt.
 */
export function checkWaiterOptions(options: WaiterTiming): ConfigurationProblem[] {
  const { minDelayMs, maxDelayMs } = resolveTiming(options);
  const problems: ConfigurationProblem[] = [];
  const add = (p: ConfigurationProblem | undefined) => p && problems.push(p);
  add(positiveMsProblem("maxWaitMs", options.maxWaitMs));
  const minProblem = positiveMsProblem("minDelayMs", options.minDelayMs);
  add(minProblem);
  if (!minProblem) {
    const maxProblem = positiveMsProblem("maxDelayMs", options.maxDelayMs);
    if (maxProblem) add(maxProblem);
    else if (maxDelayMs < minDelayMs) add({ option: "maxDelayMs", rule: `must be at least minDelayMs (${minDelayMs}), got ${maxDelayMs}` });
  }
  if (options.onPoll !== undefined && typeof options.onPoll !== "function") add({ option: "onPoll", rule: "must be a function" });
  const signal = options.abortSignal as { aborted?: unknown; addEventListener?: unknown } | undefined;
  if (signal !== undefined && (typeof signal?.aborted !== "boolean" || typeof signal.addEventListener !== "function")) {
    add({ option: "abortSignal", rule: "must be an AbortSignal" });
  }
  return problems;
}

/** The timing options with their defaults (`maxDelayMs` defaults to at least `minDelayMs`). */
function resolveTiming(options: Pick<AllocationsTaskWaiterOptions, "maxWaitMs" | "minDelayMs" | "maxDelayMs">) {
  const maxWaitMs = options.maxWaitMs ?? ALLOCATIONS_TASK_WAITER_DEFAULTS.maxWaitMs;
  const minDelayMs = options.minDelayMs ?? ALLOCATIONS_TASK_WAITER_DEFAULTS.minDelayMs;
  const maxDelayMs = options.maxDelayMs ?? Math.max(ALLOCATIONS_TASK_WAITER_DEFAULTS.maxDelayMs, minDelayMs);
  return { maxWaitMs, minDelayMs, maxDelayMs };
}

/** Aborts when any of the given signals aborts; `dispose` removes the listeners. @internal */
export function combineSignals(signals: Array<AbortSignal | undefined>): { signal: AbortSignal; dispose(): void } {
  const controller = new AbortController();
  const present = signals.filter((s): s is AbortSignal => s !== undefined);
  const onAbort = (event: Event): void => controller.abort((event.target as AbortSignal).reason);
  for (const s of present) {
    if (s.aborted) {
      controller.abort(s.reason);
      break;
    }
    s.addEventListener("abort", onAbort, { once: true });
  }
  return {
    signal: controller.signal,
    dispose: () => present.forEach((s) => s.removeEventListener("abort", onAbort)),
  };
}

/**
 * Waits until the allocations task `TaskId` of an attribution is COMPLETE and
 * resolves with it (`RevenueAttributionLatestRevision` is the revision for the
 * next batch).
 *
 * The first poll is immediate; the delay before each later one is
 * random between `max(minDelayMs, c / 2)` and `c`, where
 * `c = min(maxDelayMs, 2 × minDelayMs × 1.5^(n−1))` for the n-th delay (defaults:
 * 0.25–0.5 s first, growing to 5–10 s). Polls of one client are also spaced
 * at least 20 ms apart (the reads quota, 50 per second, shared by its calls).
 * Time is the client's clock (`clock` option). Throttling, 5xx and network
 * failures that outlast the client's own retries do not end the wait; other
 * service errors (ResourceNotFound, AccessDenied, …) are thrown at once.
 *
 * ```ts
 * const { TaskId } = await client.send(new StartRevenueAttributionAllocationsTaskCommand(input));
 * const task = await waitUntilAllocationsTaskComplete(
 *   { client, maxWaitMs: 300_000 },
 *   { Catalog: "AWS", RevenueAttributionIdentifier: "ra-abc123def4567", TaskId },
 * );
 * console.log(task.RevenueAttributionLatestRevision);
 * ```
 *
 * Rejects with {@link AllocationsTaskFailedError} (FAILED),
 * {@link AllocationsTaskSupersededError} (the attribution's latest task is
 * another one), {@link WaiterTimeoutError} (deadline), `AbortError`,
 * `InvalidConfigurationError` (a bad, unknown or renamed option, or a client
 * passed first; before any request) or `ClientValidationError` (bad input,
 * before any request).
 */
export async function waitUntilAllocationsTaskComplete(
  config: AllocationsTaskWaiterConfiguration,
  input: AllocationsTaskWaiterInput,
): Promise<GetRevenueAttributionAllocationsTaskOutput & MetadataBearer> {
  const operation = "waitUntilAllocationsTaskComplete";
  const shape = "waitUntilAllocationsTaskComplete({ client, maxWaitMs }, { Catalog, RevenueAttributionIdentifier, TaskId })";
  const shapeProblems = configurationShapeProblems(config, WAITER_CONFIGURATION_NAMES, shape);
  assertConfiguration(operation, shapeProblems.length ? shapeProblems : [...checkWaiterOptions(config), ...misplacedOptionProblems(input, WAITER_CONFIGURATION_NAMES, operation)]);
  const { client, abortSignal, onPoll } = config;
  const { maxWaitMs, minDelayMs, maxDelayMs } = resolveTiming(config);
  const clock = client.config.clock;
  if (client.config.validation) {
    const problems = collectIssues(InputSchema, undefined, input, { now: clock.now() });
    if (problems.length) throw new ClientValidationError(operation, problems);
  }
  const reads = pacersOf(client).reads;
  if (abortSignal?.aborted) throw new AbortError(undefined, { cause: abortSignal.reason });

  const { Catalog, RevenueAttributionIdentifier, TaskId } = input;
  const deadline = clock.now() + maxWaitMs;
  // Bounds a poll in flight at the deadline; sleeps are clamped to the deadline below.
  // (Timers cannot exceed 2^31-1 ms; beyond that, only the clamped sleeps enforce the deadline.)
  const deadlineSignal = maxWaitMs <= MAX_TIMER_MS ? AbortSignal.timeout(maxWaitMs) : undefined;
  const combined = combineSignals([abortSignal, deadlineSignal]);
  let attempts = 0;
  let lastTask: ObservedAllocationsTask | undefined;
  let lastError: Error | undefined;
  const timeout = (): WaiterTimeoutError =>
    new WaiterTimeoutError({ TaskId, maxWaitMs, attempts, lastTask, lastError });
  const stopped = (e: unknown): Error => {
    if (abortSignal?.aborted) return e instanceof AbortError ? e : new AbortError(undefined, { cause: abortSignal.reason });
    if (deadlineSignal?.aborted) return timeout();
    return e as Error;
  };

  try {
    for (;;) {
      attempts++;
      let task: (GetRevenueAttributionAllocationsTaskOutput & MetadataBearer) | undefined;
      try {
        await reads.take(combined.signal);
        task = await client.send(new GetRevenueAttributionAllocationsTaskCommand({ Catalog, RevenueAttributionIdentifier }), {
          abortSignal: combined.signal,
        });
      } catch (e) {
        if (e instanceof AbortError || combined.signal.aborted) throw stopped(e);
        if (!isRetryableError(e)) throw e;
        lastError = e as Error; // throttling, 5xx, network: keep waiting
      }
      if (task) {
        lastTask = task;
        lastError = undefined;
        onPoll?.(task, attempts);
        if (task.TaskId !== TaskId) throw new AllocationsTaskSupersededError(TaskId, task);
        if (task.Status === "COMPLETE") return task;
        if (task.Status === "FAILED") throw new AllocationsTaskFailedError(task);
        // IN_PROGRESS, or a status this SDK does not know yet: keep waiting.
      }
      const remaining = deadline - clock.now();
      if (remaining <= 0) throw timeout();
      try {
        await sleep(Math.min(waiterDelayMs(attempts, minDelayMs, maxDelayMs), remaining), combined.signal);
      } catch (e) {
        throw stopped(e);
      }
      if (clock.now() >= deadline) throw timeout();
    }
  } finally {
    combined.dispose();
  }
}
