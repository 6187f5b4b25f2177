/**
 * The preflight rules (src/batch/rules.ts) against the emulator, which
 * enforces API.md section 8 in its tasks: for random batches over a few
 * months around "today" (some entries stored earlier, CREATEs, UPDATEs,
 * INACTIVE releases, multi-month entries), whenever the preflight refuses a
 * batch the emulator's task FAILS it too (no valid batch is refused), and
 * whenever the task fails on a rule the preflight claims to check, the
 * preflight refused it as well.
 */
import fc from "fast-check";
import { beforeEach, describe, expect, it } from "vitest";
import {
  CreateRevenueAttributionCommand,
  GetRevenueAttributionAllocationsTaskCommand,
  ListRevenueAttributionAllocationsCommand,
  PartnerCentralRevenueMeasurementClient,
  StartRevenueAttributionAllocationsTaskCommand,
  type RevenueAttributionAllocationSummary,
  type RevenueShareAllocation,
} from "../src/index.js";
import { reconcile } from "../src/batch/reconcile.js";
import { checkBusinessRules } from "../src/batch/rules.js";
import { useEmulator } from "./helpers/emulator-suite.js";

let today = Date.parse("2030-01-10T12:00:00Z");
const suite = useEmulator({ taskDurationMs: 0, clock: { now: () => today } });
let unchecked: PartnerCentralRevenueMeasurementClient;
beforeEach(() => {
  const { endpoint, region, credentials } = suite.emulator;
  unchecked ??= new PartnerCentralRevenueMeasurementClient({ endpoint, region, credentials, validation: false });
});

const MONTHS = ["2030-02", "2030-03", "2030-04", "2030-05", "2030-06"];
const lastDay = (month: string) => `${month}-${new Date(Date.UTC(Number(month.slice(0, 4)), Number(month.slice(5, 7)), 0)).getUTCDate()}`;
const ENTITIES = ["offer-a", "offer-b", "offer-c"];
const customer = (entity: string) => String(700000000000 + ENTITIES.indexOf(entity));

const createArb = fc.record({
  entity: fc.constantFrom(...ENTITIES),
  from: fc.integer({ min: 0, max: MONTHS.length - 1 }),
  span: fc.integer({ min: 0, max: 1 }),
  percent: fc.constantFrom<string>("10", "25", "40", "50", "60", "100"),
  inactive: fc.boolean(),
});
type CreateSpec = typeof createArb extends fc.Arbitrary<infer T> ? T : never;

function createOf(spec: CreateSpec): RevenueShareAllocation {
  const until = Math.min(MONTHS.length - 1, spec.from + spec.span);
  return {
    Action: "CREATE",
    EntityType: "OFFER",
    EntityIdentifier: spec.entity,
    CustomerAwsAccountId: customer(spec.entity),
    RevenueSharePercent: spec.percent,
    EffectiveFrom: `${MONTHS[spec.from]}-01`,
    EffectiveUntil: lastDay(MONTHS[until]!),
    ...(spec.inactive ? { Status: "INACTIVE" as const } : {}),
  };
}

/** One batch with distinct CREATE keys and at most one UPDATE per id (what local validation allows in a task). */
function distinct(items: RevenueShareAllocation[]): RevenueShareAllocation[] {
  const seen = new Set<string>();
  return items.filter((i) => {
    const key = i.Action === "UPDATE" ? `U${i.RevenueAttributionAllocationId}` : `C${i.EntityIdentifier}${i.EffectiveFrom}${i.EffectiveUntil}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

async function runTask(attribution: string, revision: string, items: RevenueShareAllocation[]) {
  await unchecked.send(
    new StartRevenueAttributionAllocationsTaskCommand({ Catalog: "AWS", RevenueAttributionIdentifier: attribution, RevenueAttributionRevision: revision, RevenueShareAllocations: items }),
  );
  for (;;) {
    const task = await unchecked.send(new GetRevenueAttributionAllocationsTaskCommand({ Catalog: "AWS", RevenueAttributionIdentifier: attribution }));
    if (task.Status !== "IN_PROGRESS") return task;
    await new Promise((r) => setTimeout(r, 2));
  }
}

async function storedOf(attribution: string): Promise<RevenueAttributionAllocationSummary[]> {
  const page = await unchecked.send(new ListRevenueAttributionAllocationsCommand({ Catalog: "AWS", RevenueAttributionIdentifier: attribution, MaxResults: 500 }));
  return page.RevenueAttributionAllocationSummaries ?? [];
}

/** Codes of the rules the preflight checks (the emulator's INVALID_VALUE covers overlaps and past-month CREATEs too). */
const CHECKED = new Set(["ALLOCATION_CAP_EXCEEDED", "IMMUTABLE_ALLOCATION", "RESOURCE_NOT_FOUND", "INVALID_VALUE"]);

describe("preflight rules agree with the emulator's tasks", () => {
  it("refuses only what the task fails, and catches what the task fails on a checked rule", async () => {
    let refusedBoth = 0;
    let acceptedBoth = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.array(createArb, { minLength: 0, maxLength: 4 }),
        fc.array(createArb, { minLength: 1, maxLength: 5 }),
        fc.array(fc.record({ pick: fc.nat(), percent: fc.constantFrom("0", "20", "70", "100"), inactive: fc.boolean(), unknown: fc.boolean() }), { maxLength: 2 }),
        fc.constantFrom("2030-04-05T12:00:00Z", "2030-04-07T23:59:59Z", "2030-04-08T00:00:00Z", "2030-03-20T00:00:00Z"),
        async (seed, creates, updates, day) => {
          today = Date.parse("2030-01-10T12:00:00Z"); // seed entries while every month is still open
          const { Id } = await suite.client.send(new CreateRevenueAttributionCommand({ Catalog: "AWS", Name: `p-${Math.random()}`, TenancyModel: "MULTI_TENANT" }));
          let revision = "1";
          const seedItems = distinct(seed.map(createOf));
          if (seedItems.length) {
            const seeded = await runTask(Id, revision, seedItems);
            if (seeded.Status === "COMPLETE") revision = seeded.RevenueAttributionLatestRevision!;
          }
          today = Date.parse(day);
          const stored = await storedOf(Id);
          const items = distinct([
            ...creates.map(createOf),
            ...updates.map((u): RevenueShareAllocation => {
              const target = stored[u.pick % Math.max(1, stored.length)];
              if (!target || u.unknown) {
                return { ...createOf({ entity: "offer-a", from: 3, span: 0, percent: u.percent, inactive: false }), Action: "UPDATE", RevenueAttributionAllocationId: "alloc-unknown000000" };
              }
              return {
                Action: "UPDATE",
                RevenueAttributionAllocationId: target.RevenueAttributionAllocationId,
                EntityType: "OFFER",
                EntityIdentifier: target.EntityIdentifier,
                CustomerAwsAccountId: target.CustomerAwsAccountId,
                RevenueSharePercent: u.percent,
                EffectiveFrom: target.EffectiveFrom,
                EffectiveUntil: target.EffectiveUntil,
                ...(u.inactive ? { Status: "INACTIVE" as const } : {}),
              };
            }),
          ]);
          // As submitAllocations does: changes the attribution already holds are not sent; a conflict stops it.
          const { applied, conflicts } = reconcile(items, stored);
          const pending = items.map((_, i) => i).filter((i) => !applied[i]);
          if (!pending.length) return;
          const problems = [...checkBusinessRules({ items, stored, tasks: [pending], now: today }), ...conflicts];
          const task = await runTask(Id, revision, pending.map((i) => items[i]!));
          const codes = (task.ErrorDetailList ?? []).map((d) => String(d.ErrorCode));
          const context = JSON.stringify({ day, stored: stored.map((s) => [s.EntityIdentifier, s.EffectiveFrom, s.EffectiveUntil, s.RevenueSharePercent, s.Status]), items, problems, codes });
          // Never refuse a batch the service would run.
          if (problems.length) expect(task.Status, context).toBe("FAILED");
          // Partly closed entries are left to the service on purpose: the converse is checked without them.
          const now = new Date(today);
          const firstOpen = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - (now.getUTCDate() <= 7 ? 1 : 0), 1));
          const window = firstOpen.toISOString().slice(0, 7);
          const partlyClosed = pending.map((i) => items[i]!).some((i) => {
            if (i.Action !== "UPDATE") return false;
            const s = stored.find((x) => x.RevenueAttributionAllocationId === i.RevenueAttributionAllocationId);
            return s !== undefined && s.EffectiveFrom.slice(0, 7) < window && s.EffectiveUntil.slice(0, 7) >= window;
          });
          if (!partlyClosed && codes.some((c) => CHECKED.has(c))) expect(problems.length, context).toBeGreaterThan(0);
          if (problems.length) refusedBoth++;
          else if (task.Status === "COMPLETE") acceptedBoth++;
        },
      ),
      { numRuns: Number(process.env.RULES_RUNS ?? 60), seed: Number(process.env.RULES_SEED ?? 19) },
    );
    // Both sides of the property were exercised.
    expect(refusedBoth).toBeGreaterThan(5);
    expect(acceptedBoth).toBeGreaterThan(5);
  }, 120_000);
});
