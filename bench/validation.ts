/**
 * Validation timing: a valid 250-item batch, checked by the package as a
 * consumer imports it (the built package, through its own name).
 */
import { performance } from "node:perf_hooks";
import {
  StartRevenueAttributionAllocationsTaskCommand,
  validateCommandInput,
  validateRevenueShareAllocations,
  type RevenueShareAllocation,
} from "partnercentral-revenue-measurement";
import { median } from "./common.js";

/** A valid batch of `n` items, mixing CREATE and UPDATE. */
export function makeBatch(n: number): RevenueShareAllocation[] {
  return Array.from({ length: n }, (_, i) => {
    const suffix = i.toString(36).padStart(13, "0");
    const update = i % 3 === 0;
    return {
      Action: update ? "UPDATE" : "CREATE",
      ...(update ? { RevenueAttributionAllocationId: `alloc-${suffix}` } : {}),
      EntityType: i % 2 ? "OFFER" : "OPPORTUNITY",
      EntityIdentifier: `offer-${i}`,
      CustomerAwsAccountId: String(100000000000 + i),
      RevenueSharePercent: `${(i % 100) + 0.5}`,
      EffectiveFrom: "2026-07-01",
      EffectiveUntil: "2026-12-31",
      Status: "ACTIVE",
    };
  });
}

function medianMs(fn: () => unknown, runs: number): number {
  for (let i = 0; i < 200; i++) fn();
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    fn();
    samples.push(performance.now() - t0);
  }
  return median(samples);
}

/** Median times in ms: the list validator, and the Start command's whole input check (schema and rules). */
export async function timeValidation(runs = 1001): Promise<{ listMs: number; startInputMs: number }> {
  const items = makeBatch(250);
  const problems = validateRevenueShareAllocations(items);
  if (problems.length) throw new Error(`bench batch is not valid: ${JSON.stringify(problems.slice(0, 3))}`);
  const input = {
    Catalog: "AWS" as const,
    RevenueAttributionIdentifier: "ra-abc123def4567",
    RevenueAttributionRevision: "3",
    RevenueShareAllocations: items,
  };
  // What client.send() runs before any I/O: the command's schema and its cross-field rules.
  const command = new StartRevenueAttributionAllocationsTaskCommand(input);
  const checkStart = () => validateCommandInput(command);
  const startProblems = checkStart();
  if (startProblems.length) throw new Error(`bench Start input is not valid: ${JSON.stringify(startProblems.slice(0, 3))}`);
  return {
    listMs: medianMs(() => validateRevenueShareAllocations(items), runs),
    startInputMs: medianMs(checkStart, runs),
  };
}
