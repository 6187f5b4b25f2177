/**
 * What makes a submission recognisable again after a crash: its id (a hash of
 * the call's arguments), the marker each of its tasks carries in
 * `Description`, and the `ClientToken` of each start.
 */
import type { RevenueShareAllocation } from "../models.js";
import { sha256Hex } from "../auth/sha256.js";

/** Longest marker `submitAllocations` appends to a task's `Description`. */
export const MARKER_MAX_LENGTH = 64;

/** The marker of one task of a submission, as carried in the task's `Description`. */
export interface SubmissionMarker {
  /** 16 hex characters identifying the submission (its arguments). */
  submissionId: string;
  /** 0-based chunk of the submission the task carries. */
  chunkIndex: number;
  chunkCount: number;
  /** The revision the submission's changes were reconciled against (its first task started from it). */
  baseRevision: string;
}

const MARKER = /\[prm-batch:([0-9a-f]{16}):(\d{1,7})\/(\d{1,7}):([1-9][0-9]{0,18})\]$/;

/** JSON with object keys sorted and `undefined` members dropped, so equal content gives equal text. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== "object") return JSON.stringify(value) ?? "null";
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(",")}]`;
  const entries = Object.keys(value)
    .sort()
    .filter((k) => (value as Record<string, unknown>)[k] !== undefined)
    .map((k) => `${JSON.stringify(k)}:${canonicalJson((value as Record<string, unknown>)[k])}`);
  return `{${entries.join(",")}}`;
}


/** The `ra-…` id of an identifier that may be an ARN, so both spellings name one submission. */
export function attributionIdOf(identifier: string): string {
  return identifier.slice(identifier.lastIndexOf("/") + 1);
}

/** The id of a submission: equal arguments (key order aside) give the same id. */
export async function submissionIdOf(parts: {
  Catalog: string;
  RevenueAttributionIdentifier: string;
  RevenueAttributionRevision?: string;
  Description?: string;
  chunkSize: number;
  items: readonly RevenueShareAllocation[];
}): Promise<string> {
  const { RevenueAttributionIdentifier, ...rest } = parts;
  const hex = sha256Hex(canonicalJson({ v: 2, ...rest, attribution: attributionIdOf(RevenueAttributionIdentifier) }));
  return hex.slice(0, 16);
}

/**
 * The `ClientToken` of one start (SHA-256, 64 hex characters): the
 * submission, the chunk, the revision it is sent with and the attribution's
 * latest task before it. Two runs that reach the same start from the same
 * state send the same token, so the service runs it once; a retry after a
 * FAILED task follows another latest task and gets a new token.
 * `submitAllocations` computes it; it is exported for callers who drive tasks
 * themselves and want the same behaviour. Never throws.
 *
 * ```ts
 * const ClientToken = await allocationsChunkClientToken({ submissionId: "0123456789abcdef", chunkIndex: 0, revision: "7" });
 * ```
 */
export async function allocationsChunkClientToken(parts: {
  submissionId: string;
  chunkIndex: number;
  revision: string;
  previousTaskId?: string;
}): Promise<string> {
  return sha256Hex(canonicalJson({ v: 2, ...parts, previousTaskId: parts.previousTaskId ?? null }));
}

/** The task `Description`: the caller's text (if any), then the marker. */
export function describeWithMarker(description: string | undefined, marker: SubmissionMarker): string {
  const tag = `[prm-batch:${marker.submissionId}:${marker.chunkIndex + 1}/${marker.chunkCount}:${marker.baseRevision}]`;
  return description ? `${description} ${tag}` : tag;
}

/** The marker at the end of a task's `Description`, if it carries one. */
export function parseMarker(description: unknown): SubmissionMarker | undefined {
  if (typeof description !== "string") return undefined;
  const m = MARKER.exec(description);
  if (!m) return undefined;
  return { submissionId: m[1]!, chunkIndex: Number(m[2]) - 1, chunkCount: Number(m[3]), baseRevision: m[4]! };
}
