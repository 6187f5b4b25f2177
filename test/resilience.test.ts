/**
 * Resilience over real HTTP with faults on: every 3rd request throttled, 10 %
 * answered with 500, 5 % of connections dropped (before or after the
 * emulator processed the request), a few ms of latency. Every call must
 * succeed within the client's `maxAttempts` or fail with a typed error; a
 * caller that retries with the same ClientToken (and calls a batch that
 * stopped again) must end with every allocation stored exactly once.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import {
  CreateMarketplaceRevenueShareAllocationCommand,
  CreateMarketplaceRevenueShareCommand,
  CreateRevenueAttributionCommand,
  NetworkError,
  PartnerCentralRevenueMeasurementClient,
  PartnerCentralRevenueMeasurementServiceException,
  UpdateMarketplaceRevenueShareAllocationCommand,
  paginateListMarketplaceRevenueShareAllocations,
  paginateListRevenueAttributionAllocations,
  type RevenueShareAllocation,
} from "../src/index.js";
import { AllocationsSubmissionError, submitAllocations } from "../src/batch/index.js";
import { startEmulator, type Emulator, type FaultOptions } from "../src/testing/index.js";
import { rows } from "./helpers/batch-rows.js";

const FAULTS: FaultOptions = {
  throttleEveryNth: 3,
  errorRate: 0.1,
  dropConnectionRate: 0.05,
  dropWhen: "either",
  latencyMs: [0, 3],
  seed: 384, // a seed whose first requests already see every kind of fault
};
const MAX_ATTEMPTS = 5;
const WAIT = { minDelayMs: 5, maxDelayMs: 20, maxWaitMs: 15_000 };

let emulator: Emulator;
let client: PartnerCentralRevenueMeasurementClient;
/** Every error a call ended with after its attempts: all must be typed. */
const typedFailures: Error[] = [];

beforeAll(async () => {
  // The backoff's jitter drawn near the bottom of its range (throttling backs off from a 1 s base):
  // the retries are all still made, the suite just does not sleep seconds between them.
  vi.spyOn(Math, "random").mockReturnValue(0.01);
  emulator = await startEmulator({ taskDurationMs: 5, faults: FAULTS });
  client = new PartnerCentralRevenueMeasurementClient({
    endpoint: emulator.endpoint,
    region: emulator.region,
    credentials: emulator.credentials,
    maxAttempts: MAX_ATTEMPTS,
    requestTimeoutMs: 5_000,
  });
});
afterAll(async () => {
  vi.restoreAllMocks();
  client.destroy();
  await emulator.close();
});

function isTyped(e: unknown): boolean {
  return (
    e instanceof PartnerCentralRevenueMeasurementServiceException ||
    e instanceof NetworkError ||
    e instanceof AllocationsSubmissionError
  );
}

/**
 * Runs a call that carries its own ClientToken (or is read-only); when it
 * fails after the client's attempts with a retryable typed error, runs it
 * again (at most 5 times), as a careful caller would.
 */
async function reliably<T>(call: () => Promise<T>): Promise<T> {
  for (let round = 1; ; round++) {
    try {
      return await call();
    } catch (e) {
      if (!isTyped(e)) throw e;
      typedFailures.push(e as Error);
      const retryable = (e as { $retryable?: boolean }).$retryable === true;
      if (!retryable || round >= 5) throw e;
    }
  }
}

/** The entity ids the service holds for an attribution, read through the paginator (faults on). */
async function storedEntities(attributionId: string): Promise<string[]> {
  return reliably(async () => {
    const out: string[] = [];
    const pages = paginateListRevenueAttributionAllocations(
      { client, pageSize: 200 },
      { Catalog: "AWS", RevenueAttributionIdentifier: attributionId },
    );
    for await (const page of pages) out.push(...page.RevenueAttributionAllocationSummaries!.map((s) => s.EntityIdentifier));
    return out;
  });
}

/**
 * Submits `all` with the batch helper; when it stops (a typed
 * AllocationsSubmissionError), calls it again with the same arguments, which
 * is the resume: it waits for a task left running, skips what is applied and
 * sends the rest, so each record lands exactly once. Returns how many calls it took.
 */
async function submitExactlyOnce(
  attributionId: string,
  all: RevenueShareAllocation[],
  via: PartnerCentralRevenueMeasurementClient = client,
): Promise<number> {
  for (let calls = 1; ; calls++) {
    expect(calls).toBeLessThanOrEqual(8);
    try {
      await submitAllocations(
        { client: via, ...WAIT },
        { Catalog: "AWS", RevenueAttributionIdentifier: attributionId, RevenueShareAllocations: all },
      );
      return calls;
    } catch (e) {
      expect(isTyped(e)).toBe(true);
      typedFailures.push(e as Error);
    }
  }
}

describe("with throttling every 3rd request, 10 % 500s and dropped connections", () => {
  it("commits 600 attribution allocations exactly once", async () => {
    const ra = await reliably(() =>
      client.send(
        new CreateRevenueAttributionCommand({
          Catalog: "AWS",
          Name: "Resilience",
          TenancyModel: "MULTI_TENANT",
          ClientToken: "resilience-ra",
        }),
      ),
    );
    const all = rows(600, "resilient");
    await submitExactlyOnce(ra.Id, all);

    const snapshot = emulator.inspect().revenueAttributions;
    expect(snapshot).toHaveLength(1);
    const stored = snapshot[0]!.Allocations;
    expect(stored).toHaveLength(600);
    const byEntity = new Map(stored.map((a) => [a.EntityIdentifier, a]));
    expect(byEntity.size).toBe(600);
    for (const r of all) {
      expect(byEntity.get(r.EntityIdentifier)).toMatchObject({
        EntityType: r.EntityType,
        CustomerAwsAccountId: r.CustomerAwsAccountId,
        RevenueSharePercent: r.RevenueSharePercent,
        EffectiveFrom: r.EffectiveFrom,
        EffectiveUntil: r.EffectiveUntil,
        Status: "ACTIVE",
      });
    }
    // The service's own listing agrees, page by page, through the faults.
    const listed = await storedEntities(ra.Id);
    expect(listed).toHaveLength(600);
    expect(new Set(listed).size).toBe(600);
  }, 30_000);

  it("creates and updates marketplace allocations exactly once, four products in parallel", async () => {
    const products = ["prod-resilient0001", "prod-resilient0002", "prod-resilient0003", "prod-resilient0004"];
    const months = ["01", "02", "03", "04", "05", "06"];
    await Promise.all(
      products.map(async (ProductId, p) => {
        await reliably(() =>
          client.send(new CreateMarketplaceRevenueShareCommand({ Catalog: "AWS", ProductId, ClientToken: `share-${p}` })),
        );
        let revision = "1";
        const ids: string[] = [];
        for (const mm of months) {
          const last = new Date(Date.UTC(2032, Number(mm), 0)).getUTCDate();
          const created = await reliably(() =>
            client.send(
              new CreateMarketplaceRevenueShareAllocationCommand({
                Catalog: "AWS",
                ProductId,
                EffectiveFrom: `2032-${mm}-01`,
                EffectiveUntil: `2032-${mm}-${last}`,
                RevenueSharePercent: "10",
                ClientToken: `mrsa-${p}-${mm}`,
              }),
            ),
          );
          ids.push(created.MarketplaceRevenueShareAllocationId);
          revision = created.LatestMarketplaceRevenueShareRevision!;
        }
        for (const [i, id] of ids.entries()) {
          if (i % 2) continue;
          const rev = revision;
          const updated = await reliably(() =>
            client.send(
              new UpdateMarketplaceRevenueShareAllocationCommand({
                Catalog: "AWS",
                ProductId,
                MarketplaceRevenueShareAllocationId: id,
                MarketplaceRevenueShareRevision: rev,
                RevenueSharePercent: "12.50",
                ClientToken: `update-${p}-${i}`,
              }),
            ),
          );
          revision = updated.LatestMarketplaceRevenueShareRevision!;
        }
      }),
    );

    const shares = emulator.inspect().marketplaceRevenueShares;
    expect(shares.map((s) => s.ProductId).sort()).toEqual([...products].sort());
    for (const share of shares) {
      expect(share.Allocations).toHaveLength(months.length);
      expect(new Set(share.Allocations.map((a) => a.EffectiveFrom)).size).toBe(months.length);
      const percents = share.Allocations.map((a) => a.RevenueSharePercent);
      expect(percents.filter((x) => x === "12.50")).toHaveLength(3);
      expect(share.LatestRevision).toBe(1 + months.length + 3); // one revision per applied change, no more
      const listed = await reliably(async () => {
        const out: string[] = [];
        const pages = paginateListMarketplaceRevenueShareAllocations(
          { client, pageSize: 4 },
          { Catalog: "AWS", ProductId: share.ProductId },
        );
        for await (const page of pages) out.push(...page.MarketplaceRevenueShareAllocationSummaries.map((s) => s.MarketplaceRevenueShareAllocationId));
        return out;
      });
      expect(listed.sort()).toEqual(share.Allocations.map((a) => a.MarketplaceRevenueShareAllocationId).sort());
    }
  }, 30_000);

  it("really injected every kind of fault, and every failure was typed", () => {
    const { requests } = emulator.inspect();
    expect(requests.throttled).toBeGreaterThan(0);
    expect(requests.internalErrors).toBeGreaterThan(0);
    expect(requests.dropped).toBeGreaterThan(0);
    expect(requests.throttled).toBe(Math.floor(requests.total / 3));
    for (const e of typedFailures) expect(isTyped(e)).toBe(true);
  });

  it("reconciles a batch whose every start is applied but never answered, without duplicates", async () => {
    // Each start reaches the emulator and creates its task, then the connection
    // drops; the client's retries replay the same ClientToken (no second task)
    // and finally give up, so the batch helper reports the chunk as in doubt.
    emulator.setFaults({ dropConnectionRate: 1, dropWhen: "after", operations: ["StartRevenueAttributionAllocationsTask"] });
    const droppedBefore = emulator.inspect().requests.dropped; // changing the faults keeps the counters
    const impatient = new PartnerCentralRevenueMeasurementClient({
      endpoint: emulator.endpoint,
      region: emulator.region,
      credentials: emulator.credentials,
      maxAttempts: 2,
    });
    try {
      const ra = await reliably(() =>
        client.send(
          new CreateRevenueAttributionCommand({ Catalog: "AWS", Name: "Lost answers", TenancyModel: "SINGLE_TENANT", ClientToken: "lost" }),
        ),
      );
      const all = rows(600, "lost-resilient");
      const before = typedFailures.length;
      const calls = await submitExactlyOnce(ra.Id, all, impatient);
      expect(calls).toBe(4); // one chunk (250, 250, 100) lands per call; the fourth finds all applied

      expect(typedFailures.slice(before).map((e) => e.name)).toEqual(Array(3).fill("AllocationsSubmissionError"));
      const attr = emulator.inspect().revenueAttributions.find((a) => a.Id === ra.Id)!;
      expect(attr.Tasks.map((t) => t.TotalRevenueAttributionAllocationRecords)).toEqual([250, 250, 100]);
      expect(attr.Allocations).toHaveLength(600);
      expect(new Set(attr.Allocations.map((a) => a.EntityIdentifier)).size).toBe(600);
      expect(emulator.inspect().requests.dropped - droppedBefore).toBe(3 * 2); // three starts, two attempts each
    } finally {
      impatient.destroy();
      emulator.setFaults(FAULTS);
    }
  }, 30_000);
});
