/**
 * The emulator's `quotas` option: the published per-account request quotas (API.md section 8) as 429
 * ThrottlingException with the service's `ServiceCode` and `QuotaCode`, over real HTTP with this
 * package's client (one attempt, so each 429 reaches the test). Off by default. Most cases run the
 * quota windows on a fake clock (`quotas.now`), so they do not depend on the machine's speed.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { createInterface } from "node:readline";
import { afterAll, afterEach, describe, expect, it } from "vitest";
import {
  CreateRevenueAttributionCommand,
  GetRevenueAttributionCommand,
  ListRevenueAttributionsCommand,
  ListTagsForResourceCommand,
  PartnerCentralRevenueMeasurementClient,
  StartRevenueAttributionAllocationsTaskCommand,
  TagResourceCommand,
  ThrottlingException,
} from "../src/index.js";
import { QUOTA_CODES, type Emulator } from "../src/testing/index.js";
import { quotaOf } from "../src/testing/quotas.js";
import { useSharedEmulator } from "./helpers/shared-emulator.js";

let emulator: Emulator;
let client: PartnerCentralRevenueMeasurementClient;
const clients: PartnerCentralRevenueMeasurementClient[] = [];
useSharedEmulator((e) => {
  emulator = e;
  client = clientFor(e);
});
afterEach(() => emulator.setQuotas(false));
afterAll(() => {
  for (const c of clients) c.destroy();
});

function clientFor(e: { endpoint: string; region: string; credentials: Emulator["credentials"] }) {
  const c = new PartnerCentralRevenueMeasurementClient({ endpoint: e.endpoint, region: e.region, credentials: e.credentials, maxAttempts: 1 });
  clients.push(c);
  return c;
}

let created = 0;
/** Creates `count` attributions, one write each (the tests call it while the quotas are off, or count the writes). */
async function attributions(count: number): Promise<{ Id: string; Arn: string }[]> {
  const out = [];
  for (let i = 0; i < count; i++) {
    out.push(await client.send(new CreateRevenueAttributionCommand({ Catalog: "AWS", Name: `quota ${++created}`, TenancyModel: "MULTI_TENANT" })));
  }
  return out;
}

function start(attribution: string) {
  return client.send(
    new StartRevenueAttributionAllocationsTaskCommand({
      Catalog: "AWS",
      RevenueAttributionIdentifier: attribution,
      RevenueAttributionRevision: "1",
      RevenueShareAllocations: [
        {
          Action: "CREATE",
          EntityType: "OFFER",
          EntityIdentifier: "offer-a",
          CustomerAwsAccountId: "123456789012",
          RevenueSharePercent: "10",
          EffectiveFrom: "2031-01-01",
          EffectiveUntil: "2031-01-31",
        },
      ],
    }),
  );
}

/** Settles every promise: the successes and the errors. */
async function settle<T>(promises: Promise<T>[]): Promise<{ ok: T[]; errors: unknown[] }> {
  const results = await Promise.allSettled(promises);
  return {
    ok: results.flatMap((r) => (r.status === "fulfilled" ? [r.value] : [])),
    errors: results.flatMap((r) => (r.status === "rejected" ? [r.reason as unknown] : [])),
  };
}

describe("quotas option", () => {
  it("answers a burst of task starts beyond 1 per second with 429 ThrottlingException and the start quota's codes", async () => {
    const ras = await attributions(4);
    let fakeMs = 0;
    emulator.setQuotas({ clock: { now: () => fakeMs } });
    const { ok, errors } = await settle(ras.map((ra) => start(ra.Id)));
    expect(ok).toHaveLength(1);
    expect(errors).toHaveLength(3);
    for (const e of errors) {
      expect(e).toBeInstanceOf(ThrottlingException);
      expect(e).toMatchObject({ ServiceCode: "partnercentral", QuotaCode: QUOTA_CODES.startTask });
      expect((e as ThrottlingException).$retryable).toBeTruthy();
      expect((e as ThrottlingException).$metadata.httpStatusCode).toBe(429);
    }
    expect(emulator.inspect().requests.throttledByQuota).toBe(3);

    // The quotas are per operation class: reads go on while starts are spent.
    await expect(client.send(new GetRevenueAttributionCommand({ Catalog: "AWS", Identifier: ras[0]!.Id }))).resolves.toBeDefined();
    // The window slides: 999 ms after the admitted start, still refused; 1,000 ms after, admitted.
    const waiting = ras.find((ra) => !ok.some((o) => o.RevenueAttributionArn === ra.Arn))!;
    fakeMs = 999;
    await expect(start(waiting.Id)).rejects.toBeInstanceOf(ThrottlingException);
    fakeMs = 1000;
    await expect(start(waiting.Id)).resolves.toMatchObject({ Status: "IN_PROGRESS" });
  });

  it.each([
    ["read", 50, (ra: { Id: string }) => new GetRevenueAttributionCommand({ Catalog: "AWS", Identifier: ra.Id })],
    ["list", 10, () => new ListRevenueAttributionsCommand({ Catalog: "AWS" })],
    ["list", 10, (ra: { Arn: string }) => new ListTagsForResourceCommand({ resourceArn: ra.Arn })],
    ["write", 2, (ra: { Arn: string }) => new TagResourceCommand({ resourceArn: ra.Arn, tags: [{ Key: "k", Value: "v" }] })],
  ] as const)("admits %s requests up to %i per second (%#)", async (quota, rate, command) => {
    const [ra] = await attributions(1);
    emulator.setQuotas({ clock: { now: () => 0 } });
    const { ok, errors } = await settle(Array.from({ length: rate + 2 }, () => client.send(command(ra!) as never)));
    expect(ok).toHaveLength(rate);
    expect(errors.map((e) => (e as ThrottlingException).QuotaCode)).toEqual([QUOTA_CODES[quota], QUOTA_CODES[quota]]);
  });

  it("takes raised rates, as granted through Service Quotas", async () => {
    const ras = await attributions(3);
    emulator.setQuotas({ clock: { now: () => 0 }, rates: { startTask: 2 } });
    const { ok, errors } = await settle(ras.map((ra) => start(ra.Id)));
    expect([ok.length, errors.length]).toEqual([2, 1]);
    expect(() => emulator.setQuotas({ rates: { write: 0.5 } })).toThrow(/quotas\.rates\.write must be a whole number/);
  });

  it("spends no quota on a request refused for its signature", async () => {
    emulator.setQuotas({ clock: { now: () => 0 } });
    const stranger = clientFor({ ...emulator, credentials: { accessKeyId: "AKIDSTRANGER", secretAccessKey: "not-the-emulator's" } });
    const refused = await settle([1, 2, 3].map((i) => stranger.send(new CreateRevenueAttributionCommand({ Catalog: "AWS", Name: `x ${i}`, TenancyModel: "MULTI_TENANT" }))));
    expect(refused.errors.map((e) => (e as Error).name)).toEqual(["AccessDeniedException", "AccessDeniedException", "AccessDeniedException"]);
    const { ok, errors } = await settle([attributions(1), attributions(1), attributions(1)]);
    expect(ok).toHaveLength(2);
    expect((errors[0] as ThrottlingException).QuotaCode).toBe(QUOTA_CODES.write);
  });

  it("classifies every operation by its name as section 8 does", () => {
    expect(quotaOf("StartRevenueAttributionAllocationsTask")).toBe("startTask");
    expect(quotaOf("GetRevenueAttributionAllocationsTask")).toBe("read");
    expect(quotaOf("ListTagsForResource")).toBe("list");
    expect(quotaOf("ListRevenueAttributionAllocations")).toBe("list");
    for (const op of ["CreateRevenueAttribution", "UpdateMarketplaceRevenueShareAllocation", "TagResource", "UntagResource"]) {
      expect(quotaOf(op)).toBe("write");
    }
  });

  it("is off by default: the same bursts get no 429", async () => {
    const ras = await attributions(5);
    const starts = await settle(ras.map((ra) => start(ra.Id)));
    const reads = await settle(Array.from({ length: 60 }, () => client.send(new GetRevenueAttributionCommand({ Catalog: "AWS", Identifier: ras[0]!.Id }))));
    expect([starts.ok.length, reads.ok.length]).toEqual([5, 60]);
    expect(emulator.inspect().requests.throttledByQuota).toBe(0);
  });

  it("setQuotas(false) switches them off again and reset() forgets the spent windows", async () => {
    const ras = await attributions(3);
    emulator.setQuotas({ clock: { now: () => 0 } });
    await settle([start(ras[0]!.Id)]);
    await expect(start(ras[1]!.Id)).rejects.toBeInstanceOf(ThrottlingException);
    emulator.reset();
    const [fresh] = await attributions(1); // quotas still on, windows empty: 1 of 2 writes spent
    await expect(start(fresh!.Id)).resolves.toMatchObject({ Status: "IN_PROGRESS" });
    emulator.setQuotas(false);
    const more = await attributions(3);
    expect(more).toHaveLength(3);
  });
});

describe("--quotas on the standalone command (real clock)", () => {
  let child: ChildProcess | undefined;
  afterAll(() => {
    child?.kill("SIGKILL");
  });

  it("enforces the list quota on a burst of 20 lists sent at once", async () => {
    child = spawn(process.execPath, ["--import", "tsx", "src/testing/cli.ts", "--json", "--quotas"], {
      cwd: new URL("..", import.meta.url),
      stdio: ["ignore", "pipe", "inherit"],
    });
    const line = await new Promise<string>((resolve, reject) => {
      createInterface({ input: child!.stdout! }).once("line", resolve);
      child!.once("exit", (code) => reject(new Error(`emulator exited with ${code}`)));
    });
    const details = JSON.parse(line) as { endpoint: string; region: string; credentials: Emulator["credentials"]; quotas: boolean };
    expect(details.quotas).toBe(true);
    const cli = clientFor(details);
    const { ok, errors } = await settle(Array.from({ length: 20 }, () => cli.send(new ListRevenueAttributionsCommand({ Catalog: "AWS" }))));
    // At most 10 in any second; 20 requests sent at once cannot all be admitted unless they spread over 2 s.
    expect(ok.length).toBeGreaterThanOrEqual(10);
    expect(errors.length).toBeGreaterThanOrEqual(1);
    for (const e of errors) expect(e).toMatchObject({ name: "ThrottlingException", QuotaCode: QUOTA_CODES.list });
    const exited = new Promise<number | null>((resolve) => child!.once("exit", resolve));
    child.kill("SIGTERM");
    expect(await exited).toBe(0);
  }, 20_000);
});
