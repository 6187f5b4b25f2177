/** examples/lambda-submit.ts: its handler stops at the deadline and the next invocation with the same event finishes. */
import { describe, expect, it } from "vitest";
import { contextWithBudget, exportedRows, makeHandler, type SubmitResponse } from "../examples/lambda-submit.js";
import { CreateRevenueAttributionCommand } from "../src/index.js";
import { storedCounts } from "./helpers/batch-rows.js";
import { useEmulator } from "./helpers/emulator-suite.js";

const suite = useEmulator({ taskDurationMs: 700 });

describe("the Lambda example", () => {
  it("stops before its deadline without an error, and later invocations with the same event finish the batch exactly once", async () => {
    const { emulator, client } = suite;
    const { Id } = await client.send(new CreateRevenueAttributionCommand({ Catalog: "Sandbox", Name: "lambda", TenancyModel: "MULTI_TENANT" }));
    const handler = makeHandler({ client, taskDurationEstimate: 0.8, pollDelay: 0.05 });
    const event = { attribution: Id, rows: exportedRows(600) };
    const responses: SubmitResponse[] = [];
    // 2.5 s per invocation, 1 s of it kept for returning: three 700 ms tasks never fit in one.
    while (!responses.at(-1)?.finished) {
      expect(responses.length).toBeLessThan(8);
      responses.push(await handler(event, contextWithBudget(2_500)));
    }
    expect(responses.length).toBeGreaterThan(1);
    expect(responses[0]!.finished).toBe(false);
    expect(responses.at(-1)).toEqual({ finished: true, committed: 600, revision: "4" });
    const committed = responses.map((r) => r.committed);
    expect(committed).toEqual([...committed].sort((a, b) => a - b)); // progress never goes back
    const attr = emulator.inspect().revenueAttributions.find((a) => a.Id === Id)!;
    expect(storedCounts(event.rows, attr.Allocations)).toEqual(event.rows.map(() => 1));
    expect(attr.Tasks.map((t) => t.Status)).toEqual(["COMPLETE", "COMPLETE", "COMPLETE"]);
  }, 30_000);
});
