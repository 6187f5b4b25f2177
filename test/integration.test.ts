/**
 * Integration over real HTTP (loopback) against the emulator: every one of
 * the 18 operations through this SDK's client, the paginators, the aggregated
 * client, the waiter's outcomes and the batch helper.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  AllocationsTaskFailedError,
  AllocationsTaskSupersededError,
  ClientValidationError,
  CreateMarketplaceRevenueShareAllocationCommand,
  CreateMarketplaceRevenueShareCommand,
  CreateRevenueAttributionCommand,
  GetMarketplaceRevenueShareAllocationCommand,
  GetMarketplaceRevenueShareCommand,
  GetRevenueAttributionAllocationCommand,
  GetRevenueAttributionAllocationsTaskCommand,
  GetRevenueAttributionCommand,
  ListMarketplaceRevenueShareAllocationsCommand,
  ListMarketplaceRevenueSharesCommand,
  ListRevenueAttributionAllocationsCommand,
  ListRevenueAttributionsCommand,
  ListTagsForResourceCommand,
  PartnerCentralRevenueMeasurement,
  PartnerCentralRevenueMeasurementClient,
  StartRevenueAttributionAllocationsTaskCommand,
  TagResourceCommand,
  UntagResourceCommand,
  UpdateMarketplaceRevenueShareAllocationCommand,
  UpdateRevenueAttributionCommand,
  WaiterTimeoutError,
  paginateListMarketplaceRevenueShareAllocations,
  paginateListMarketplaceRevenueShares,
  paginateListRevenueAttributionAllocations,
  paginateListRevenueAttributions,
  waitUntilAllocationsTaskComplete,
  type RevenueShareAllocation,
} from "../src/index.js";
import { submitAllocations } from "../src/batch/index.js";
import { startEmulator, type Emulator } from "../src/testing/index.js";

const FAST = { minDelayMs: 5, maxDelayMs: 20, maxWaitMs: 10_000 };
const PRODUCT = "prod-integration01";
const NOW = Date.parse("2030-01-10T08:00:00Z");

let emulator: Emulator;
let client: PartnerCentralRevenueMeasurementClient;

beforeAll(async () => {
  emulator = await startEmulator({ taskDurationMs: 5, clock: { now: () => NOW } });
  client = new PartnerCentralRevenueMeasurementClient({
    endpoint: emulator.endpoint,
    region: emulator.region,
    credentials: emulator.credentials,
    maxAttempts: 1,
    clock: { now: () => Date.now() },
  });
});
afterAll(async () => {
  client.destroy();
  await emulator.close();
});

/** `count` distinct monthly changes for 2030 (one offer per customer). */
function changes(count: number, offset = 0): RevenueShareAllocation[] {
  return Array.from({ length: count }, (_, i) => {
    const n = i + offset;
    const month = (n % 12) + 1;
    const mm = String(month).padStart(2, "0");
    const last = new Date(Date.UTC(2030, month, 0)).getUTCDate();
    return {
      Action: "CREATE",
      EntityType: n % 2 ? "OPPORTUNITY" : "OFFER",
      EntityIdentifier: `entity-${String(n).padStart(5, "0")}`,
      CustomerAwsAccountId: String(300000000000 + n),
      RevenueSharePercent: "1.5", // 600 changes put 50 in a month: 75 %, within the 100 % cap of one attribution
      EffectiveFrom: `2030-${mm}-01`,
      EffectiveUntil: `2030-${mm}-${last}`,
    };
  });
}

async function collect<T>(pages: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const page of pages) out.push(page);
  return out;
}

describe("every operation over HTTP", () => {
  it("revenue attributions, tasks, allocations, marketplace shares and tags", async () => {
    // --- revenue attributions
    const created = await client.send(
      new CreateRevenueAttributionCommand({
        Catalog: "AWS",
        Name: "Integration RAID",
        Description: "first",
        TenancyModel: "MULTI_TENANT",
        ProductIdentifier: PRODUCT,
        Tags: [{ Key: "team", Value: "alliances" }],
      }),
    );
    expect(created).toMatchObject({ Name: "Integration RAID", Revision: "1", MarketplaceProduct: { ProductId: PRODUCT } });
    expect(created.Arn).toBe(`arn:aws:partnercentral:us-east-1:${emulator.accountId}:catalog/AWS/revenue-attribution/${created.Id}`);

    const updated = await client.send(
      new UpdateRevenueAttributionCommand({ Catalog: "AWS", Identifier: created.Arn, Revision: "1", Description: "second" }),
    );
    expect(updated).toMatchObject({ Id: created.Id, Description: "second", LatestRevision: "2" });
    expect(updated.LastModifiedDate).toBeInstanceOf(Date);

    const got = await client.send(new GetRevenueAttributionCommand({ Catalog: "AWS", Identifier: created.Id }));
    expect(got).toMatchObject({ Id: created.Id, Catalog: "AWS", Description: "second", Revision: "2", LatestRevision: "2" });
    expect(got.CreatedDate).toEqual(new Date(NOW));
    const listed = await client.send(new ListRevenueAttributionsCommand({ Catalog: "AWS", Identifiers: [created.Id] }));
    expect(listed.RevenueAttributionSummaries).toEqual([
      expect.objectContaining({ Id: created.Id, TenancyModel: "MULTI_TENANT", TotalRevenueAttributionAllocationCount: 0 }),
    ]);

    // --- allocations task, waited for
    const started = await client.send(
      new StartRevenueAttributionAllocationsTaskCommand({
        Catalog: "AWS",
        RevenueAttributionIdentifier: created.Id,
        RevenueAttributionRevision: "2",
        RevenueShareAllocations: changes(12),
        Description: "twelve months",
      }),
    );
    const done = await waitUntilAllocationsTaskComplete(
      { client, ...FAST },
      { Catalog: "AWS", RevenueAttributionIdentifier: created.Id, TaskId: started.TaskId },
    );
    expect(done).toMatchObject({ Status: "COMPLETE", RevenueAttributionLatestRevision: "3", Description: "twelve months" });
    const task = await client.send(
      new GetRevenueAttributionAllocationsTaskCommand({ Catalog: "AWS", RevenueAttributionIdentifier: created.Id }),
    );
    expect(task.TaskId).toBe(started.TaskId);

    const offers = await client.send(
      new ListRevenueAttributionAllocationsCommand({
        Catalog: "AWS",
        RevenueAttributionIdentifier: created.Id,
        EntityTypeFilters: ["OFFER"],
        AfterEffectiveFrom: "2030-03-01",
        BeforeEffectiveUntil: "2030-09-30",
        SortOrder: "DESCENDING",
      }),
    );
    // Offers are entities 0, 2, 4, ... (January, March, May, ...); the date bounds keep March, May and July.
    expect(offers.RevenueAttributionAllocationSummaries!.map((s) => s.EffectiveFrom)).toEqual([
      "2030-07-01",
      "2030-05-01",
      "2030-03-01",
    ]);
    const one = offers.RevenueAttributionAllocationSummaries![0]!;
    const allocation = await client.send(
      new GetRevenueAttributionAllocationCommand({
        Catalog: "AWS",
        RevenueAttributionIdentifier: created.Id,
        RevenueAttributionAllocationId: one.RevenueAttributionAllocationId,
      }),
    );
    expect(allocation).toMatchObject({
      RevenueAttributionAllocationId: one.RevenueAttributionAllocationId,
      RevenueAttributionIdentifier: created.Id,
      Status: "ACTIVE",
      RevenueAttributionRevision: "3",
      RevenueAttributionLatestRevision: "3",
    });
    expect(allocation.CreatedDate).toBeInstanceOf(Date);

    // --- marketplace revenue share and its allocations
    const share = await client.send(
      new CreateMarketplaceRevenueShareCommand({ Catalog: "AWS", ProductId: PRODUCT, Tags: [{ Key: "env", Value: "test" }] }),
    );
    expect(share).toMatchObject({ ProductId: PRODUCT, Revision: 1 });
    const mrsa = await client.send(
      new CreateMarketplaceRevenueShareAllocationCommand({
        Catalog: "AWS",
        ProductId: PRODUCT,
        EffectiveFrom: "2030-02-01",
        EffectiveUntil: "2030-12-31",
        RevenueSharePercent: "15.50",
      }),
    );
    expect(mrsa).toMatchObject({ Status: "ACTIVE", Arn: share.Arn, LatestMarketplaceRevenueShareRevision: "2" });
    const changed = await client.send(
      new UpdateMarketplaceRevenueShareAllocationCommand({
        Catalog: "AWS",
        ProductId: PRODUCT,
        MarketplaceRevenueShareAllocationId: mrsa.MarketplaceRevenueShareAllocationId,
        MarketplaceRevenueShareRevision: "2",
        RevenueSharePercent: "16",
      }),
    );
    expect(changed).toMatchObject({ RevenueSharePercent: "16", LatestMarketplaceRevenueShareRevision: "3" });
    const gotMrsa = await client.send(
      new GetMarketplaceRevenueShareAllocationCommand({
        Catalog: "AWS",
        ProductId: PRODUCT,
        MarketplaceRevenueShareAllocationId: mrsa.MarketplaceRevenueShareAllocationId,
      }),
    );
    expect(gotMrsa.RevenueSharePercent).toBe("16");
    const listedMrsa = await client.send(new ListMarketplaceRevenueShareAllocationsCommand({ Catalog: "AWS", ProductId: PRODUCT }));
    expect(listedMrsa.MarketplaceRevenueShareAllocationSummaries.map((s) => s.MarketplaceRevenueShareAllocationId)).toEqual([
      mrsa.MarketplaceRevenueShareAllocationId,
    ]);
    const gotShare = await client.send(new GetMarketplaceRevenueShareCommand({ Catalog: "AWS", ProductId: PRODUCT }));
    expect(gotShare).toMatchObject({ Revision: 3, LatestRevision: 3, TotalMarketplaceRevenueShareAllocationCount: 1 });
    const firstRevision = await client.send(new GetMarketplaceRevenueShareCommand({ Catalog: "AWS", ProductId: PRODUCT, Revision: 1 }));
    expect(firstRevision).toMatchObject({ Revision: 1, LatestRevision: 3, TotalMarketplaceRevenueShareAllocationCount: 0 });
    const shares = await client.send(new ListMarketplaceRevenueSharesCommand({ Catalog: "AWS", ProductIds: [PRODUCT] }));
    expect(shares.MarketplaceRevenueShareSummaries).toEqual([expect.objectContaining({ ProductId: PRODUCT, LatestRevision: 3 })]);

    // --- tags, on both kinds of resource
    await client.send(new TagResourceCommand({ resourceArn: created.Arn, tags: [{ Key: "stage", Value: "beta" }] }));
    await client.send(new UntagResourceCommand({ resourceArn: created.Arn, tagKeys: ["team"] }));
    const raTags = await client.send(new ListTagsForResourceCommand({ resourceArn: created.Arn }));
    expect(raTags.tags).toEqual([{ Key: "stage", Value: "beta" }]);
    const shareTags = await client.send(new ListTagsForResourceCommand({ resourceArn: share.Arn }));
    expect(shareTags.tags).toEqual([{ Key: "env", Value: "test" }]);

    const exercised = Object.keys(emulator.inspect().requests.byOperation).sort();
    expect(exercised).toHaveLength(18);
  });
});

describe("paginators and the aggregated client", () => {
  it("walks every page of the four list operations", async () => {
    emulator.reset();
    const prm = new PartnerCentralRevenueMeasurement({
      endpoint: emulator.endpoint,
      region: emulator.region,
      credentials: emulator.credentials,
    });
    try {
      const ids: string[] = [];
      for (let i = 0; i < 5; i++) {
        ids.push((await prm.createRevenueAttribution({ Catalog: "AWS", Name: `Paged ${i}`, TenancyModel: "SINGLE_TENANT" })).Id);
      }
      const raPages = await collect(paginateListRevenueAttributions({ client: prm, pageSize: 2 }, { Catalog: "AWS" }));
      expect(raPages).toHaveLength(3);
      expect(raPages.flatMap((p) => p.RevenueAttributionSummaries!.map((s) => s.Id)).sort()).toEqual([...ids].sort());

      await submitAllocations({ client: prm, ...FAST }, { Catalog: "AWS", RevenueAttributionIdentifier: ids[0]!, RevenueShareAllocations: changes(30) });
      const allocPages = await collect(
        paginateListRevenueAttributionAllocations({ client: prm, pageSize: 7 }, { Catalog: "AWS", RevenueAttributionIdentifier: ids[0]! }),
      );
      expect(allocPages.map((p) => p.RevenueAttributionAllocationSummaries!.length)).toEqual([7, 7, 7, 7, 2]);
      const from = allocPages.flatMap((p) => p.RevenueAttributionAllocationSummaries!.map((s) => s.EffectiveFrom));
      expect(from).toEqual([...from].sort()); // ASCENDING by default

      const products = ["prod-aaaaaaaaaaaa1", "prod-aaaaaaaaaaaa2", "prod-aaaaaaaaaaaa3"];
      for (const ProductId of products) await prm.createMarketplaceRevenueShare({ Catalog: "AWS", ProductId });
      const sharePages = await collect(paginateListMarketplaceRevenueShares({ client: prm, pageSize: 2 }, { Catalog: "AWS" }));
      expect(sharePages.flatMap((p) => p.MarketplaceRevenueShareSummaries.map((s) => s.ProductId)).sort()).toEqual(products);

      for (const month of ["01", "02", "03", "04", "05"]) {
        const last = new Date(Date.UTC(2031, Number(month), 0)).getUTCDate();
        await prm.createMarketplaceRevenueShareAllocation({
          Catalog: "AWS",
          ProductId: products[0]!,
          EffectiveFrom: `2031-${month}-01`,
          EffectiveUntil: `2031-${month}-${last}`,
          RevenueSharePercent: "10",
        });
      }
      const mrsaPages = await collect(
        paginateListMarketplaceRevenueShareAllocations({ client: prm, pageSize: 2 }, { Catalog: "AWS", ProductId: products[0]! }),
      );
      const starts = mrsaPages.flatMap((p) => p.MarketplaceRevenueShareAllocationSummaries.map((s) => s.EffectiveFrom));
      expect(starts).toEqual(["2031-05-01", "2031-04-01", "2031-03-01", "2031-02-01", "2031-01-01"]); // DESCENDING by default
    } finally {
      prm.destroy();
    }
  });
});

describe("the waiter's outcomes", () => {
  it("rejects with AllocationsTaskFailedError carrying the per-record details", async () => {
    emulator.reset();
    const ra = await client.send(new CreateRevenueAttributionCommand({ Catalog: "AWS", Name: "W", TenancyModel: "MULTI_TENANT" }));
    const started = await client.send(
      new StartRevenueAttributionAllocationsTaskCommand({
        Catalog: "AWS",
        RevenueAttributionIdentifier: ra.Id,
        RevenueAttributionRevision: "1",
        RevenueShareAllocations: [{ ...changes(1)[0]!, Action: "UPDATE", RevenueAttributionAllocationId: "alloc-nosuchthing01" }],
      }),
    );
    const err = await waitUntilAllocationsTaskComplete(
      { client, ...FAST },
      { Catalog: "AWS", RevenueAttributionIdentifier: ra.Id, TaskId: started.TaskId },
    ).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AllocationsTaskFailedError);
    expect((err as AllocationsTaskFailedError).ErrorDetailList).toEqual([
      expect.objectContaining({ ErrorCode: "RESOURCE_NOT_FOUND", RevenueAttributionAllocationId: "alloc-nosuchthing01" }),
    ]);
  });

  it("reports a superseded task and a deadline", async () => {
    emulator.reset();
    const ra = await client.send(new CreateRevenueAttributionCommand({ Catalog: "AWS", Name: "S", TenancyModel: "MULTI_TENANT" }));
    const start = (revision: string, offset: number) =>
      client.send(
        new StartRevenueAttributionAllocationsTaskCommand({
          Catalog: "AWS",
          RevenueAttributionIdentifier: ra.Id,
          RevenueAttributionRevision: revision,
          RevenueShareAllocations: changes(1, offset),
        }),
      );
    const first = await start("1", 0);
    emulator.finishTasks();
    await start("2", 1);
    const superseded = await waitUntilAllocationsTaskComplete(
      { client, ...FAST },
      { Catalog: "AWS", RevenueAttributionIdentifier: ra.Id, TaskId: first.TaskId },
    ).catch((e: unknown) => e);
    expect(superseded).toBeInstanceOf(AllocationsTaskSupersededError);

    emulator.finishTasks();
    emulator.setTaskDurationMs(60_000);
    try {
      const slow = await start("3", 2);
      const timeout = await waitUntilAllocationsTaskComplete(
        { client, minDelayMs: 10, maxDelayMs: 20, maxWaitMs: 100 },
        { Catalog: "AWS", RevenueAttributionIdentifier: ra.Id, TaskId: slow.TaskId },
      ).catch((e: unknown) => e);
      expect(timeout).toBeInstanceOf(WaiterTimeoutError);
    } finally {
      emulator.setTaskDurationMs(5);
      emulator.finishTasks();
    }
  });
});

describe("the batch helper", () => {
  it("commits 600 changes in chained tasks, each exactly once, reporting progress", async () => {
    emulator.reset();
    const ra = await client.send(new CreateRevenueAttributionCommand({ Catalog: "AWS", Name: "B", TenancyModel: "MULTI_TENANT" }));
    const progress: number[] = [];
    const result = await submitAllocations(
      { client, ...FAST, onProgress: (p) => progress.push(p.recordsCommitted) },
      { Catalog: "AWS", RevenueAttributionIdentifier: ra.Id, RevenueShareAllocations: changes(600) },
    );
    expect(progress).toEqual([250, 500, 600]);
    expect(result.revision).toBe("4");
    const [attr] = emulator.inspect().revenueAttributions;
    expect(attr!.Allocations).toHaveLength(600);
    expect(new Set(attr!.Allocations.map((a) => a.EntityIdentifier)).size).toBe(600);
  });

  it("catches mistakes locally, by absolute index, before any request", async () => {
    emulator.reset();
    const list = changes(400);
    list[317] = { ...list[317]!, EffectiveUntil: "2030-06-15" };
    const err = await submitAllocations(
      { client },
      { Catalog: "AWS", RevenueAttributionIdentifier: "ra-abcdefghijklm", RevenueShareAllocations: list },
    ).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ClientValidationError);
    expect((err as ClientValidationError).FieldList).toEqual([
      expect.objectContaining({ Name: "RevenueShareAllocations[317].EffectiveUntil", Code: "INVALID_VALUE" }),
    ]);
    expect(emulator.inspect().requests.total).toBe(0);
  });
});
