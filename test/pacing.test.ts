/**
 * submitAllocations within the published quotas (API.md section 8): parallel
 * jobs against the emulator with its quotas on all finish; a start that only
 * got 429s is "not applied" (through test/helpers/quota-proxy.ts, which can
 * refuse every start: the emulator's rates are at least 1 per second); the
 * waiter's options are checked before any request.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import {
  InvalidConfigurationError,
  CreateRevenueAttributionCommand,
  PartnerCentralRevenueMeasurementClient,
  ThrottlingException,
} from "../src/index.js";
import { AllocationsSubmissionError, submitAllocations } from "../src/batch/index.js";
import { Pacer, throttledStartDelayMs } from "../src/batch/pacing.js";
import { rows, storedCounts } from "./helpers/batch-rows.js";
import { useEmulator } from "./helpers/emulator-suite.js";
import { startQuotaProxy, type QuotaProxy } from "./helpers/quota-proxy.js";

const suite = useEmulator({ taskDurationMs: 50 });
const limited = useEmulator({ taskDurationMs: 50 }); // its quotas are switched on once the attributions exist
beforeEach(() => {
  suite.emulator.reset();
});

const START = "StartRevenueAttributionAllocationsTask";
const limitedClient = () => {
  const { endpoint, region, credentials } = limited.emulator;
  return new PartnerCentralRevenueMeasurementClient({ endpoint, region, credentials });
};
const newAttribution = async (name: string) =>
  (await suite.client.send(new CreateRevenueAttributionCommand({ Catalog: "AWS", Name: name, TenancyModel: "MULTI_TENANT" }))).Id;
const stored = (id: string) => suite.emulator.inspect().revenueAttributions.find((a) => a.Id === id)!.Allocations;

/**
 * Four jobs of 2 tasks each, one attribution each, default pacing and waiter
 * timing, against the emulator with the published quotas on.
 */
async function fourJobs(clientFor: (job: number) => PartnerCentralRevenueMeasurementClient) {
  const { emulator, client } = limited;
  emulator.setQuotas(false);
  emulator.reset();
  const jobs: Array<{ job: number; attribution: string; list: ReturnType<typeof rows> }> = [];
  for (const job of [0, 1, 2, 3]) {
    const { Id } = await client.send(new CreateRevenueAttributionCommand({ Catalog: "AWS", Name: `job ${job}`, TenancyModel: "MULTI_TENANT" }));
    jobs.push({ job, attribution: Id, list: rows(100, `job${job}`) });
  }
  emulator.setQuotas(true);
  const results = await Promise.all(
    jobs.map(({ job, attribution, list }) =>
      submitAllocations({ client: clientFor(job) }, { Catalog: "AWS", RevenueAttributionIdentifier: attribution, RevenueShareAllocations: list, chunkSize: 50 }),
    ),
  );
  emulator.setQuotas(false);
  for (const [n, { attribution, list }] of jobs.entries()) {
    expect(results[n]).toMatchObject({ finished: true, committed: [{ first: 0, last: 99 }], inDoubt: [], notApplied: [], failed: [] });
    const held = emulator.inspect().revenueAttributions.find((a) => a.Id === attribution)!.Allocations;
    expect(storedCounts(list, held)).toEqual(list.map(() => 1));
  }
  const requests = emulator.inspect().requests;
  return { starts: requests.byOperation[START], throttled: requests.throttledByQuota };
}

describe("parallel jobs on one account, under the published quotas", () => {
  it("4 jobs on 4 clients (no shared pacing) all finish: throttled starts are waited out", async () => {
    const clients = [0, 1, 2, 3].map(limitedClient);
    try {
      const { throttled } = await fourJobs((job) => clients[job]!);
      expect(throttled).toBeGreaterThan(0); // they did collide: the quota was in force
    } finally {
      clients.forEach((c) => c.destroy());
    }
  }, 60_000);

  it("4 jobs sharing one client are paced to 1 start per second: no request is throttled", async () => {
    const shared = limitedClient();
    try {
      const { throttled } = await fourJobs(() => shared);
      expect(throttled).toBe(0);
    } finally {
      shared.destroy();
    }
  }, 60_000);
});

describe("a start that only ever got 429", () => {
  let allThrottled: QuotaProxy;
  beforeAll(async () => {
    allThrottled = await startQuotaProxy(suite.emulator.endpoint, { start: 0, read: 50, list: 10, write: 2 });
  });
  afterAll(() => allThrottled.close());
  const client = (maxAttempts = 1) => {
    const { region, credentials } = suite.emulator;
    return new PartnerCentralRevenueMeasurementClient({ endpoint: allThrottled.endpoint, region, credentials, maxAttempts });
  };

  it("is 'not applied', and with a deadline the call resolves finished: false with the reason", async () => {
    const attribution = await newAttribution("throttled");
    const c = client();
    const endsAt = Date.now() + 4_000;
    const result = await submitAllocations({ client: c, deadline: () => endsAt - Date.now(), taskDurationEstimateMs: 500 }, {
      Catalog: "AWS",
      RevenueAttributionIdentifier: attribution,
      RevenueShareAllocations: rows(10),
    });
    c.destroy();
    expect(result).toMatchObject({ finished: false, committed: [], inDoubt: [], notApplied: [{ first: 0, last: 9 }], tasksRemaining: 1 });
    expect(result.reason).toMatch(/throttled \(429\)/);
    expect(allThrottled.throttled[START]).toBeGreaterThanOrEqual(2); // waited out, sent again
    expect(Date.now()).toBeLessThanOrEqual(endsAt);
  }, 20_000);

  it("without a deadline, maxWaitMs bounds the waiting: AllocationsSubmissionError, 'not applied', caused by ThrottlingException", async () => {
    const attribution = await newAttribution("throttled-2");
    // With the client's own retries, the error shows only the last of 3 attempts: a read of the latest task
    // (still none) shows that no start was applied.
    const c = client(3);
    const error = await submitAllocations({ client: c, maxWaitMs: 2000 }, {
      Catalog: "AWS",
      RevenueAttributionIdentifier: attribution,
      RevenueShareAllocations: rows(10),
    }).catch((e: unknown) => e);
    c.destroy();
    expect(error).toBeInstanceOf(AllocationsSubmissionError);
    const e = error as AllocationsSubmissionError;
    expect(e.cause).toBeInstanceOf(ThrottlingException);
    expect(e.notApplied).toEqual([{ first: 0, last: 9 }]);
    expect(e.inDoubt).toEqual([]);
    expect(stored(attribution)).toEqual([]);
  }, 20_000);
});

describe("options are checked before any request", () => {
  it("a waiter option that cannot work (minDelayMs: 0) is an InvalidConfigurationError, nothing sent", async () => {
    const attribution = await newAttribution("options");
    const before = suite.emulator.inspect().requests.total;
    const error = await submitAllocations({ client: suite.client, minDelayMs: 0, startsPerSecond: -1 }, {
      Catalog: "AWS",
      RevenueAttributionIdentifier: attribution,
      RevenueShareAllocations: rows(3),
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InvalidConfigurationError);
    expect((error as Error).message).toMatch(/startsPerSecond must be a positive number, got -1; minDelayMs must be a positive number of milliseconds, got 0$/);
    expect(suite.emulator.inspect().requests.total).toBe(before);
  });
});

describe("the pacer", () => {
  it("hands out send times an interval apart in the order asked, and holds off after a 429", async () => {
    vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout", "Date"] });
    try {
      const pacer = new Pacer(1_000, () => Date.now());
      const t0 = Date.now();
      const sentAt: number[] = [];
      const takes = [0, 1, 2].map((n) => pacer.take().then(() => (sentAt[n] = Date.now() - t0)));
      await vi.advanceTimersByTimeAsync(5_000);
      await Promise.all(takes);
      expect(sentAt).toEqual([0, 1_050, 2_100]); // 1 s and the margin for network jitter
      pacer.holdOff(10_000); // a 429: the next send waits 10 s from now, not 1 s after the last
      const next = pacer.take().then(() => Date.now() - t0);
      await vi.advanceTimersByTimeAsync(20_000);
      expect(await next).toBe(15_000);
      pacer.holdOff(1_000);
      const controller = new AbortController();
      const waiting = pacer.take(controller.signal); // held off: it sleeps, and the abort ends the sleep
      controller.abort();
      await expect(waiting).rejects.toMatchObject({ name: "AbortError" });
    } finally {
      vi.useRealTimers();
    }
  });

  it("backs off a throttled start 1..2 s first, growing by 1.5, at most 20 s", () => {
    expect(throttledStartDelayMs(1, () => 0)).toBe(1000);
    expect(throttledStartDelayMs(1, () => 1)).toBe(2000);
    expect(throttledStartDelayMs(3, () => 0)).toBe(2250);
    expect(throttledStartDelayMs(30, () => 1)).toBe(20000);
  });
});
