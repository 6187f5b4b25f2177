/**
 * Issue 21, item 6: options have one meaning and one unit (milliseconds, in the name), every entry point outside
 * the client takes `(configuration, input)`, and a bad option is an `InvalidConfigurationError` naming it and the
 * rule, before any request. Every case here runs against a capture server and asserts that nothing reached it.
 */
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import {
  ClientValidationError,
  InvalidConfigurationError,
  PartnerCentralRevenueMeasurementError,
  paginateListRevenueAttributions,
  waitUntilAllocationsTaskComplete,
  type PartnerCentralRevenueMeasurementClient,
} from "../src/index.js";
import * as official from "@aws-sdk/client-partnercentral-revenue-measurement";
import { planAllocations, submitAllocations } from "../src/batch/index.js";
import { applyAllocationsFile, exportAllocations, planAllocationsFile, type AllocationChanges } from "../src/files/index.js";
import { addAllocationIds } from "../src/files/jobs.js"; // internal since the surface was curated; still checks its options
import { ATTRIBUTION, makeClient } from "./helpers/allocations-script.js";
import { rows } from "./helpers/batch-rows.js";
import { startCaptureServer, type CaptureServer } from "./helpers/capture-server.js";
import { resetCaptureServer } from "./helpers/local-client.js";

let server: CaptureServer;
let client: PartnerCentralRevenueMeasurementClient;
beforeAll(async () => {
  server = await startCaptureServer();
});
afterAll(() => server.close());
beforeEach(() => {
  resetCaptureServer(server);
  client = makeClient(server.endpoint, { maxAttempts: 1 });
});
afterEach(() => {
  client.destroy();
  expect(server.requests).toHaveLength(0); // every case is refused before the network
});

const target = { Catalog: "AWS", RevenueAttributionIdentifier: ATTRIBUTION } as const;
const data = { ...target, RevenueShareAllocations: rows(3) };
const changes: AllocationChanges = { format: "csv", rows: rows(3), lines: [2, 3, 4] };

/** The rejection of `call`, checked to be an InvalidConfigurationError under the package's root class. */
async function refused(call: () => Promise<unknown>): Promise<InvalidConfigurationError> {
  const error = await call().then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(InvalidConfigurationError);
  expect(error).toBeInstanceOf(PartnerCentralRevenueMeasurementError);
  return error as InvalidConfigurationError;
}

describe("the old call shape, a client first, is refused with the new shape in the message", () => {
  const asOld = <T>(f: T) => f as unknown as (...args: unknown[]) => Promise<unknown>;
  it.each([
    ["submitAllocations", () => asOld(submitAllocations)(client, data), "submitAllocations({ client, deadline, onProgress, ... }, { Catalog"],
    ["planAllocations", () => asOld(planAllocations)(client, data), "planAllocations({ client }, { Catalog"],
    ["waitUntilAllocationsTaskComplete", () => asOld(waitUntilAllocationsTaskComplete)(client, { ...target, TaskId: "raatask-abc123def4567" }), "waitUntilAllocationsTaskComplete({ client, maxWaitMs }"],
    ["planAllocationsFile", () => asOld(planAllocationsFile)(client, changes, target), "planAllocationsFile({ client }, { Catalog, RevenueAttributionIdentifier, changes })"],
    ["applyAllocationsFile", () => asOld(applyAllocationsFile)(client, changes, target), "applyAllocationsFile({ client, onProgress, ... }"],
    ["exportAllocations", () => asOld(exportAllocations)(client, target, "out.csv"), "exportAllocations({ client, format }"],
    ["addAllocationIds", () => asOld(addAllocationIds)(client, changes.rows, [], target), "addAllocationIds({ client }"],
  ])("%s", async (name, call, shape) => {
    const error = await refused(call);
    expect(error.message).toContain(`Invalid Configuration of ${name}: configuration is a client`);
    expect(error.message).toContain(shape);
  });

  it("a configuration without a client names the missing client", async () => {
    const error = await refused(() => submitAllocations({} as never, data));
    expect(error.message).toMatch(/client is required/);
  });
});

describe("the old seconds-based names are refused with the new name and the converted value", () => {
  it("in the waiter", async () => {
    const old = { client, maxWaitTime: 300, minDelay: 0.5, maxDelay: 10 } as never;
    const error = await refused(() => waitUntilAllocationsTaskComplete(old, { ...target, TaskId: "raatask-abc123def4567" }));
    expect(error.message).toContain("maxWaitTime (seconds) was renamed maxWaitMs (milliseconds): use maxWaitMs: 300000");
    expect(error.message).toContain("minDelay (seconds) was renamed minDelayMs (milliseconds): use minDelayMs: 500");
    expect(error.message).toContain("maxDelay (seconds) was renamed maxDelayMs (milliseconds): use maxDelayMs: 10000");
  });

  it("in submitAllocations, in the configuration or (as before) in the input", async () => {
    const inConfiguration = await refused(() => submitAllocations({ client, taskDurationEstimate: 20 } as never, data));
    expect(inConfiguration.message).toContain("taskDurationEstimate (seconds) was renamed taskDurationEstimateMs (milliseconds): use taskDurationEstimateMs: 20000");
    const inInput = await refused(() => submitAllocations({ client }, { ...data, maxWaitTime: 60 } as never));
    expect(inInput.message).toContain("maxWaitTime belongs in the configuration");
    expect(inInput.message).toContain("use maxWaitMs: 60000");
  });

  it("in applyAllocationsFile", async () => {
    const error = await refused(() => applyAllocationsFile({ client, minDelay: 2 } as never, { ...target, changes }));
    expect(error.message).toContain("use minDelayMs: 2000");
  });
});

describe("unknown options and options in the input", () => {
  it("an unknown name is refused, listing the supported ones", async () => {
    const error = await refused(() => submitAllocations({ client, dedline: new Date(Date.now() + 60_000) } as never, data));
    expect(error.message).toMatch(/dedline is not an option here \(supported: client, maxWaitMs, .*deadline/);
  });

  it("an option put in the input (the old single-object shape) is refused rather than ignored", async () => {
    const error = await refused(() => submitAllocations({ client }, { ...data, deadline: () => 5_000, onProgress: () => {} } as never));
    expect(error.message).toContain("deadline belongs in the configuration (the first argument of submitAllocations), not in the input");
    expect(error.message).toContain("onProgress belongs in the configuration");
  });

  it("planAllocations takes submitAllocations' configuration, so one object can serve both", async () => {
    // Refused only for its data, which shows the configuration passed: the input problem is a ClientValidationError.
    const shared = { client, deadline: () => 60_000, maxWaitMs: 60_000, onRecordFailure: "skip" as const };
    const error = await planAllocations(shared, { ...data, RevenueShareAllocations: [] }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ClientValidationError);
    expect((error as ClientValidationError).FieldList.map((f) => f.Name)).toEqual(["RevenueShareAllocations"]);
  });

  it("the waiter refuses options only submitAllocations has", async () => {
    const error = await refused(() =>
      waitUntilAllocationsTaskComplete({ client, startsPerSecond: 5 } as never, { ...target, TaskId: "raatask-abc123def4567" }),
    );
    expect(error.message).toMatch(/startsPerSecond is not an option here/);
  });

  it("the files functions refuse an option or an unknown member in their input (it was silently dropped)", async () => {
    const error = await refused(() => applyAllocationsFile({ client }, { ...target, changes, deadline: new Date(0) } as never));
    expect(error.message).toContain("deadline belongs in the configuration (the first argument of applyAllocationsFile), not in the input");
    const typo = await refused(() => planAllocationsFile({ client }, { ...target, changes, Descripton: "x" } as never));
    expect(typo.message).toMatch(/Descripton is not a member of the input \(supported: Catalog, RevenueAttributionIdentifier, changes, Description\)/);
  });

  it("exportAllocations refuses a format it cannot write (it wrote JSON Lines)", async () => {
    const error = await refused(() => exportAllocations({ client, format: "xml" } as never, target, "out.csv"));
    expect(error.message).toContain('format must be "csv" or "jsonl", got "xml"');
  });

  it("the official client in the configuration is refused by name (it failed with a TypeError on a missing clock)", async () => {
    const theirs = new official.PartnerCentralRevenueMeasurementClient({ region: "us-east-1", endpoint: server.endpoint, credentials: { accessKeyId: "a", secretAccessKey: "b" } });
    try {
      const error = await refused(() => submitAllocations({ client: theirs } as never, data));
      expect(error.message).toContain("client must be this package's PartnerCentralRevenueMeasurementClient");
      await refused(() => waitUntilAllocationsTaskComplete({ client: theirs } as never, { ...target, TaskId: "raatask-abc123def4567" }));
    } finally {
      theirs.destroy();
    }
  });

  it("the paginators check their configuration before the first request (a typo was ignored, a client first a TypeError)", async () => {
    const pages = (config: unknown) => (async () => {
      for await (const page of paginateListRevenueAttributions(config as never, { Catalog: "AWS" })) void page;
    })();
    expect((await refused(() => pages({ client, pagesize: 5 }))).message).toMatch(/pagesize is not an option here/);
    expect((await refused(() => pages(client))).message).toMatch(/configuration is a client/);
    expect((await refused(() => pages({ client, pageSize: 0 }))).message).toContain("pageSize must be a whole number of at least 1, got 0");
  });

  it("a batch input that is not an object is a ClientValidationError naming it (it was a TypeError)", async () => {
    const error = await submitAllocations({ client }, null as never).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ClientValidationError);
    expect((error as ClientValidationError).FieldList).toEqual([expect.objectContaining({ Name: "input", Code: "INVALID_VALUE" })]);
  });

  it("exportAllocations refuses an unknown format option name", async () => {
    const error = await refused(() => exportAllocations({ client, fromat: "csv" } as never, target, "out.csv"));
    expect(error.message).toMatch(/fromat is not an option here \(supported: client, abortSignal, format\)/);
  });
});

describe("bad values: all named at once, each with its rule, in milliseconds", () => {
  it("submitAllocations", async () => {
    const error = await refused(() =>
      submitAllocations(
        {
          client,
          deadline: 30_000 as never,
          taskDurationEstimateMs: 0,
          startsPerSecond: Number.NaN,
          onRecordFailure: "ignore" as never,
          onProgress: "log" as never,
          maxWaitMs: -1,
          minDelayMs: 100,
          maxDelayMs: 50,
          onPoll: 1 as never,
        },
        data,
      ),
    );
    expect(error.message.split("; ").map((p) => p.replace(/^Invalid Configuration of submitAllocations: /, ""))).toEqual([
      "deadline must be a Date or a function returning the milliseconds left, not a number (epoch milliseconds and a duration look alike): use new Date(epochMs) or () => msLeft",
      'onRecordFailure must be "stop" or "skip", got "ignore"',
      "onProgress must be a function",
      "taskDurationEstimateMs must be a positive number of milliseconds, got 0",
      "startsPerSecond must be a positive number, got NaN",
      "maxWaitMs must be a positive number of milliseconds, got -1",
      "maxDelayMs must be at least minDelayMs (100), got 50",
      "onPoll must be a function",
    ]);
  });

  it("a bad option comes before bad data: the options are fixed first, then the rows", async () => {
    const error = await refused(() => submitAllocations({ client, minDelayMs: 0 }, { ...data, RevenueShareAllocations: [] }));
    expect(error.message).toContain("minDelayMs must be a positive number of milliseconds, got 0");
  });

  it("the waiter's defaults are milliseconds", async () => {
    const { ALLOCATIONS_TASK_WAITER_DEFAULTS } = await import("../src/index.js");
    expect(ALLOCATIONS_TASK_WAITER_DEFAULTS).toEqual({ maxWaitMs: 900_000, minDelayMs: 250, maxDelayMs: 10_000 });
  });
});
