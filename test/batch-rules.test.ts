/**
 * The business rules of API.md section 8 checked before the first task
 * (src/batch/rules.ts): each broken-row kind is caught, with its index, rule
 * and numbers; a set of valid edge cases is never refused; and
 * planAllocations / submitAllocations throw before any write.
 */
import { beforeEach, describe, expect, it } from "vitest";
import {
  ClientValidationError,
  CreateRevenueAttributionCommand,
  PartnerCentralRevenueMeasurementClient,
  StartRevenueAttributionAllocationsTaskCommand,
  waitUntilAllocationsTaskComplete,
  type RevenueAttributionAllocationSummary,
  type RevenueShareAllocation,
} from "../src/index.js";
import { AllocationsConflictError, AllocationsSubmissionError, planAllocations, submitAllocations } from "../src/batch/index.js";
import { checkBusinessRules, type BusinessRulesInput } from "../src/batch/rules.js";
import { FAST_POLL, FAST_WAIT as fast, useEmulator } from "./helpers/emulator-suite.js";
import { inTwo } from "./helpers/two-arguments.js";

const at = (iso: string) => Date.parse(iso);
const NOW = at("2027-10-15T12:00:00Z"); // current month 2027-10; last month (2027-09) no longer updatable

function lastDay(month: string): string {
  const [y, m] = month.split("-").map(Number) as [number, number];
  return `${month}-${new Date(Date.UTC(y, m, 0)).getUTCDate()}`;
}

function row(i: number, month: string, percent: string, extra: Partial<RevenueShareAllocation> = {}): RevenueShareAllocation {
  return {
    Action: "CREATE",
    EntityType: "OFFER",
    EntityIdentifier: `offer-${i}`,
    CustomerAwsAccountId: String(500000000000 + i),
    RevenueSharePercent: percent,
    EffectiveFrom: `${month}-01`,
    EffectiveUntil: lastDay(month),
    ...extra,
  };
}

function storedOf(id: string, i: number, from: string, until: string, percent: string, Status: "ACTIVE" | "INACTIVE" = "ACTIVE"): RevenueAttributionAllocationSummary {
  return {
    RevenueAttributionAllocationId: id,
    RevenueAttributionIdentifier: "ra-abcdefgh12345",
    EntityType: "OFFER",
    EntityIdentifier: `offer-${i}`,
    CustomerAwsAccountId: String(500000000000 + i),
    RevenueSharePercent: percent,
    EffectiveFrom: `${from}-01`,
    EffectiveUntil: lastDay(until),
    Status,
  };
}

function update(id: string, s: RevenueAttributionAllocationSummary, changes: Partial<RevenueShareAllocation>): RevenueShareAllocation {
  const { RevenueAttributionIdentifier: _a, Status: _s, EntityName: _n, ...rest } = s;
  return { ...(rest as RevenueShareAllocation), Action: "UPDATE", RevenueAttributionAllocationId: id, ...changes };
}

/** Checks `items` as one task each of `chunk` rows against `stored` at `now`. */
function check(items: RevenueShareAllocation[], stored: RevenueAttributionAllocationSummary[] = [], now = NOW, chunk = 250): ReturnType<typeof checkBusinessRules> {
  const tasks: number[][] = [];
  for (let i = 0; i < items.length; i += chunk) tasks.push(items.slice(i, i + chunk).map((_, n) => i + n));
  const input: BusinessRulesInput = { items, stored, tasks, now };
  return checkBusinessRules(input);
}

const A = "alloc-aaaaaaaaaaaaa";
const B = "alloc-bbbbbbbbbbbbb";

describe("business rules: each broken kind is caught with index, rule and numbers", () => {
  it("the cap: stored ACTIVE + the submission above 100 % in a month, with the rows and percents", () => {
    const stored = [storedOf(A, 1, "2027-11", "2027-11", "60")];
    expect(check([row(2, "2027-12", "90"), row(3, "2027-11", "30"), row(4, "2027-11", "10")], stored)).toEqual([]); // exactly 100 %
    const over = check([row(3, "2027-11", "30"), row(4, "2027-11", "10.5")], stored);
    expect(over).toEqual([{ index: 1, rule: "ALLOCATION_CAP_EXCEEDED", message: "2027-11: 60% stored + rows 0, 1 (30% + 10.5%) = 100.5% > 100%" }]);
  });

  it("the cap counts a multi-month entry in each month it covers, and is checked per task in order", () => {
    const stored = [storedOf(A, 1, "2028-01", "2028-03", "50")];
    // Task 1 adds 60 % to 2028-02 (110 %); task 2 would release the stored entry, too late for task 1.
    const problems = check([row(2, "2028-02", "60"), update(A, stored[0]!, { Status: "INACTIVE" })], stored, NOW, 1);
    expect(problems).toEqual([{ index: 0, rule: "ALLOCATION_CAP_EXCEEDED", message: "2028-02: 50% stored + row 0 (60%) = 110% > 100%" }]);
    const multi = check([row(2, "2027-12", "10", { EffectiveUntil: "2028-02-29" })], stored);
    expect(multi).toEqual([]); // 50 + 10 in 2028-01 and -02
    const multiOver = check([row(2, "2027-12", "55", { EffectiveUntil: "2028-02-29" })], stored);
    expect(multiOver.map((p) => p.message)).toEqual([
      "2028-01: 50% stored + row 0 (55%) = 105% > 100%",
      "2028-02: 50% stored + row 0 (55%) = 105% > 100%",
    ]);
  });

  it("an UPDATE of an id the attribution does not hold", () => {
    const problems = check([row(1, "2027-11", "10"), { ...row(2, "2027-11", "10"), Action: "UPDATE", RevenueAttributionAllocationId: "alloc-doesnotexist1" }]);
    expect(problems).toEqual([{ index: 1, rule: "RESOURCE_NOT_FOUND", message: "the attribution holds no allocation alloc-doesnotexist1" }]);
  });

  it("overlapping ACTIVE periods of one entity and customer account (stored or in the submission), account ids masked", () => {
    const stored = [storedOf(A, 1, "2027-11", "2028-01", "10")];
    const problems = check([row(1, "2027-12", "10"), row(2, "2028-03", "5", { EffectiveUntil: "2028-04-30" }), row(2, "2028-04", "5")], stored);
    expect(problems).toEqual([
      {
        index: 0,
        rule: "OVERLAPPING_ALLOCATION",
        message: expect.stringMatching(/^OFFER offer-1 \(customer account \*{8}0001\): 2027-12 overlaps allocation alloc-a+ \(2027-11\.\.2028-01\)/),
      },
      { index: 2, rule: "OVERLAPPING_ALLOCATION", message: expect.stringContaining("2028-04 overlaps row 1 (2028-03..2028-04)") },
    ]);
    expect(JSON.stringify(problems)).not.toContain("500000000001");
  });

  it("the edit window: no CREATE for a past month; last month updatable until the 7th (UTC), older never", () => {
    const sept = storedOf(A, 1, "2027-09", "2027-09", "10");
    const aug = storedOf(B, 2, "2027-08", "2027-08", "10");
    const items = [row(3, "2027-09", "10"), update(A, sept, { RevenueSharePercent: "20" }), update(B, aug, { RevenueSharePercent: "20" })];
    const on8th = check(items, [sept, aug], at("2027-10-08T00:00:00Z"));
    expect(on8th.map((p) => [p.index, p.rule])).toEqual([
      [0, "PAST_MONTH_CREATE"],
      [1, "IMMUTABLE_ALLOCATION"],
      [2, "IMMUTABLE_ALLOCATION"],
    ]);
    expect(on8th[0]!.message).toBe("a new entry for 2027-09 starts before the current month 2027-10; new entries start in the current month or later");
    expect(on8th[1]!.message).toContain(`allocation ${A} for 2027-09 can no longer be changed on 2027-10-08`);
    const on7th = check(items, [sept, aug], at("2027-10-07T23:59:59Z"));
    expect(on7th.map((p) => [p.index, p.rule])).toEqual([
      [0, "PAST_MONTH_CREATE"],
      [2, "IMMUTABLE_ALLOCATION"],
    ]);
  });
});

describe("business rules: valid edge cases are never refused", () => {
  const cases: Array<[string, RevenueShareAllocation[], RevenueAttributionAllocationSummary[], number?]> = [
    ["exactly 100 % in a month (stored + rows)", [row(2, "2027-11", "40"), row(3, "2027-11", "0.01"), row(4, "2027-11", "19.99")], [storedOf(A, 1, "2027-11", "2027-11", "40")]],
    ["exactly 100 % in one row", [row(2, "2027-12", "100")], []],
    ["an UPDATE lowering a full month, then a CREATE using the room", (() => {
      const s = storedOf(A, 1, "2027-11", "2027-11", "100");
      return [update(A, s, { RevenueSharePercent: "70" }), row(2, "2027-11", "30")];
    })(), [storedOf(A, 1, "2027-11", "2027-11", "100")]],
    ["an INACTIVE update releasing a full month for a new entry", (() => {
      const s = storedOf(A, 1, "2027-11", "2027-11", "100");
      return [update(A, s, { Status: "INACTIVE" }), row(1, "2027-11", "100")];
    })(), [storedOf(A, 1, "2027-11", "2027-11", "100")]],
    ["INACTIVE stored entries do not count", [row(2, "2027-11", "100")], [storedOf(A, 1, "2027-11", "2027-11", "100", "INACTIVE")]],
    ["last month's entry updated on the 7th (UTC)", (() => {
      const s = storedOf(A, 1, "2027-09", "2027-09", "10");
      return [update(A, s, { RevenueSharePercent: "20" })];
    })(), [storedOf(A, 1, "2027-09", "2027-09", "10")], at("2027-10-07T23:59:59Z")],
    ["a CREATE for the current month, late in it", [row(2, "2027-10", "10")], [], at("2027-10-31T23:59:59Z")],
    ["a multi-month entry beside single months of the same entity, without overlap", [row(1, "2027-11", "10", { EffectiveUntil: "2028-01-31" }), row(1, "2028-02", "10")], []],
    ["an entry partly in the past updated for its future months (left to the service)", (() => {
      const s = storedOf(A, 1, "2027-08", "2027-12", "10");
      return [update(A, s, { RevenueSharePercent: "12" })];
    })(), [storedOf(A, 1, "2027-08", "2027-12", "10")]],
    ["one entity with an INACTIVE and an ACTIVE entry for the same month", [row(1, "2027-11", "10")], [storedOf(A, 1, "2027-11", "2027-11", "10", "INACTIVE")]],
    ["the same stored allocation updated twice in different tasks", (() => {
      const s = storedOf(A, 1, "2027-11", "2027-11", "90");
      return [update(A, s, { RevenueSharePercent: "50" }), row(2, "2027-11", "50"), update(A, s, { RevenueSharePercent: "40" })];
    })(), [storedOf(A, 1, "2027-11", "2027-11", "90")]],
  ];
  it.each(cases)("%s", (_name, items, stored, now) => {
    expect(check(items, stored, now ?? NOW, 2)).toEqual([]);
  });
});

describe("planAllocations and submitAllocations check the rules before any write", () => {
  const suite = useEmulator({ taskDurationMs: 5 });
  let attribution: string;
  beforeEach(async () => {
    suite.emulator.reset();
    attribution = (await suite.client.send(new CreateRevenueAttributionCommand({ Catalog: "AWS", Name: "rules", TenancyModel: "MULTI_TENANT" }))).Id;
  });
  const writes = () => suite.emulator.inspect().requests.byOperation.StartRevenueAttributionAllocationsTask ?? 0;
  const input = (list: RevenueShareAllocation[]) => ({ Catalog: "AWS" as const, RevenueAttributionIdentifier: attribution, RevenueShareAllocations: list, ...fast });

  it("a 600-row submission with a cap overflow, an unknown UPDATE id and a past-month CREATE: all named at once, nothing sent", async () => {
    const list = Array.from({ length: 600 }, (_, i) => row(i, `${2040 + Math.floor(i / 12)}-${String((i % 12) + 1).padStart(2, "0")}`, "10"));
    await submitAllocations(...inTwo(suite.client, input(list.slice(0, 12)))); // stored: 10 % in each month of 2040
    list[300] = row(9000, "2040-09", "50");
    list[301] = row(9001, "2040-09", "45");
    list[450] = { ...row(9002, "2045-01", "5"), Action: "UPDATE", RevenueAttributionAllocationId: "alloc-doesnotexist1" };
    list[599] = row(9003, "2020-01", "5");
    const before = writes();
    for (const call of [() => planAllocations(...inTwo(suite.client, input(list))), () => submitAllocations(...inTwo(suite.client, input(list)))]) {
      const error = (await call().catch((e: unknown) => e)) as ClientValidationError;
      expect(error).toBeInstanceOf(ClientValidationError);
      expect(error.FieldList).toEqual([
        { Name: "RevenueShareAllocations[301]", Code: "INVALID_VALUE", Message: "ALLOCATION_CAP_EXCEEDED: 2040-09: 10% stored + rows 300, 301 (50% + 45%) = 105% > 100%" },
        { Name: "RevenueShareAllocations[450]", Code: "INVALID_VALUE", Message: "RESOURCE_NOT_FOUND: the attribution holds no allocation alloc-doesnotexist1" },
        { Name: "RevenueShareAllocations[599]", Code: "INVALID_VALUE", Message: expect.stringContaining("PAST_MONTH_CREATE: a new entry for 2020-01") },
      ]);
    }
    expect(writes()).toBe(before);
  });

  it("submitAllocations checks the rules after waiting for another writer's running task, on what that task stored", async () => {
    suite.emulator.setTaskDurationMs(Infinity);
    const theirs = await suite.client.send(
      new StartRevenueAttributionAllocationsTaskCommand({
        Catalog: "AWS",
        RevenueAttributionIdentifier: attribution,
        RevenueAttributionRevision: "1",
        RevenueShareAllocations: [row(99, "2040-05", "60")],
      }),
    );
    // While their task runs nothing is stored yet; it ends at our first poll, and then 60 % + 50 % is over the cap.
    const error = (await submitAllocations(...inTwo(suite.client, { ...input([row(1, "2040-05", "50")]), onPoll: () => suite.emulator.finishTasks() })).catch(
      (e: unknown) => e,
    )) as ClientValidationError;
    expect(suite.emulator.inspect().revenueAttributions.find((a) => a.Id === attribution)!.Tasks.map((t) => [t.TaskId, t.Status])).toEqual([
      [theirs.TaskId, "COMPLETE"],
    ]);
    expect(error).toBeInstanceOf(ClientValidationError);
    expect(error.FieldList).toEqual([
      { Name: "RevenueShareAllocations[0]", Code: "INVALID_VALUE", Message: expect.stringContaining("ALLOCATION_CAP_EXCEEDED: 2040-05: 60% stored") },
    ]);
    expect(writes()).toBe(1); // theirs only
    suite.emulator.setTaskDurationMs(5);
  });

  /**
   * Submits `list` one row per task; after task 1 another writer stores `theirs` (waited for), so task 2's start is
   * refused (REVISION_MISMATCH) and the call reads the attribution again. Resolves with what the call threw.
   */
  const submitAllocationsWithAnotherWriterAfterTask1 = (list: RevenueShareAllocation[], theirs: RevenueShareAllocation[]) => {
    const anotherWriter = async (revision: string) => {
      const started = await suite.client.send(
        new StartRevenueAttributionAllocationsTaskCommand({
          Catalog: "AWS",
          RevenueAttributionIdentifier: attribution,
          RevenueAttributionRevision: revision,
          RevenueShareAllocations: theirs,
        }),
      );
      await waitUntilAllocationsTaskComplete({ client: suite.client, ...FAST_POLL }, { Catalog: "AWS", RevenueAttributionIdentifier: attribution, TaskId: started.TaskId });
    };
    return submitAllocations(
      { client: suite.client, ...fast, onProgress: (p) => (p.chunkIndex === 0 ? anotherWriter(p.task.RevenueAttributionLatestRevision!) : undefined) },
      { Catalog: "AWS", RevenueAttributionIdentifier: attribution, RevenueShareAllocations: list, chunkSize: 1 },
    ).catch((e: unknown) => e);
  };

  it("a rule broken only in a later round, after this call committed a task, stops with a report of what is committed", async () => {
    // Task 1 (row 0) commits; before task 2 another writer stores 60 % for 2040-06, so task 2's start is refused
    // (REVISION_MISMATCH) and the next round finds row 1's 50 % over the cap.
    const list = [row(1, "2040-05", "10"), row(2, "2040-06", "50")];
    const error = await submitAllocationsWithAnotherWriterAfterTask1(list, [row(99, "2040-06", "60")]);
    expect(error).toBeInstanceOf(AllocationsSubmissionError);
    const stopped = error as AllocationsSubmissionError;
    expect(stopped).toMatchObject({ committed: [{ first: 0, last: 0 }], notApplied: [{ first: 1, last: 1 }], inDoubt: [], failed: [] });
    expect(stopped.tasks).toHaveLength(1);
    expect(stopped.cause).toBeInstanceOf(ClientValidationError);
    expect((stopped.cause as ClientValidationError).FieldList).toEqual([
      { Name: "RevenueShareAllocations[1]", Code: "INVALID_VALUE", Message: expect.stringContaining("ALLOCATION_CAP_EXCEEDED: 2040-06: 60% stored") },
    ]);
    expect(stopped.message).toContain("Committed: RevenueShareAllocations[0] (1). Not applied: RevenueShareAllocations[1] (1).");
    expect(stopped.message).toContain("Fix or remove the rows the cause names (its FieldList");
  });

  it("a conflict found only in a later round, after this call committed a task, stops with a report of what is committed", async () => {
    // Task 1 (row 0) commits; before task 2 another writer stores row 1's entity, customer and month at 30 %, so
    // task 2's start is refused (REVISION_MISMATCH) and the next round finds row 1 contradicted by what is stored.
    const list = [row(1, "2040-05", "10"), row(2, "2040-06", "50")];
    const error = await submitAllocationsWithAnotherWriterAfterTask1(list, [row(2, "2040-06", "30")]);
    expect(error).toBeInstanceOf(AllocationsSubmissionError);
    const stopped = error as AllocationsSubmissionError;
    expect(stopped).toMatchObject({ committed: [{ first: 0, last: 0 }], notApplied: [{ first: 1, last: 1 }], inDoubt: [], failed: [] });
    expect(stopped.cause).toBeInstanceOf(AllocationsConflictError);
    expect((stopped.cause as AllocationsConflictError).conflicts).toEqual([expect.objectContaining({ index: 1 })]);
    expect(stopped.message).toContain("Committed: RevenueShareAllocations[0] (1). Not applied: RevenueShareAllocations[1] (1).");
    expect(stopped.message).toContain("Resolve the conflicts the cause names");
  });

  it("a single row of 150 % is refused by local validation, before any request", async () => {
    const error = (await submitAllocations(...inTwo(suite.client, input([row(1, "2040-01", "150")]))).catch((e: unknown) => e)) as ClientValidationError;
    expect(error).toBeInstanceOf(ClientValidationError);
    expect(error.FieldList).toEqual([{ Name: "RevenueShareAllocations[0].RevenueSharePercent", Code: "INVALID_VALUE", Message: "must be at most 100" }]);
  });

  it("uses the client's clock for the edit window, and leaves every judgement to the service with validation: false", async () => {
    const { endpoint, region, credentials } = suite.emulator;
    const list = [row(1, "2040-01", "10")];
    await expect(planAllocations(...inTwo(suite.client, input(list)))).resolves.toMatchObject({ toCreate: [{ first: 0, last: 0 }] });
    // The client's clock says March 2041 (its offset keeps the signatures fresh): 2040-01 is in the past.
    const fake = at("2041-03-01T00:00:00Z");
    const later = new PartnerCentralRevenueMeasurementClient({ endpoint, region, credentials, clock: { now: () => fake }, systemClockOffset: Date.now() - fake });
    const error = (await planAllocations(...inTwo(later, input(list))).catch((e: unknown) => e)) as ClientValidationError;
    later.destroy();
    expect(error).toBeInstanceOf(ClientValidationError);
    expect(error.FieldList[0]!.Message).toContain("PAST_MONTH_CREATE: a new entry for 2040-01 starts before the current month 2041-03");
    const unchecked = new PartnerCentralRevenueMeasurementClient({ endpoint, region, credentials, validation: false });
    const bad = [{ ...row(2, "2040-02", "10"), Action: "UPDATE" as const, RevenueAttributionAllocationId: "alloc-doesnotexist1" }];
    await expect(planAllocations(...inTwo(unchecked, input(bad)))).resolves.toMatchObject({ toUpdate: [{ first: 0, last: 0 }] });
    unchecked.destroy();
  });
});
