/**
 * examples/lambda-submit.ts on a 15 s budget per invocation: the event names
 * the rows' object, each invocation stops before its deadline with a reason,
 * and invoking again with the same event finishes the batch exactly once.
 * Fake timers (the waiter's sleeps, Lambda's remaining time and the
 * emulator's clock); tasks end 4 s of fake time after they started (noticed
 * one poll later than in real time: the harness ends them between polls).
 */
import { beforeEach, describe, expect, it } from "vitest";
import { contextWithBudget, exportedRows, makeHandler, memoryRowStore, type SubmitResponse } from "../examples/lambda-submit.js";
import { CreateRevenueAttributionCommand, type PartnerCentralRevenueMeasurementClient } from "../src/index.js";
import type { Emulator } from "../src/testing/index.js";
import { useFakeClockSuite } from "./helpers/batch-suite.js";
import { storedCounts } from "./helpers/batch-rows.js";

let emulator: Emulator;
let client: PartnerCentralRevenueMeasurementClient;
const TASK_MS = 4_000;
const suite = useFakeClockSuite({ attribution: false, taskMs: TASK_MS });
const { run } = suite;
beforeEach(() => ({ emulator, client } = suite));

describe("the Lambda example", () => {
  it("on a 15 s budget, each invocation stops in time with a reason and the same event finishes 1,000 rows exactly once", async () => {
    const { Id } = await run(client.send(new CreateRevenueAttributionCommand({ Catalog: "Sandbox", Name: "lambda", TenancyModel: "MULTI_TENANT" })));
    const rows = exportedRows(1_000); // 4 tasks of 4 s: more than one invocation
    const handler = makeHandler({ client, rows: memoryRowStore({ "exports/2031-07.json": rows }) });
    const event = { attribution: Id, rowsKey: "exports/2031-07.json" };
    expect(JSON.stringify(event).length).toBeLessThan(100); // the event names the rows; it does not carry them
    const responses: SubmitResponse[] = [];
    while (!responses.at(-1)?.finished) {
      expect(responses.length).toBeLessThan(8);
      const context = contextWithBudget(15_000);
      responses.push(await run(handler(event, context)));
      expect(context.getRemainingTimeInMillis()).toBeGreaterThanOrEqual(0); // returned before the deadline
    }
    expect(responses.length).toBeGreaterThan(1);
    for (const r of responses.slice(0, -1)) {
      expect(r.finished).toBe(false);
      // Either no task fitted in the time left, or one was still running at the deadline (the next call waits for it).
      expect(r.reason).toMatch(
        /^(the next task is expected to take [\d.]+ s \(.+\), more than the [\d.]+ s left before the deadline|the deadline came while task raatask-[a-z0-9]{13} \(this call's\) was IN_PROGRESS)/,
      );
    }
    expect(responses.at(-1)).toEqual({ finished: true, committed: 1_000, revision: "5" });
    const committed = responses.map((r) => r.committed);
    expect(committed).toEqual([...committed].sort((a, b) => a - b)); // progress never goes back
    expect(committed[0]).toBeGreaterThan(0); // the first invocation already made progress
    const attr = emulator.inspect().revenueAttributions.find((a) => a.Id === Id)!;
    expect(storedCounts(rows, attr.Allocations)).toEqual(rows.map(() => 1));
    expect(attr.Tasks.map((t) => t.Status)).toEqual(["COMPLETE", "COMPLETE", "COMPLETE", "COMPLETE"]);
  }, 30_000);
});
