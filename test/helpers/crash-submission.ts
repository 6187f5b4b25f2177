/**
 * The submission of the crash tests, shared by the child process that is
 * killed and by the parent that makes the identical call afterwards.
 */
import type { SubmitAllocationsInput } from "../../src/batch/index.js";
import { rows } from "./batch-rows.js";

/** Settings the parent passes to the child (as one JSON argument). */
export interface CrashChildConfig {
  endpoint: string;
  region: string;
  credentials: { accessKeyId: string; secretAccessKey: string };
  attribution: string;
  /** `RevenueAttributionRevision` of the submission, when it has one. */
  base?: string;
  /** After this chunk is COMPLETE, print FROZEN and block until killed. */
  freezeAfterChunk?: number;
  /** Hold the first start request back this long before sending it (a start late on the wire). */
  delayFirstStartMs?: number;
}

/** Fast polling for the emulator. */
export const CRASH_OPTIONS = {
  minDelayMs: 5,
  maxDelayMs: 20,
  maxWaitMs: 60_000,
  startsPerSecond: 1000, // the emulator enforces no quota here
} as const;

/** 600 CREATE changes (3 tasks of 250, 250 and 100). */
export function crashSubmission(attribution: string, base?: string): SubmitAllocationsInput {
  return {
    Catalog: "AWS",
    RevenueAttributionIdentifier: attribution,
    RevenueShareAllocations: rows(600, "crash"),
    ...(base ? { RevenueAttributionRevision: base } : {}),
  };
}
