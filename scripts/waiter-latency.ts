/**
 * How soon the allocations task waiter notices that a task ended, and how
 * many polls it sends: `npx tsx scripts/waiter-latency.ts [--emulator] [--batch]`.
 *
 * 1. On a simulated clock, with the waiter's own delay function: tasks of
 *    50 ms to 60 s, 2,000 runs each, the current defaults beside the former
 *    ones (first delay exactly 2 s, doubling to 30 s).
 * 2. `--emulator`: real waits against the emulator for short tasks (HTTP included).
 * 3. `--batch`: 5,000 changes in 20 tasks of 50 ms, paced to the start quota
 *    (1 per second), against the emulator.
 */
import {
  CreateRevenueAttributionCommand,
  PartnerCentralRevenueMeasurementClient,
  StartRevenueAttributionAllocationsTaskCommand,
  waitUntilAllocationsTaskComplete,
  type RevenueShareAllocation,
} from "../src/index.js";
import { submitAllocations } from "../src/batch/index.js";
import { startEmulator } from "../src/testing/index.js";
import { ALLOCATIONS_TASK_WAITER_DEFAULTS, waiterDelayMs } from "../src/waiters/waitUntilAllocationsTaskComplete.js";

/** The delay formula before this change: random between minDelay and min(maxDelay, minDelay × 2^(n−1)). */
function formerDelayMs(attempt: number, minDelay = 2, maxDelay = 30): number {
  const ceiling = Math.min(maxDelay, minDelay * 2 ** Math.min(attempt - 1, 60));
  return Math.round((minDelay + Math.random() * (ceiling - minDelay)) * 1000);
}

const current = (attempt: number) =>
  waiterDelayMs(attempt, ALLOCATIONS_TASK_WAITER_DEFAULTS.minDelayMs, ALLOCATIONS_TASK_WAITER_DEFAULTS.maxDelayMs);

/** Polls at 0 (immediate), then after each delay, until one comes at or after the task's end. */
function simulate(taskMs: number, delay: (attempt: number) => number): { latencyMs: number; polls: number } {
  let t = 0;
  let polls = 1;
  while (t < taskMs) {
    t += delay(polls);
    polls++;
  }
  return { latencyMs: t - taskMs, polls };
}

const quantile = (sorted: number[], q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
const fmt = (ms: number) => (ms >= 1000 ? `${(ms / 1000).toFixed(2)} s` : `${Math.round(ms)} ms`);

function table(): void {
  console.log("Detection latency after the task's end (simulated clock, 2,000 runs per duration)");
  console.log("task      | current: median / p90 / max latency, mean polls | former: median / p90 / max, mean polls");
  for (const taskMs of [50, 200, 500, 1_000, 2_000, 5_000, 10_000, 30_000, 60_000]) {
    const row = [current, (n: number) => formerDelayMs(n)].map((delay) => {
      const runs = Array.from({ length: 2_000 }, () => simulate(taskMs, delay));
      const latency = runs.map((r) => r.latencyMs).sort((a, b) => a - b);
      const polls = runs.reduce((n, r) => n + r.polls, 0) / runs.length;
      return `${fmt(quantile(latency, 0.5))} / ${fmt(quantile(latency, 0.9))} / ${fmt(latency.at(-1)!)}, ${polls.toFixed(1)} polls`;
    });
    console.log(`${fmt(taskMs).padEnd(9)} | ${row[0]!.padEnd(47)} | ${row[1]}`);
  }
}

function rows(count: number): RevenueShareAllocation[] {
  return Array.from({ length: count }, (_, n) => {
    const year = 2031 + Math.floor(n / 12);
    const month = (n % 12) + 1;
    const mm = String(month).padStart(2, "0");
    return {
      Action: "CREATE",
      EntityType: "OFFER",
      EntityIdentifier: `latency-${n}`,
      CustomerAwsAccountId: String(600000000000 + n),
      RevenueSharePercent: "10",
      EffectiveFrom: `${year}-${mm}-01`,
      EffectiveUntil: `${year}-${mm}-${new Date(Date.UTC(year, month, 0)).getUTCDate()}`,
    };
  });
}

async function withEmulator(taskDurationMs: number, body: (client: PartnerCentralRevenueMeasurementClient, attribution: string) => Promise<void>) {
  const emulator = await startEmulator({ taskDurationMs });
  const client = new PartnerCentralRevenueMeasurementClient({ endpoint: emulator.endpoint, region: emulator.region, credentials: emulator.credentials });
  try {
    const { Id } = await client.send(new CreateRevenueAttributionCommand({ Catalog: "AWS", Name: "latency", TenancyModel: "MULTI_TENANT" }));
    await body(client, Id);
  } finally {
    client.destroy();
    await emulator.close();
  }
}

async function emulatorRuns(): Promise<void> {
  console.log("\nAgainst the emulator (real time, HTTP included, 10 runs each): time from the start's answer to the COMPLETE poll, minus the task's run time");
  for (const taskMs of [50, 200, 1_000]) {
    await withEmulator(taskMs, async (client, attribution) => {
      const latencies: number[] = [];
      const polls: number[] = [];
      for (let run = 0; run < 10; run++) {
        const started = await client.send(
          new StartRevenueAttributionAllocationsTaskCommand({
            Catalog: "AWS",
            RevenueAttributionIdentifier: attribution,
            RevenueAttributionRevision: String(run + 1),
            RevenueShareAllocations: rows(1).map((r) => ({ ...r, EntityIdentifier: `latency-${run}` })),
          }),
        );
        const t0 = performance.now();
        let n = 0;
        await waitUntilAllocationsTaskComplete(
          { client, onPoll: (_t, attempt) => (n = attempt) },
          { Catalog: "AWS", RevenueAttributionIdentifier: attribution, TaskId: started.TaskId },
        );
        latencies.push(performance.now() - t0 - taskMs);
        polls.push(n);
      }
      latencies.sort((a, b) => a - b);
      console.log(
        `task ${fmt(taskMs).padEnd(7)}: latency median ${fmt(quantile(latencies, 0.5))}, max ${fmt(latencies.at(-1)!)}; ` +
          `polls ${Math.min(...polls)}..${Math.max(...polls)}`,
      );
    });
  }
}

async function batch(): Promise<void> {
  await withEmulator(50, async (client, attribution) => {
    const t0 = performance.now();
    const result = await submitAllocations({ client }, { Catalog: "AWS", RevenueAttributionIdentifier: attribution, RevenueShareAllocations: rows(5_000) });
    const seconds = (performance.now() - t0) / 1000;
    console.log(
      `\n5,000 changes, ${result.tasks.length} tasks of 50 ms, default pacing (1 start/s) and waiter: ${seconds.toFixed(1)} s ` +
        `(the start quota's minimum: ${result.tasks.length - 1} s; ratio ${(seconds / (result.tasks.length - 1)).toFixed(2)})`,
    );
  });
}

table();
if (process.argv.includes("--emulator")) await emulatorRuns();
if (process.argv.includes("--batch")) await batch();
