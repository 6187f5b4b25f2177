/**
 * The client's retry loop with the strategies in place: the per-client quota
 * across calls, `Retry-After` hints, `retryMode` (option and
 * `AWS_RETRY_MODE`), adaptive pacing after throttling. Scripted responses,
 * fake timers, jitter drawn at 0 unless said otherwise.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import {
  AbortError,
  GetRevenueAttributionAllocationsTaskCommand,
  InternalServerException,
  NetworkError,
  PartnerCentralRevenueMeasurementClient,
} from "../src/index.js";
import { INITIAL_RETRY_TOKENS, RETRY_COST, THROTTLING_RETRY_COST } from "../src/transport/retry-strategy.js";
import { FakeHandler, GET_TASK_INPUT, cbor, cborError, fakeClient, settle } from "./helpers/core-fakes.js";

beforeEach(() => {
  vi.useFakeTimers();
  vi.spyOn(Math, "random").mockReturnValue(0);
});
afterEach(() => {
  vi.useRealTimers();
  vi.restoreAllMocks();
  vi.unstubAllEnvs();
});

const client = fakeClient;

const get = (c: PartnerCentralRevenueMeasurementClient) => c.send(new GetRevenueAttributionAllocationsTaskCommand(GET_TASK_INPUT));

describe("the retry quota is the client's, shared by its calls", () => {
  it.each([
    ["500s", cborError("InternalServerException", 500), InternalServerException],
    ["timeouts", new NetworkError("timed out", { code: "TimeoutError" }), NetworkError],
    ["connection resets", new NetworkError("socket hang up", { code: "ECONNRESET" }), NetworkError],
  ] as const)("stops retrying %s once 500 tokens are spent at 14 per retry", async (_name, failure, cls) => {
    const handler = new FakeHandler([failure]);
    const c = client(handler);
    const calls = 20;
    for (let i = 0; i < calls; i++) expect(await settle(get(c))).toBeInstanceOf(cls);
    expect(handler.requests).toHaveLength(calls + Math.floor(INITIAL_RETRY_TOKENS / RETRY_COST));
  });

  it("stops retrying throttling once 500 tokens are spent at 5 per retry", async () => {
    const handler = new FakeHandler([cborError("ThrottlingException", 429)]);
    const c = client(handler);
    const calls = 150;
    for (let i = 0; i < calls; i++) await settle(get(c));
    expect(handler.requests).toHaveLength(calls + Math.floor(INITIAL_RETRY_TOKENS / THROTTLING_RETRY_COST));
  });

  it("fills up again with successes", async () => {
    let failing = true;
    const handler = new FakeHandler([async () => (failing ? cborError("InternalServerException", 500) : cbor({}))]);
    const c = client(handler);
    for (let i = 0; i < 20; i++) await settle(get(c)); // quota spent: 10 tokens left
    const spent = handler.requests.length;
    await settle(get(c));
    expect(handler.requests.length - spent).toBe(1); // no retry
    failing = false;
    for (let i = 0; i < 4; i++) await settle(get(c)); // +1 each: 14 tokens
    failing = true;
    const before = handler.requests.length;
    await settle(get(c));
    expect(handler.requests.length - before).toBe(2); // one retry is affordable again
  });

  it("separate clients have separate quotas", async () => {
    const handler = new FakeHandler([cborError("InternalServerException", 500)]);
    const a = client(handler);
    for (let i = 0; i < 20; i++) await settle(get(a));
    const before = handler.requests.length;
    await settle(get(client(handler)));
    expect(handler.requests.length - before).toBe(3);
  });
});

describe("Retry-After hints", () => {
  const throttledWith = (headers: Record<string, string>) => {
    const r = cborError("ThrottlingException", 429);
    r.headers = { ...r.headers, ...headers };
    return r;
  };

  it("waits as long as x-amz-retry-after asks", async () => {
    const handler = new FakeHandler([throttledWith({ "x-amz-retry-after": "3000" }), cbor({})]);
    const p = get(client(handler));
    await vi.advanceTimersByTimeAsync(2_999);
    expect(handler.requests).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1);
    expect((await p).$metadata).toMatchObject({ attempts: 2, totalRetryDelay: 3_000 });
  });

  it("caps a long Retry-After at 5 s beyond the backoff", async () => {
    const handler = new FakeHandler([throttledWith({ "retry-after": "3600" }), cbor({})]);
    const out = await settle(get(client(handler)));
    expect(out).toMatchObject({ $metadata: { attempts: 2, totalRetryDelay: 5_000 } });
  });
});

describe("retryMode", () => {
  it("defaults to standard, reads AWS_RETRY_MODE, and refuses other values", () => {
    expect(client(new FakeHandler()).config.retryMode).toBe("standard");
    vi.stubEnv("AWS_RETRY_MODE", "adaptive");
    expect(client(new FakeHandler()).config.retryMode).toBe("adaptive");
    expect(client(new FakeHandler(), { retryMode: "standard" }).config.retryMode).toBe("standard");
    vi.stubEnv("AWS_RETRY_MODE", "legacy");
    expect(() => client(new FakeHandler())).toThrow(/retryMode must be "standard" or "adaptive"/);
  });

  it.each([
    ["standard", 0],
    ["adaptive", 2_000],
  ] as const)("%s: after throttling, the next attempt waits %i ms for the client-side rate limiter", async (retryMode, pacedMs) => {
    const handler = new FakeHandler([cborError("ThrottlingException", 429), cbor({})]);
    const p = get(client(handler, { retryMode }));
    await vi.advanceTimersByTimeAsync(0);
    expect(handler.requests).toHaveLength(pacedMs ? 1 : 2);
    await vi.advanceTimersByTimeAsync(pacedMs);
    expect(handler.requests).toHaveLength(2);
    expect((await p).$metadata.attempts).toBe(2);
  });

  it("adaptive: an abort during the rate limiter's wait ends the call at once", async () => {
    const handler = new FakeHandler([cborError("ThrottlingException", 429), cbor({})]);
    const controller = new AbortController();
    const c = client(handler, { retryMode: "adaptive" });
    const p = c.send(new GetRevenueAttributionAllocationsTaskCommand(GET_TASK_INPUT), { abortSignal: controller.signal }).catch((e: Error) => e);
    await vi.advanceTimersByTimeAsync(500); // throttled, now waiting for a send token
    expect(handler.requests).toHaveLength(1);
    controller.abort();
    expect(await p).toBeInstanceOf(AbortError);
    await vi.advanceTimersByTimeAsync(5_000);
    expect(handler.requests).toHaveLength(1);
  });
});
