/**
 * Crash tests: a child process runs `submitAllocations` (600 changes, 3
 * tasks) against the emulator in this process and is killed with SIGKILL at
 * each point where a run can die; this process then makes the identical call.
 * Afterwards the emulator holds every change exactly once, no task ran twice,
 * and the report matches the state. Kill points are made deterministic with
 * the emulator's controls (dropped connections, task duration, finishTasks)
 * and a child that blocks after a chosen chunk; then 20 more at random
 * request counts.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import * as esbuild from "esbuild";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { CreateRevenueAttributionCommand, type PartnerCentralRevenueMeasurementClient } from "../src/index.js";
import { submitAllocations, type SubmitAllocationsOutput } from "../src/batch/index.js";
import type { Emulator, FaultOptions } from "../src/testing/index.js";
import { storedCounts } from "./helpers/batch-rows.js";
import { useEmulator } from "./helpers/emulator-suite.js";
import { CRASH_OPTIONS, crashSubmission, type CrashChildConfig } from "./helpers/crash-submission.js";

const START = "StartRevenueAttributionAllocationsTask";
const suite = useEmulator({ taskDurationMs: 5 });
let emulator: Emulator;
let client: PartnerCentralRevenueMeasurementClient;
let dir: string;
let childScript: string;
const children = new Set<ChildProcess>();

beforeAll(async () => {
  ({ emulator, client } = suite);
  // One bundle of the child, so each child starts as plain `node` (fast) from the sources under test.
  dir = mkdtempSync(join(tmpdir(), "prm-crash-"));
  childScript = join(dir, "crash-child.mjs");
  await esbuild.build({
    entryPoints: [new URL("./helpers/crash-child.ts", import.meta.url).pathname],
    bundle: true,
    platform: "node",
    format: "esm",
    target: "node20",
    outfile: childScript,
    logLevel: "silent",
    banner: { js: "import { createRequire } from 'node:module'; const require = createRequire(import.meta.url);" },
  });
});
afterEach(() => {
  for (const child of children) child.kill("SIGKILL");
  children.clear();
  emulator.setFaults({});
  emulator.setTaskDurationMs(5);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Polls `condition` (every few ms) until it holds. Bounded so a broken run fails instead of hanging. */
async function until(condition: () => boolean, what: string): Promise<void> {
  for (let i = 0; i < 4_000; i++) {
    if (condition()) return;
    await new Promise((r) => setTimeout(r, 5));
  }
  throw new Error(`timed out waiting until ${what}`);
}

interface Child {
  process: ChildProcess;
  lines: string[];
  exited: Promise<NodeJS.Signals | number | null>;
}

function startChild(config: Omit<CrashChildConfig, "endpoint" | "region" | "credentials">): Child {
  const full: CrashChildConfig = { endpoint: emulator.endpoint, region: emulator.region, credentials: emulator.credentials, ...config };
  const child = spawn(process.execPath, [childScript, JSON.stringify(full)], { stdio: ["ignore", "pipe", "pipe"] });
  children.add(child);
  const lines: string[] = [];
  let buffered = "";
  child.stdout!.on("data", (chunk: Buffer) => {
    buffered += chunk.toString();
    const parts = buffered.split("\n");
    buffered = parts.pop()!;
    lines.push(...parts);
  });
  child.stderr!.on("data", (chunk: Buffer) => lines.push(`stderr: ${chunk.toString()}`));
  const exited = new Promise<NodeJS.Signals | number | null>((resolve) => child.once("exit", (code, signal) => resolve(signal ?? code)));
  return { process: child, lines, exited };
}

async function kill(child: Child): Promise<void> {
  child.process.kill("SIGKILL");
  expect(await child.exited).toBe("SIGKILL");
  children.delete(child.process);
}

async function newAttribution(): Promise<string> {
  emulator.reset();
  return (await client.send(new CreateRevenueAttributionCommand({ Catalog: "AWS", Name: "crash", TenancyModel: "MULTI_TENANT" }))).Id;
}

const stats = () => emulator.inspect().requests.byOperation;
const attributionState = (id: string) => emulator.inspect().revenueAttributions.find((a) => a.Id === id)!;

/**
 * The checks after the identical call: every change stored exactly once,
 * exactly three tasks ever COMPLETE (none repeated), and the report agrees:
 * all committed, and `alreadyApplied` is what the attribution held (with the
 * task that was running, if any, once it ended) when the call read it.
 */
function checkExactlyOnce(attribution: string, result: SubmitAllocationsOutput, appliedWhenRead: number): void {
  const state = attributionState(attribution);
  const input = crashSubmission(attribution).RevenueShareAllocations;
  expect(storedCounts(input, state.Allocations)).toEqual(input.map(() => 1));
  expect(state.Allocations).toHaveLength(600);
  expect(state.Tasks.filter((t) => t.Status === "COMPLETE").map((t) => t.TotalRevenueAttributionAllocationRecords)).toEqual([250, 250, 100]);
  expect(state.LatestRevision).toBe("4");
  expect(result).toMatchObject({ finished: true, revision: "4", committed: [{ first: 0, last: 599 }], failed: [], inDoubt: [], notApplied: [] });
  expect(result.alreadyApplied).toEqual(appliedWhenRead ? [{ first: 0, last: appliedWhenRead - 1 }] : []);
  expect(result.tasks).toHaveLength(Math.ceil((600 - appliedWhenRead) / 250));
}

/** Kills a child once `condition` holds (faults as given while it runs). */
async function crashWhen(attribution: string, faults: FaultOptions, condition: () => boolean, what: string, base?: string): Promise<void> {
  emulator.setFaults(faults);
  const child = startChild({ attribution, base });
  await until(condition, what);
  await kill(child);
  emulator.setFaults({});
}

describe("submitAllocations killed with SIGKILL, then called again identically", () => {
  it("during its first read of the attribution", async () => {
    const ra = await newAttribution();
    const drop: FaultOptions = { dropConnectionRate: 1, dropWhen: "before", operations: ["GetRevenueAttribution"] };
    await crashWhen(ra, drop, () => (stats().GetRevenueAttribution ?? 0) >= 1, "the child reads the attribution");
    expect(attributionState(ra).Tasks).toHaveLength(0);
    checkExactlyOnce(ra, await submitAllocations({ client, ...CRASH_OPTIONS }, crashSubmission(ra)), 0);
  });

  it("before its first start reached the service", async () => {
    const ra = await newAttribution();
    const drop: FaultOptions = { dropConnectionRate: 1, dropWhen: "before", operations: [START] };
    await crashWhen(ra, drop, () => (stats()[START] ?? 0) >= 1, "the child sends a start");
    expect(attributionState(ra).Tasks).toHaveLength(0);
    checkExactlyOnce(ra, await submitAllocations({ client, ...CRASH_OPTIONS }, crashSubmission(ra)), 0);
  });

  it("after a start was applied but before its response: the next call waits for that task instead of starting another", async () => {
    const ra = await newAttribution();
    emulator.setTaskDurationMs(Infinity); // the task stays IN_PROGRESS until finishTasks()
    const dropAnswer: FaultOptions = { dropConnectionRate: 1, dropWhen: "after", operations: [START] };
    await crashWhen(ra, dropAnswer, () => attributionState(ra).Tasks.length >= 1, "the child's start is applied");
    emulator.setTaskDurationMs(5);
    expect(attributionState(ra).Tasks.map((t) => t.Status)).toEqual(["IN_PROGRESS"]);
    const polls = stats().GetRevenueAttributionAllocationsTask ?? 0;
    const again = submitAllocations({ client, ...CRASH_OPTIONS }, crashSubmission(ra));
    await until(() => (stats().GetRevenueAttributionAllocationsTask ?? 0) >= polls + 2, "the second call waits for the task");
    expect(attributionState(ra).Tasks).toHaveLength(1); // no duplicate start while it waits
    emulator.finishTasks();
    checkExactlyOnce(ra, await again, 250);
    expect(attributionState(ra).Tasks).toHaveLength(3);
  });

  it("while its first start was still on its way (processed only after the next call began): run once", async () => {
    const ra = await newAttribution();
    const slowStart: FaultOptions = { latencyMs: 300, operations: [START] };
    await crashWhen(ra, slowStart, () => (stats()[START] ?? 0) >= 1, "the child's start reaches the emulator");
    expect(attributionState(ra).Tasks).toHaveLength(0); // not processed yet: it lands during the next call
    const result = await submitAllocations({ client, ...CRASH_OPTIONS }, crashSubmission(ra));
    const state = attributionState(ra);
    // The late start and the new call's start carry the same ClientToken: one task, whichever came first.
    expect(state.Tasks).toHaveLength(3);
    expect(storedCounts(crashSubmission(ra).RevenueShareAllocations, state.Allocations).every((n) => n === 1)).toBe(true);
    expect(result).toMatchObject({ finished: true, committed: [{ first: 0, last: 599 }] });
  });

  it("after a task was COMPLETE, before the next start", async () => {
    const ra = await newAttribution();
    const child = startChild({ attribution: ra, freezeAfterChunk: 0 });
    await until(() => child.lines.includes("FROZEN"), "the child blocks after chunk 1");
    await kill(child);
    expect(attributionState(ra).Tasks.map((t) => t.Status)).toEqual(["COMPLETE"]);
    checkExactlyOnce(ra, await submitAllocations({ client, ...CRASH_OPTIONS }, crashSubmission(ra)), 250);
  });

  for (const base of [undefined, "1"]) {
    it(`while task 2 was IN_PROGRESS${base ? ", with RevenueAttributionRevision given" : ""}`, async () => {
      const ra = await newAttribution();
      emulator.setTaskDurationMs(Infinity);
      const child = startChild({ attribution: ra, base });
      await until(() => attributionState(ra).Tasks.length === 1, "task 1 starts");
      emulator.finishTasks();
      await until(() => attributionState(ra).Tasks.length === 2, "task 2 starts");
      await kill(child);
      emulator.setTaskDurationMs(5);
      expect(attributionState(ra).Tasks.map((t) => t.Status)).toEqual(["COMPLETE", "IN_PROGRESS"]);
      const polls = stats().GetRevenueAttributionAllocationsTask ?? 0;
      const again = submitAllocations({ client, ...CRASH_OPTIONS }, crashSubmission(ra, base));
      await until(() => (stats().GetRevenueAttributionAllocationsTask ?? 0) >= polls + 2, "the second call waits for task 2");
      expect(attributionState(ra).Tasks).toHaveLength(2);
      emulator.finishTasks();
      checkExactlyOnce(ra, await again, 500);
      expect(attributionState(ra).Tasks).toHaveLength(3);
    });
  }

  it("a concurrent twin whose first start lands late (after the other twin's next task started) continues and reports truthfully", async () => {
    const ra = await newAttribution();
    emulator.setTaskDurationMs(Infinity);
    const child = startChild({ attribution: ra, delayFirstStartMs: 1_500 });
    await until(() => child.lines.includes("START HELD"), "the child twin holds its first start back");
    const twin = submitAllocations({ client, ...CRASH_OPTIONS }, crashSubmission(ra));
    await until(() => attributionState(ra).Tasks.length === 1, "this twin starts task 1");
    emulator.finishTasks();
    await until(() => attributionState(ra).Tasks.length === 2, "this twin starts task 2");
    await until(() => (stats()[START] ?? 0) >= 3, "the child's late start (task 1's token) lands");
    expect(attributionState(ra).Tasks).toHaveLength(2); // the late start replayed task 1: no new task
    emulator.setTaskDurationMs(5);
    emulator.finishTasks();
    const result = await twin;
    expect(await child.exited).toBe(0);
    children.delete(child.process);
    const line = child.lines.find((l) => l.startsWith("RESULT "));
    expect(line, child.lines.join("\n")).toBeDefined();
    // Never "unknown" for a COMPLETE task, never "not applied" for rows of a task that ran.
    expect(JSON.parse(line!.slice(7))).toEqual({ finished: true, committed: [{ first: 0, last: 599 }], inDoubt: [], notApplied: [], failed: [] });
    expect(result).toMatchObject({ finished: true, committed: [{ first: 0, last: 599 }], inDoubt: [], notApplied: [] });
    const state = attributionState(ra);
    expect(storedCounts(crashSubmission(ra).RevenueShareAllocations, state.Allocations).every((n) => n === 1)).toBe(true);
    expect(state.Tasks.filter((t) => t.Status === "COMPLETE").map((t) => t.TotalRevenueAttributionAllocationRecords)).toEqual([250, 250, 100]);
  });

  it("at 20 random points (request counts), each followed by the identical call", async () => {
    let seed = 20261126;
    const random = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    const seen: string[] = [];
    emulator.setTaskDurationMs(15);
    let kills = 0;
    for (let run = 0; kills < 20; run++) {
      expect(run).toBeLessThan(40); // a child that keeps finishing before its kill point would end here
      const ra = await newAttribution();
      const killAt = 1 + Math.floor(random() * 14);
      // Every third run has a concurrent twin in this process, and the child's first start is late on the wire.
      const withTwin = run % 3 === 2;
      const child = startChild({ attribution: ra, ...(withTwin ? { delayFirstStartMs: Math.floor(random() * 400) } : {}) });
      const twin = withTwin ? submitAllocations({ client, ...CRASH_OPTIONS }, crashSubmission(ra)) : undefined;
      await until(() => emulator.inspect().requests.total - 1 >= killAt || child.lines.includes("DONE"), `request ${killAt}`);
      const finished = child.lines.includes("DONE");
      if (!finished) {
        await kill(child);
        kills++;
      }
      if (twin) {
        // The twin finishes on its own, whatever the child did, with a true report.
        expect(await twin).toMatchObject({ finished: true, committed: [{ first: 0, last: 599 }], inDoubt: [], notApplied: [] });
      }
      const tasks = attributionState(ra).Tasks;
      const running = tasks.filter((t) => t.Status === "IN_PROGRESS").reduce((n, t) => n + t.TotalRevenueAttributionAllocationRecords, 0);
      const applied = attributionState(ra).Allocations.length;
      seen.push(`${finished ? "finished" : `killed at request ${killAt}`}${twin ? " (with a twin)" : ""}: ${tasks.map((t) => t.Status).join(",") || "no task"}`);
      const result = await submitAllocations({ client, ...CRASH_OPTIONS }, crashSubmission(ra));
      checkExactlyOnce(ra, result, applied + running);
    }
    const stages = new Set(seen.filter((s) => s.startsWith("killed")).map((s) => s.split(": ")[1]));
    expect(stages.size).toBeGreaterThan(2); // the kills hit several stages
    console.info(`crash points:\n  ${seen.join("\n  ")}`);
  }, 60_000);
});
