/**
 * Any number of allocation changes in one call: validate everything, then
 * submit chunks of at most 250 in order, waiting for each task and chaining
 * the revision each COMPLETE task returns into the next.
 */
import * as z from "zod/mini";
import type { PartnerCentralRevenueMeasurementClient } from "../client.js";
import type { GetRevenueAttributionAllocationsTaskOutput } from "../commands/GetRevenueAttributionAllocationsTaskCommand.js";
import { GetRevenueAttributionCommand } from "../commands/GetRevenueAttributionCommand.js";
import { StartRevenueAttributionAllocationsTaskCommand } from "../commands/StartRevenueAttributionAllocationsTaskCommand.js";
import {
  AbortError,
  ClientValidationError,
  PartnerCentralRevenueMeasurementProtocolError,
  PartnerCentralRevenueMeasurementServiceException,
  type ValidationExceptionField,
} from "../errors.js";
import type { CatalogName, RevenueShareAllocation } from "../models.js";
import { validateRevenueShareAllocations } from "../validation/allocations.js";
import { collectIssues } from "../validation/core.js";
import {
  CatalogName as CatalogNameSchema,
  Description as DescriptionSchema,
  RevenueAttributionIdentifier as RevenueAttributionIdentifierSchema,
  RevisionToken,
} from "../validation/shapes.js";
import { AllocationsTaskFailedError } from "../waiters/errors.js";
import {
  waitUntilAllocationsTaskComplete,
  type AllocationsTaskWaiterOptions,
} from "../waiters/waitUntilAllocationsTaskComplete.js";
import { AllocationsSubmissionError, type AllocationsChunkRange } from "./errors.js";

/** Most changes one StartRevenueAttributionAllocationsTask accepts. */
export const MAX_ALLOCATIONS_PER_TASK = 250;

/** Progress after each committed chunk. */
export interface SubmitAllocationsProgress {
  /** 0-based index of the chunk that just completed. */
  chunkIndex: number;
  chunkCount: number;
  /** Records in all chunks committed so far. */
  recordsCommitted: number;
  recordsTotal: number;
  /** The chunk's COMPLETE task. */
  task: GetRevenueAttributionAllocationsTaskOutput;
}

/** Input of {@link submitAllocations}. Waiter options apply to each chunk's wait. */
export interface SubmitAllocationsInput extends AllocationsTaskWaiterOptions {
  Catalog: CatalogName;
  /** `ra-…` id or the attribution's ARN. */
  RevenueAttributionIdentifier: string;
  /** The attribution's current revision; read with GetRevenueAttribution when left out. */
  RevenueAttributionRevision?: string;
  /** Any number (at least one) of changes, submitted in this order. */
  RevenueShareAllocations: readonly RevenueShareAllocation[];
  /** Sent with every chunk's task. */
  Description?: string;
  /** Changes per task, 1..250; default 250. */
  chunkSize?: number;
  /** Called after each chunk's task is COMPLETE. */
  onProgress?: (progress: SubmitAllocationsProgress) => void;
}

/** Result of {@link submitAllocations}. */
export interface SubmitAllocationsOutput {
  /** The attribution's revision after the last chunk: use it for the next batch. */
  revision: string;
  /** Every chunk's COMPLETE task, in order. */
  tasks: GetRevenueAttributionAllocationsTaskOutput[];
}

const TopLevelSchema = z.object({
  Catalog: CatalogNameSchema,
  RevenueAttributionIdentifier: RevenueAttributionIdentifierSchema,
  RevenueAttributionRevision: z.optional(RevisionToken),
  Description: z.optional(DescriptionSchema),
});

/** JSON with object keys sorted and `undefined` members dropped, so equal content gives equal text. */
function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== "object") return JSON.stringify(value) ?? "null";
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(",")}]`;
  const entries = Object.keys(value)
    .sort()
    .filter((k) => (value as Record<string, unknown>)[k] !== undefined)
    .map((k) => `${JSON.stringify(k)}:${canonicalJson((value as Record<string, unknown>)[k])}`);
  return `{${entries.join(",")}}`;
}

/**
 * The `ClientToken` of one chunk: SHA-256 (hex, 64 printable characters) of the
 * catalog, attribution, starting revision of the submission, chunk index, the
 * revision the chunk is sent with, description and the chunk's content. The
 * same submission from the same revision yields the same tokens, so the
 * service deduplicates a retried start.
 */
export async function allocationsChunkClientToken(parts: {
  Catalog: string;
  RevenueAttributionIdentifier: string;
  startingRevision: string;
  chunkIndex: number;
  chunkRevision: string;
  Description?: string;
  items: readonly unknown[];
}): Promise<string> {
  const text = canonicalJson({ v: 1, ...parts });
  const digest = await globalThis.crypto.subtle.digest("SHA-256", new TextEncoder().encode(text));
  return Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, "0")).join("");
}

function validate(input: SubmitAllocationsInput, validateItems: boolean): ValidationExceptionField[] {
  const problems: ValidationExceptionField[] = [];
  const { chunkSize } = input;
  if (chunkSize !== undefined && (!Number.isInteger(chunkSize) || chunkSize < 1 || chunkSize > MAX_ALLOCATIONS_PER_TASK)) {
    problems.push({ Name: "chunkSize", Code: "INVALID_VALUE", Message: `must be a whole number from 1 to ${MAX_ALLOCATIONS_PER_TASK}` });
  }
  const items = input.RevenueShareAllocations as unknown;
  if (!Array.isArray(items)) {
    problems.push({ Name: "RevenueShareAllocations", Code: "INVALID_VALUE", Message: "must be an array" });
  } else if (items.length === 0) {
    problems.push({ Name: "RevenueShareAllocations", Code: "TOO_MANY_VALUES", Message: "must hold at least 1 item" });
  }
  if (!validateItems) return problems;
  problems.unshift(...collectIssues(TopLevelSchema, undefined, input, { now: Date.now() }));
  if (Array.isArray(items)) problems.push(...validateRevenueShareAllocations(items));
  return problems;
}

/** True when the error proves the start request was not applied. */
function startCertainlyRejected(error: unknown): boolean {
  if (error instanceof ClientValidationError) return true;
  if (error instanceof PartnerCentralRevenueMeasurementProtocolError) return false;
  if (error instanceof PartnerCentralRevenueMeasurementServiceException) {
    return error.$fault === "client"; // answered with a 4xx: rejected (throttling included)
  }
  return false; // network failure, abort, 5xx: it may have reached the service
}

/**
 * Submits any number of allocation changes to a revenue attribution.
 *
 * 1. Validates every item (and the other members) before any request; all
 *    problems are reported at once as `ClientValidationError`, named by
 *    absolute index (`RevenueShareAllocations[599].EffectiveUntil`).
 * 2. Uses `RevenueAttributionRevision`, or reads `LatestRevision` with GetRevenueAttribution.
 * 3. Splits into chunks of `chunkSize` (default 250) in input order; for each:
 *    starts a task with a deterministic `ClientToken`, waits for it, and
 *    passes its `RevenueAttributionLatestRevision` to the next.
 *
 * Resolves with the final revision and every task. On any failure after
 * validation it stops and rejects with {@link AllocationsSubmissionError},
 * which states exactly which chunks were committed; `cause` holds the error
 * (e.g. `AllocationsTaskFailedError`, a `ConflictException` with Reason
 * `REVISION_MISMATCH`, `WaiterTimeoutError`, `AbortError`).
 */
export async function submitAllocations(
  client: PartnerCentralRevenueMeasurementClient,
  input: SubmitAllocationsInput,
): Promise<SubmitAllocationsOutput> {
  const problems = validate(input, client.config.validation);
  if (problems.length) throw new ClientValidationError("submitAllocations", problems);

  const { Catalog, RevenueAttributionIdentifier, Description, abortSignal, onProgress } = input;
  const items = input.RevenueShareAllocations;
  const chunkSize = input.chunkSize ?? MAX_ALLOCATIONS_PER_TASK;
  const chunkCount = Math.ceil(items.length / chunkSize);
  const ranges: AllocationsChunkRange[] = Array.from({ length: chunkCount }, (_, chunkIndex) => ({
    chunkIndex,
    firstIndex: chunkIndex * chunkSize,
    lastIndex: Math.min(items.length, (chunkIndex + 1) * chunkSize) - 1,
  }));
  const waiterOptions: AllocationsTaskWaiterOptions = {
    maxWaitTime: input.maxWaitTime,
    minDelay: input.minDelay,
    maxDelay: input.maxDelay,
    abortSignal,
    onPoll: input.onPoll,
  };

  const tasks: GetRevenueAttributionAllocationsTaskOutput[] = [];
  let revision: string | undefined = input.RevenueAttributionRevision;
  let recordsCommitted = 0;
  const fail = (cause: unknown, stop: number, inDoubt: boolean, taskId?: string): AllocationsSubmissionError => {
    const stopped = ranges[stop] && { ...ranges[stop], ...(taskId ? { taskId } : {}) };
    return new AllocationsSubmissionError({
      committed: ranges.slice(0, stop).map((r, i) => ({ ...r, taskId: tasks[i]?.TaskId })),
      inDoubt: inDoubt ? stopped : undefined,
      notCommitted: [...(!inDoubt && stopped ? [stopped] : []), ...ranges.slice(stop + 1)],
      chunkCount,
      recordsTotal: items.length,
      revision,
      tasks: [...tasks],
      cause,
    });
  };

  if (revision === undefined) {
    try {
      const attribution = await client.send(new GetRevenueAttributionCommand({ Catalog, Identifier: RevenueAttributionIdentifier }), {
        abortSignal,
      });
      revision = attribution.LatestRevision ?? attribution.Revision;
      if (revision === undefined) throw new Error("GetRevenueAttribution returned no LatestRevision");
    } catch (e) {
      throw fail(e, 0, false);
    }
  }
  const startingRevision = revision;

  for (const range of ranges) {
    const chunk = items.slice(range.firstIndex, range.lastIndex + 1);
    const chunkRevision: string = revision!;
    let taskId: string;
    let sent = false;
    try {
      if (abortSignal?.aborted) throw new AbortError(undefined, { cause: abortSignal.reason });
      const ClientToken = await allocationsChunkClientToken({
        Catalog,
        RevenueAttributionIdentifier,
        startingRevision,
        chunkIndex: range.chunkIndex,
        chunkRevision,
        Description,
        items: chunk,
      });
      sent = true;
      const started = await client.send(
        new StartRevenueAttributionAllocationsTaskCommand({
          Catalog,
          RevenueAttributionIdentifier,
          RevenueAttributionRevision: chunkRevision,
          RevenueShareAllocations: chunk as RevenueShareAllocation[],
          ClientToken,
          ...(Description !== undefined ? { Description } : {}),
        }),
        { abortSignal },
      );
      taskId = started.TaskId;
    } catch (e) {
      // Not sent, or rejected by the service: not applied. Otherwise it may have been.
      throw fail(e, range.chunkIndex, sent && !startCertainlyRejected(e));
    }

    let task: GetRevenueAttributionAllocationsTaskOutput;
    try {
      const { $metadata: _metadata, ...completed } = await waitUntilAllocationsTaskComplete(
        { client, ...waiterOptions },
        { Catalog, RevenueAttributionIdentifier, TaskId: taskId },
      );
      task = completed;
    } catch (e) {
      throw fail(e, range.chunkIndex, !(e instanceof AllocationsTaskFailedError), taskId);
    }

    tasks.push(task);
    recordsCommitted += chunk.length;
    if (typeof task.RevenueAttributionLatestRevision !== "string") {
      revision = undefined;
      throw fail(
        new Error(`Task ${task.TaskId} is COMPLETE but carried no RevenueAttributionLatestRevision`),
        range.chunkIndex + 1,
        false,
      );
    }
    revision = task.RevenueAttributionLatestRevision;
    try {
      onProgress?.({ chunkIndex: range.chunkIndex, chunkCount, recordsCommitted, recordsTotal: items.length, task });
    } catch (e) {
      throw fail(e, range.chunkIndex + 1, false);
    }
  }
  return { revision: revision!, tasks };
}
