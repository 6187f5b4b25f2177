/**
 * The emulator follows the published business rules of revenue attribution allocations (API.md
 * section 8), over real HTTP with this package's client: the 100 % cap per attribution and billing
 * month, the edit window with the 7th-of-month grace on the emulator's clock, and past-month CREATEs
 * refused. Each rule has its accepting and its refusing side.
 */
import { spawn } from "node:child_process";
import { createInterface } from "node:readline";
import { afterAll, beforeEach, describe, expect, it } from "vitest";
import {
  CreateRevenueAttributionCommand,
  GetRevenueAttributionAllocationsTaskCommand,
  GetRevenueAttributionCommand,
  PartnerCentralRevenueMeasurementClient,
  StartRevenueAttributionAllocationsTaskCommand,
  type RevenueShareAllocation,
} from "../src/index.js";
import type { Emulator, SnapshotRevenueAttributionAllocation } from "../src/testing/index.js";
import { useSharedEmulator } from "./helpers/shared-emulator.js";

let emulator: Emulator;
let client: PartnerCentralRevenueMeasurementClient;
/** The emulator's clock: each test sets the day it runs on. */
let nowMs = Date.parse("2030-01-15T12:00:00Z");

useSharedEmulator(
  (e) => {
    emulator = e;
    client = new PartnerCentralRevenueMeasurementClient({ endpoint: e.endpoint, region: e.region, credentials: e.credentials, maxAttempts: 1 });
  },
  // Tasks end when the test says so (finishTasks), so the clock the task starts on decides.
  { taskDurationMs: Infinity, clock: { now: () => nowMs } },
);
afterAll(() => client.destroy());
beforeEach(() => {
  nowMs = Date.parse("2030-01-15T12:00:00Z");
});

/** Sets the emulator's clock to an ISO instant (UTC). */
function at(iso: string): void {
  nowMs = Date.parse(iso);
}

/** A CREATE of one entity for the whole of `months` (`YYYY-MM` or `YYYY-MM..YYYY-MM`). */
function create(months: string, percent: string, entity = "offer-a", customer = "123456789012"): RevenueShareAllocation {
  const [first, last = first] = months.split("..") as [string, string?];
  return {
    Action: "CREATE",
    EntityType: "OFFER",
    EntityIdentifier: entity,
    CustomerAwsAccountId: customer,
    RevenueSharePercent: percent,
    EffectiveFrom: `${first}-01`,
    EffectiveUntil: lastDay(last!),
  };
}

function lastDay(month: string): string {
  const [y, m] = month.split("-").map(Number) as [number, number];
  return `${month}-${new Date(Date.UTC(y, m, 0)).getUTCDate()}`;
}

/** A stored allocation, as the emulator's snapshot gives it. */
type Stored = SnapshotRevenueAttributionAllocation;

/** An UPDATE of a stored entry with some of its values changed. */
function update(stored: Stored, changes: Partial<RevenueShareAllocation>): RevenueShareAllocation {
  return {
    Action: "UPDATE",
    RevenueAttributionAllocationId: stored.RevenueAttributionAllocationId,
    EntityType: stored.EntityType as RevenueShareAllocation["EntityType"],
    EntityIdentifier: stored.EntityIdentifier,
    CustomerAwsAccountId: stored.CustomerAwsAccountId,
    RevenueSharePercent: stored.RevenueSharePercent,
    EffectiveFrom: stored.EffectiveFrom,
    EffectiveUntil: stored.EffectiveUntil,
    ...changes,
  };
}

let attributionCount = 0;
async function newAttribution(): Promise<string> {
  const out = await client.send(
    new CreateRevenueAttributionCommand({ Catalog: "AWS", Name: `rules ${++attributionCount}`, TenancyModel: "MULTI_TENANT" }),
  );
  return out.Id;
}

/** Runs one task on the attribution's latest revision and returns its end state. */
async function run(attribution: string, items: RevenueShareAllocation[]) {
  const { LatestRevision } = await client.send(new GetRevenueAttributionCommand({ Catalog: "AWS", Identifier: attribution }));
  await client.send(
    new StartRevenueAttributionAllocationsTaskCommand({
      Catalog: "AWS",
      RevenueAttributionIdentifier: attribution,
      RevenueAttributionRevision: LatestRevision!,
      RevenueShareAllocations: items,
    }),
  );
  emulator.finishTasks();
  return client.send(new GetRevenueAttributionAllocationsTaskCommand({ Catalog: "AWS", RevenueAttributionIdentifier: attribution }));
}

/** The error codes of a task by input index (`OK` for records that did not fail), or `COMPLETE`. */
async function outcome(attribution: string, items: RevenueShareAllocation[]): Promise<string | string[]> {
  const task = await run(attribution, items);
  if (task.Status === "COMPLETE") return "COMPLETE";
  expect(task.Status).toBe("FAILED");
  expect(task.RevenueAttributionLatestRevision).toBeUndefined();
  const details = task.ErrorDetailList ?? [];
  return items.map((item) => {
    const d = details.find(
      (x) =>
        x.EntityId === item.EntityIdentifier &&
        x.CustomerAwsAccountId === item.CustomerAwsAccountId &&
        x.EffectiveFrom === item.EffectiveFrom &&
        x.Action === item.Action,
    );
    return d ? d.ErrorCode : "OK";
  });
}

/** The attribution's stored entries. */
function storedOf(attribution: string): Stored[] {
  return emulator.inspect().revenueAttributions.find((a) => a.Id === attribution)!.Allocations;
}

/** Creates entries that must be accepted and returns them as stored, in input order. */
async function seed(attribution: string, items: RevenueShareAllocation[]): Promise<Stored[]> {
  expect(await outcome(attribution, items)).toBe("COMPLETE");
  const all = storedOf(attribution);
  return items.map(
    (item) =>
      all.find(
        (s) =>
          s.EntityIdentifier === item.EntityIdentifier &&
          s.CustomerAwsAccountId === item.CustomerAwsAccountId &&
          s.EffectiveFrom === item.EffectiveFrom,
      )!,
  );
}

describe("cap: ACTIVE percents of one attribution in one billing month at most 100", () => {
  it("accepts exactly 100 % in a month", async () => {
    const ra = await newAttribution();
    expect(await outcome(ra, [create("2030-03", "60", "offer-a"), create("2030-03", "40", "offer-b")])).toBe("COMPLETE");
  });

  it("refuses 100.01 %, on the record that goes over, with the numbers in the message", async () => {
    const ra = await newAttribution();
    const task = await run(ra, [create("2030-03", "60", "offer-a"), create("2030-03", "40.01", "offer-b")]);
    expect(task.Status).toBe("FAILED");
    expect(task.ErrorDetailList).toEqual([
      expect.objectContaining({
        EntityId: "offer-b",
        ErrorCode: "ALLOCATION_CAP_EXCEEDED",
        ErrorMessage: expect.stringContaining("2030-03: 60% held by other ACTIVE entries of this revenue attribution + 40.01% = 100.01% > 100%"),
      }),
    ]);
    expect(storedOf(ra)).toEqual([]); // all-or-nothing: the good record is not applied either
  });

  it("counts the stored entries at the task's base with the batch", async () => {
    const ra = await newAttribution();
    await seed(ra, [create("2030-03", "70", "offer-a")]);
    expect(await outcome(ra, [create("2030-03", "30.01", "offer-b")])).toEqual(["ALLOCATION_CAP_EXCEEDED"]);
    expect(await outcome(ra, [create("2030-03", "30", "offer-b")])).toBe("COMPLETE");
  });

  it("is per attribution: the same entity and customer may hold 70 % in one attribution and 40 % in another", async () => {
    const a = await newAttribution();
    const b = await newAttribution();
    await seed(a, [create("2030-03", "70")]);
    expect(await outcome(b, [create("2030-03", "40")])).toBe("COMPLETE");
  });

  it("is per month: 60 % in March and 60 % in April of one attribution are fine", async () => {
    const ra = await newAttribution();
    expect(await outcome(ra, [create("2030-03", "60", "offer-a"), create("2030-04", "60", "offer-b")])).toBe("COMPLETE");
  });

  it("counts an entry spanning several months in each of them", async () => {
    const ra = await newAttribution();
    await seed(ra, [create("2030-03..2030-05", "50", "offer-a")]);
    expect(await outcome(ra, [create("2030-05", "50.01", "offer-b")])).toEqual(["ALLOCATION_CAP_EXCEEDED"]);
    expect(await outcome(ra, [create("2030-06", "50.01", "offer-b")])).toBe("COMPLETE");
    expect(await outcome(ra, [create("2030-04", "50", "offer-c")])).toBe("COMPLETE");
    // a new multi-month entry is refused when any month it covers would go over
    expect(await outcome(ra, [create("2030-02..2030-04", "0.01", "offer-d")])).toEqual(["ALLOCATION_CAP_EXCEEDED"]);
  });

  it("lets an UPDATE replace the entry's old value rather than add to it", async () => {
    const ra = await newAttribution();
    const [a] = await seed(ra, [create("2030-03", "60", "offer-a"), create("2030-03", "40", "offer-b")]);
    // 60 -> 50 with a new 10 % entry: 50 + 40 + 10 = 100
    expect(await outcome(ra, [update(a!, { RevenueSharePercent: "50" }), create("2030-03", "10", "offer-c")])).toBe("COMPLETE");
    const stored = storedOf(ra).find((s) => s.EntityIdentifier === "offer-a")!;
    expect(await outcome(ra, [update(stored, { RevenueSharePercent: "50.01" })])).toEqual(["ALLOCATION_CAP_EXCEEDED"]);
  });

  it("counts only ACTIVE entries: an INACTIVE update releases its share, an INACTIVE create holds none", async () => {
    const ra = await newAttribution();
    const [a] = await seed(ra, [create("2030-03", "100", "offer-a")]);
    expect(await outcome(ra, [create("2030-03", "1", "offer-b")])).toEqual(["ALLOCATION_CAP_EXCEEDED"]);
    expect(await outcome(ra, [{ ...create("2030-03", "80", "offer-b"), Status: "INACTIVE" }])).toBe("COMPLETE");
    expect(await outcome(ra, [update(a!, { Status: "INACTIVE" }), create("2030-03", "100", "offer-c")])).toBe("COMPLETE");
  });

  it("refuses only the records that take a month over, so the rest would fit without them", async () => {
    const ra = await newAttribution();
    const items = [
      create("2030-03", "50", "offer-a"),
      create("2030-03", "40", "offer-b"),
      create("2030-03", "20", "offer-c"), // 110: over
      create("2030-03", "10", "offer-d"), // 100 without offer-c: fits
      create("2030-04", "90", "offer-e"),
    ];
    expect(await outcome(ra, items)).toEqual(["OK", "OK", "ALLOCATION_CAP_EXCEEDED", "OK", "OK"]);
    expect(await outcome(ra, items.filter((_, i) => i !== 2))).toBe("COMPLETE");
  });
});

describe("overlaps (the emulator's reading): one ACTIVE entry per entity, customer and month in an attribution", () => {
  it("refuses a second ACTIVE entry overlapping a stored one, accepts the next month, and counts the refused one nowhere", async () => {
    const ra = await newAttribution();
    await seed(ra, [create("2030-03", "30", "offer-a")]);
    expect(await outcome(ra, [create("2030-03..2030-04", "10", "offer-a"), create("2030-03", "70", "offer-b")])).toEqual(["INVALID_VALUE", "OK"]);
    expect(await outcome(ra, [create("2030-04", "10", "offer-a"), create("2030-03", "70", "offer-b")])).toBe("COMPLETE");
  });
});

describe("edit window: current and future months open, last month open for updates until the 7th (UTC)", () => {
  /** Seeds a March 2030 entry while March is current, then moves the clock to `iso`. */
  async function marchEntryThen(iso: string): Promise<{ ra: string; march: Stored }> {
    at("2030-03-20T12:00:00Z");
    const ra = await newAttribution();
    const [march] = await seed(ra, [create("2030-03", "30", "offer-a")]);
    at(iso);
    return { ra, march: march! };
  }

  it("updates the current month's entry and a future month's entry at any time", async () => {
    at("2030-03-31T23:59:59.999Z");
    const ra = await newAttribution();
    const [march, june] = await seed(ra, [create("2030-03", "30", "offer-a"), create("2030-06", "30", "offer-b")]);
    expect(await outcome(ra, [update(march!, { RevenueSharePercent: "35" }), update(june!, { RevenueSharePercent: "35" })])).toBe("COMPLETE");
  });

  it.each([
    ["the 6th", "2030-04-06T12:00:00Z"],
    ["the 7th, first millisecond", "2030-04-07T00:00:00.000Z"],
    ["the 7th, last millisecond", "2030-04-07T23:59:59.999Z"],
  ])("updates last month's entry on %s", async (_day, iso) => {
    const { ra, march } = await marchEntryThen(iso);
    expect(await outcome(ra, [update(march, { RevenueSharePercent: "25" })])).toBe("COMPLETE");
    expect(storedOf(ra)[0]!.RevenueSharePercent).toBe("25");
  });

  it.each([
    ["the 8th, first millisecond", "2030-04-08T00:00:00.000Z"],
    ["the 20th", "2030-04-20T12:00:00Z"],
  ])("refuses to update last month's entry on %s: IMMUTABLE_ALLOCATION", async (_day, iso) => {
    const { ra, march } = await marchEntryThen(iso);
    const task = await run(ra, [update(march, { RevenueSharePercent: "25" })]);
    expect(task.ErrorDetailList).toEqual([
      expect.objectContaining({ ErrorCode: "IMMUTABLE_ALLOCATION", RevenueAttributionAllocationId: march.RevenueAttributionAllocationId }),
    ]);
    expect(storedOf(ra)[0]!.RevenueSharePercent).toBe("30");
  });

  it("refuses to update an entry two months old, even before the 7th", async () => {
    const { ra, march } = await marchEntryThen("2030-05-03T12:00:00Z");
    expect(await outcome(ra, [update(march, { Status: "INACTIVE" })])).toEqual(["IMMUTABLE_ALLOCATION"]);
  });

  it("counts the grace across a year end: December is last month on 7 January", async () => {
    at("2030-12-10T12:00:00Z");
    const ra = await newAttribution();
    const [december] = await seed(ra, [create("2030-12", "30")]);
    at("2031-01-07T18:00:00Z");
    expect(await outcome(ra, [update(december!, { RevenueSharePercent: "20" })])).toBe("COMPLETE");
    at("2031-01-08T00:00:00Z");
    const again = storedOf(ra)[0]!;
    expect(await outcome(ra, [update(again, { RevenueSharePercent: "10" })])).toEqual(["IMMUTABLE_ALLOCATION"]);
  });

  it("on a multi-month entry, changes only the open months: ending it earlier is fine, changing its percent is not", async () => {
    at("2030-02-15T12:00:00Z");
    const ra = await newAttribution();
    const [spanning] = await seed(ra, [create("2030-02..2030-06", "30")]);
    at("2030-04-15T12:00:00Z"); // February and March closed
    expect(await outcome(ra, [update(spanning!, { RevenueSharePercent: "20" })])).toEqual(["IMMUTABLE_ALLOCATION"]);
    expect(await outcome(ra, [update(spanning!, { EffectiveFrom: "2030-03-01" })])).toEqual(["IMMUTABLE_ALLOCATION"]);
    expect(await outcome(ra, [update(spanning!, { EffectiveUntil: "2030-04-30" })])).toBe("COMPLETE");
    expect(storedOf(ra)[0]).toMatchObject({ EffectiveFrom: "2030-02-01", EffectiveUntil: "2030-04-30", RevenueSharePercent: "30" });
  });

  it("judges a task by the day it was started on, not the day it ends", async () => {
    const { ra, march } = await marchEntryThen("2030-04-07T23:59:59.000Z");
    const { LatestRevision } = await client.send(new GetRevenueAttributionCommand({ Catalog: "AWS", Identifier: ra }));
    await client.send(
      new StartRevenueAttributionAllocationsTaskCommand({
        Catalog: "AWS",
        RevenueAttributionIdentifier: ra,
        RevenueAttributionRevision: LatestRevision!,
        RevenueShareAllocations: [update(march, { RevenueSharePercent: "25" })],
      }),
    );
    at("2030-04-08T00:00:01Z");
    emulator.finishTasks();
    const task = await client.send(new GetRevenueAttributionAllocationsTaskCommand({ Catalog: "AWS", RevenueAttributionIdentifier: ra }));
    expect(task.Status).toBe("COMPLETE");
  });
});

describe("new entries start in the current month or later", () => {
  it("creates entries for the current month (on its last millisecond) and future months", async () => {
    at("2030-03-31T23:59:59.999Z");
    const ra = await newAttribution();
    expect(await outcome(ra, [create("2030-03", "10", "offer-a"), create("2030-04..2030-09", "10", "offer-b")])).toBe("COMPLETE");
  });

  it("refuses a CREATE for last month, also during the grace, with INVALID_VALUE (inferred code) naming the month", async () => {
    at("2030-04-03T12:00:00Z");
    const ra = await newAttribution();
    const task = await run(ra, [create("2030-03", "10", "offer-a"), create("2030-04", "10", "offer-b")]);
    expect(task.ErrorDetailList).toEqual([
      expect.objectContaining({
        EntityId: "offer-a",
        ErrorCode: "INVALID_VALUE",
        ErrorMessage: "A new allocation must start in the current month (2030-04) or later; EffectiveFrom is 2030-03-01",
      }),
    ]);
  });

  it("refuses a CREATE that starts in a past month and runs into the current one, and one for an INACTIVE past entry", async () => {
    at("2030-04-15T12:00:00Z");
    const ra = await newAttribution();
    expect(await outcome(ra, [create("2030-02..2030-05", "10", "offer-a"), { ...create("2029-12", "10", "offer-b"), Status: "INACTIVE" }])).toEqual([
      "INVALID_VALUE",
      "INVALID_VALUE",
    ]);
  });
});

describe("--date on the standalone command", () => {
  it("runs the rules on that day: a CREATE for the month before is refused, one for that month accepted", async () => {
    const child = spawn(process.execPath, ["--import", "tsx", "src/testing/cli.ts", "--json", "--date", "2030-04-20T12:00:00Z", "--task-duration-ms", "0"], {
      cwd: new URL("..", import.meta.url),
      stdio: ["ignore", "pipe", "inherit"],
    });
    try {
      const line = await new Promise<string>((resolve, reject) => {
        createInterface({ input: child.stdout }).once("line", resolve);
        child.once("exit", (code) => reject(new Error(`emulator exited with ${code}`)));
      });
      const details = JSON.parse(line) as { endpoint: string; region: string; credentials: Emulator["credentials"] };
      const cli = new PartnerCentralRevenueMeasurementClient({ endpoint: details.endpoint, region: details.region, credentials: details.credentials, maxAttempts: 1 });
      const { Id } = await cli.send(new CreateRevenueAttributionCommand({ Catalog: "AWS", Name: "cli", TenancyModel: "MULTI_TENANT" }));
      const { CreatedDate } = await cli.send(new GetRevenueAttributionCommand({ Catalog: "AWS", Identifier: Id }));
      expect(CreatedDate!.toISOString().slice(0, 10)).toBe("2030-04-20");
      const runOn = async (items: RevenueShareAllocation[], revision: string) => {
        await cli.send(
          new StartRevenueAttributionAllocationsTaskCommand({ Catalog: "AWS", RevenueAttributionIdentifier: Id, RevenueAttributionRevision: revision, RevenueShareAllocations: items }),
        );
        for (;;) {
          const task = await cli.send(new GetRevenueAttributionAllocationsTaskCommand({ Catalog: "AWS", RevenueAttributionIdentifier: Id }));
          if (task.Status !== "IN_PROGRESS") return task;
          await new Promise((r) => setTimeout(r, 5));
        }
      };
      expect((await runOn([create("2030-03", "10")], "1")).ErrorDetailList?.map((d) => d.ErrorCode)).toEqual(["INVALID_VALUE"]);
      expect((await runOn([create("2030-04", "10")], "1")).Status).toBe("COMPLETE");
      cli.destroy();
    } finally {
      child.kill("SIGKILL");
    }
  }, 20_000);
});

describe("one clock for the client and the emulator", () => {
  it("the emulator takes the client's clock shape: a CREATE for a past month of that clock is refused", async () => {
    const { startEmulator: start } = await import("../src/testing/index.js");
    const { PartnerCentralRevenueMeasurementClient: Client, CreateRevenueAttributionCommand: Create, StartRevenueAttributionAllocationsTaskCommand: StartTask } = await import("../src/index.js");
    const clock = { now: () => Date.UTC(2033, 5, 15) }; // June 15th, 2033, for both
    const emulator = await start({ clock, taskDurationMs: 0 });
    try {
      const client = new Client({ endpoint: emulator.endpoint, region: emulator.region, credentials: emulator.credentials, clock, maxAttempts: 1 });
      const { Id } = await client.send(new Create({ Catalog: "AWS", Name: "one-clock", TenancyModel: "MULTI_TENANT" }));
      const row = { Action: "CREATE", EntityType: "OFFER", EntityIdentifier: "offer-1", CustomerAwsAccountId: "111122223333", RevenueSharePercent: "10", EffectiveFrom: "2033-05-01", EffectiveUntil: "2033-05-31" } as const;
      const { TaskId } = await client.send(new StartTask({ Catalog: "AWS", RevenueAttributionIdentifier: Id, RevenueAttributionRevision: "1", RevenueShareAllocations: [row] }));
      emulator.finishTasks();
      const task = emulator.inspect().revenueAttributions[0]!.Tasks.find((t) => t.TaskId === TaskId);
      expect(task?.Status).toBe("FAILED"); // May 2033 is a past month on that clock
      client.destroy();
    } finally {
      await emulator.close();
    }
  });
});
