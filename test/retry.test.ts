/**
 * Retry policy (AWS standard mode): what is retried, the backoff, the
 * idempotency token across attempts, fresh signatures, and abort. Fake timers
 * only: no real sleeps.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import {
  AbortError,
  AccessDeniedException,
  ClientValidationError,
  ConflictException,
  CreateMarketplaceRevenueShareAllocationCommand,
  GetRevenueAttributionAllocationsTaskCommand,
  InternalServerException,
  NetworkError,
  PartnerCentralRevenueMeasurementClient,
  PartnerCentralRevenueMeasurementProtocolError,
  PartnerCentralRevenueMeasurementServiceException,
  ResourceNotFoundException,
  ServiceQuotaExceededException,
  StartRevenueAttributionAllocationsTaskCommand,
  ThrottlingException,
  UpdateMarketplaceRevenueShareAllocationCommand,
  ValidationException,
  CredentialsUnavailableError,
} from "../src/index.js";
import { isRetryableError, sleep } from "../src/transport/retry.js";
import {
  RETRY_BASE_DELAY_MS,
  RETRY_MAX_DELAY_MS,
  THROTTLING_RETRY_BASE_DELAY_MS,
  backoffDelay,
} from "../src/transport/retry-strategy.js";
import type { HttpResponseSpec } from "../src/transport/types.js";
import {
  ALLOCATION_OUTPUT,
  CREATE_INPUT,
  CREDS,
  FakeHandler,
  GET_TASK_INPUT,
  ManualClock,
  NOW,
  UPDATE_INPUT,
  cbor,
  cborError,
  fakeClient,
  raw,
  settle,
  startInput,
} from "./helpers/core-fakes.js";

const UUID_V4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
const meta = (status?: number) => ({ attempts: 1, totalRetryDelay: 0, httpStatusCode: status });

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
  vi.restoreAllMocks();
  vi.unstubAllEnvs();
});

describe("backoffDelay: full jitter, base 50 ms (1 s after throttling), cap 20 s", () => {
  it("is 0 at the bottom of the jitter range", () => {
    for (let retries = 0; retries <= 12; retries++) expect(backoffDelay(retries, RETRY_BASE_DELAY_MS, () => 0)).toBe(0);
  });

  it("doubles its ceiling per retry up to the cap", () => {
    const top = () => 0.999999999;
    expect([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 19].map((r) => backoffDelay(r, RETRY_BASE_DELAY_MS, top))).toEqual([
      49, 99, 199, 399, 799, 1599, 3199, 6399, 12799, 19999, 19999,
    ]);
    expect([0, 1, 2, 3, 4, 5].map((r) => backoffDelay(r, THROTTLING_RETRY_BASE_DELAY_MS, top))).toEqual([
      999, 1999, 3999, 7999, 15999, 19999,
    ]);
    expect(RETRY_BASE_DELAY_MS).toBe(50);
    expect(THROTTLING_RETRY_BASE_DELAY_MS).toBe(1000);
    expect(RETRY_MAX_DELAY_MS).toBe(20_000);
  });

  it("scales the random draw over the whole range", () => {
    expect(backoffDelay(2, 50, () => 0.5)).toBe(100);
    expect(backoffDelay(12, 50, () => 0.25)).toBe(5000);
  });

  it("stays within [0, ceiling) for random draws", () => {
    for (let i = 0; i < 1000; i++) {
      const retries = i % 10;
      const d = backoffDelay(retries);
      expect(d).toBeGreaterThanOrEqual(0);
      expect(d).toBeLessThan(Math.min(20_000, 50 * 2 ** retries));
      expect(Number.isInteger(d)).toBe(true);
    }
  });
});

describe("isRetryableError", () => {
  const err = (cls: new (init: never) => Error, status: number) => {
    const e = new cls({ message: "m", $metadata: meta(status) } as never);
    return e;
  };

  it.each([
    ["ThrottlingException", err(ThrottlingException, 429), true],
    ["InternalServerException", err(InternalServerException, 500), true],
    ["connection reset", new NetworkError("reset", { code: "ECONNRESET" }), true],
    ["timeout", new NetworkError("timed out", { code: "TimeoutError" }), true],
    ...[502, 503, 504].map(
      (s) =>
        [
          `unknown error with HTTP ${s}`,
          new PartnerCentralRevenueMeasurementServiceException({ name: "X", message: "m", $fault: "server", $metadata: meta(s) }),
          true,
        ] as const,
    ),
    ["ValidationException", err(ValidationException, 400), false],
    ["AccessDeniedException", err(AccessDeniedException, 403), false],
    ["ResourceNotFoundException", err(ResourceNotFoundException, 404), false],
    ["ConflictException", err(ConflictException, 409), false],
    ["ServiceQuotaExceededException", err(ServiceQuotaExceededException, 402), false],
    [
      "unknown error with HTTP 501",
      new PartnerCentralRevenueMeasurementServiceException({ name: "X", message: "m", $fault: "server", $metadata: meta(501) }),
      false,
    ],
    ["ClientValidationError", new ClientValidationError("Op", []), false],
    ["AbortError", new AbortError(), false],
    ["plain Error", new Error("x"), false],
    ["a string", "x", false],
  ] as const)("%s → %s", (_name, error, expected) => {
    expect(isRetryableError(error)).toBe(expected);
  });
});

describe("sleep", () => {
  it("resolves after the delay", async () => {
    let done = false;
    void sleep(500).then(() => (done = true));
    await vi.advanceTimersByTimeAsync(499);
    expect(done).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    expect(done).toBe(true);
  });

  it("rejects at once with AbortError when aborted, and clears its timer", async () => {
    const ac = new AbortController();
    const p = sleep(10_000, ac.signal);
    expect(vi.getTimerCount()).toBe(1);
    ac.abort(new Error("stop"));
    await expect(p).rejects.toBeInstanceOf(AbortError);
    expect(vi.getTimerCount()).toBe(0);
  });

  it("rejects when the signal was already aborted", async () => {
    await expect(sleep(1, AbortSignal.abort())).rejects.toBeInstanceOf(AbortError);
  });
});

describe("the client's retry loop", () => {
  const client = fakeClient;

  const retryable: Array<[string, HttpResponseSpec | Error]> = [
    ["ThrottlingException", cborError("ThrottlingException", 429)],
    ["InternalServerException", cborError("InternalServerException", 500)],
    ["HTTP 500 without a body", raw(500, undefined, "")],
    ["HTTP 502 HTML page", raw(502, "text/html", "<html>bad gateway</html>")],
    ["HTTP 503 empty", raw(503, undefined, "")],
    ["HTTP 504 unknown error type", cbor({ __type: "GatewayTimeout" }, 504)],
    ["HTTP 429 without a type", cbor({}, 429)],
    ["connection reset", new NetworkError("socket hang up", { code: "ECONNRESET" })],
    ["timeout", new NetworkError("timed out", { code: "TimeoutError" })],
  ];

  it.each(retryable)("retries %s, then succeeds", async (_name, failure) => {
    const handler = new FakeHandler([failure, failure, cbor(ALLOCATION_OUTPUT)]);
    const out = await settle(client(handler).send(new CreateMarketplaceRevenueShareAllocationCommand({ ...CREATE_INPUT })));
    expect(out).not.toBeInstanceOf(Error);
    expect(handler.requests).toHaveLength(3);
    expect((out as { $metadata: { attempts: number } }).$metadata.attempts).toBe(3);
  });

  it.each(retryable)("gives up on %s after maxAttempts", async (_name, failure) => {
    const handler = new FakeHandler([failure]);
    const error = await settle(client(handler, { maxAttempts: 4 }).send(new GetRevenueAttributionAllocationsTaskCommand(GET_TASK_INPUT)));
    expect(error).toBeInstanceOf(Error);
    expect(handler.requests).toHaveLength(4);
    expect((error as { $metadata: { attempts: number } }).$metadata.attempts).toBe(4);
  });

  it.each([
    ["ValidationException", cborError("ValidationException", 400), ValidationException],
    ["AccessDeniedException", cborError("AccessDeniedException", 403), AccessDeniedException],
    ["ResourceNotFoundException", cborError("ResourceNotFoundException", 404), ResourceNotFoundException],
    ["ConflictException", cborError("ConflictException", 409), ConflictException],
    ["ServiceQuotaExceededException", cborError("ServiceQuotaExceededException", 402), ServiceQuotaExceededException],
    ["an unknown 4xx error", cbor({ __type: "Teapot" }, 418), PartnerCentralRevenueMeasurementServiceException],
    ["HTTP 501", cbor({ __type: "NotImplemented" }, 501), PartnerCentralRevenueMeasurementServiceException],
    ["an HTML page with HTTP 200", raw(200, "text/html", "<html/>"), PartnerCentralRevenueMeasurementProtocolError],
  ])("fails at once on %s", async (_name, response, cls) => {
    const handler = new FakeHandler([response, cbor(ALLOCATION_OUTPUT)]);
    const error = await settle(client(handler).send(new CreateMarketplaceRevenueShareAllocationCommand({ ...CREATE_INPUT })));
    expect(error).toBeInstanceOf(cls);
    expect(handler.requests).toHaveLength(1);
    expect((error as { $metadata: object }).$metadata).toMatchObject({ attempts: 1, totalRetryDelay: 0 });
  });

  it("does not retry when maxAttempts is 1", async () => {
    const handler = new FakeHandler([cborError("ThrottlingException", 429), cbor({})]);
    const error = await settle(client(handler, { maxAttempts: 1 }).send(new GetRevenueAttributionAllocationsTaskCommand(GET_TASK_INPUT)));
    expect(error).toBeInstanceOf(ThrottlingException);
    expect(handler.requests).toHaveLength(1);
  });

  it("does not retry a failing credential provider", async () => {
    const handler = new FakeHandler();
    let calls = 0;
    const c = client(handler, {
      credentials: async () => {
        calls++;
        throw new Error("no credentials here");
      },
    });
    const error = await settle(c.send(new GetRevenueAttributionAllocationsTaskCommand(GET_TASK_INPUT)));
    expect(error).toBeInstanceOf(CredentialsUnavailableError);
    expect((error as Error).message).toContain("no credentials here");
    expect(calls).toBe(1);
    expect(handler.requests).toHaveLength(0);
  });

  it("sleeps the full-jitter delay between attempts and reports the total", async () => {
    vi.spyOn(Math, "random").mockReturnValue(0.5);
    const handler = new FakeHandler([cborError("ThrottlingException", 429), cborError("ThrottlingException", 429), cbor({})]);
    const p = client(handler).send(new GetRevenueAttributionAllocationsTaskCommand(GET_TASK_INPUT));
    await vi.advanceTimersByTimeAsync(0);
    expect(handler.requests).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(499); // first delay after throttling: 0.5 × 1000 ms
    expect(handler.requests).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(handler.requests).toHaveLength(2);
    await vi.advanceTimersByTimeAsync(999); // second delay: 0.5 × 2000 ms
    expect(handler.requests).toHaveLength(2);
    await vi.advanceTimersByTimeAsync(1);
    const out = await p;
    expect(handler.requests).toHaveLength(3);
    expect(out.$metadata).toMatchObject({ attempts: 3, totalRetryDelay: 1500 });
  });

  it("reads maxAttempts from AWS_MAX_ATTEMPTS", async () => {
    vi.stubEnv("AWS_MAX_ATTEMPTS", "2");
    const handler = new FakeHandler([raw(503, undefined, "")]);
    await settle(client(handler).send(new GetRevenueAttributionAllocationsTaskCommand(GET_TASK_INPUT)));
    expect(handler.requests).toHaveLength(2);
  });

  it("marks each attempt in amz-sdk-request and keeps one invocation id", async () => {
    const handler = new FakeHandler([raw(503, undefined, ""), raw(503, undefined, ""), cbor({})]);
    await settle(client(handler).send(new GetRevenueAttributionAllocationsTaskCommand(GET_TASK_INPUT)));
    expect(handler.requests.map((r) => r.headers["amz-sdk-request"])).toEqual([
      "attempt=1; max=3",
      "attempt=2; max=3",
      "attempt=3; max=3",
    ]);
    const ids = new Set(handler.requests.map((r) => r.headers["amz-sdk-invocation-id"]));
    expect(ids.size).toBe(1);
    expect([...ids][0]).toMatch(UUID_V4);
  });
});

describe("idempotency token", () => {
  const make = (handler: FakeHandler) =>
    new PartnerCentralRevenueMeasurementClient({ region: "us-east-1", credentials: CREDS, requestHandler: handler, clock: new ManualClock(NOW) });

  it.each([
    ["CreateMarketplaceRevenueShareAllocation", () => new CreateMarketplaceRevenueShareAllocationCommand({ ...CREATE_INPUT })],
    ["UpdateMarketplaceRevenueShareAllocation", () => new UpdateMarketplaceRevenueShareAllocationCommand({ ...UPDATE_INPUT })],
    ["StartRevenueAttributionAllocationsTask", () => new StartRevenueAttributionAllocationsTaskCommand(startInput() as never)],
  ])("%s: a UUID v4 is filled in and kept on every retry", async (_name, command) => {
    const handler = new FakeHandler([
      cborError("InternalServerException", 500),
      new NetworkError("reset", { code: "ECONNRESET" }),
      cborError("ThrottlingException", 429),
      cbor({}),
    ]);
    const cmd = command();
    const c = new PartnerCentralRevenueMeasurementClient({
      region: "us-east-1",
      credentials: CREDS,
      requestHandler: handler,
      clock: new ManualClock(NOW),
      maxAttempts: 4,
    });
    const p = c.send(cmd as never).catch((e) => e);
    await vi.runAllTimersAsync();
    expect(await p).toEqual({ $metadata: expect.objectContaining({ attempts: 4 }) });
    const tokens = handler.requests.map((r) => r.body.ClientToken);
    expect(tokens).toHaveLength(4);
    expect(tokens[0]).toMatch(UUID_V4);
    expect(new Set(tokens).size).toBe(1);
    expect((cmd.input as { ClientToken?: string }).ClientToken).toBeUndefined(); // the caller's input is not modified
  });

  it("each call gets its own token", async () => {
    const handler = new FakeHandler([cbor({})]);
    const c = make(handler);
    await c.send(new CreateMarketplaceRevenueShareAllocationCommand({ ...CREATE_INPUT }));
    await c.send(new CreateMarketplaceRevenueShareAllocationCommand({ ...CREATE_INPUT }));
    expect(handler.requests[0]!.body.ClientToken).not.toBe(handler.requests[1]!.body.ClientToken);
  });

  it("a caller's token is sent as given", async () => {
    const handler = new FakeHandler([raw(503, undefined, ""), cbor({})]);
    const p = make(handler).send(new CreateMarketplaceRevenueShareAllocationCommand({ ...CREATE_INPUT, ClientToken: "my-token-1" }));
    await vi.runAllTimersAsync();
    await p;
    expect(handler.requests.map((r) => r.body.ClientToken)).toEqual(["my-token-1", "my-token-1"]);
  });

  it("operations without a ClientToken member get none", async () => {
    const handler = new FakeHandler([cbor({})]);
    await make(handler).send(new GetRevenueAttributionAllocationsTaskCommand(GET_TASK_INPUT));
    expect(handler.requests[0]!.body).toEqual(GET_TASK_INPUT);
  });
});

describe("signing every attempt afresh", () => {
  it("uses a new x-amz-date and signature when the clock moves between attempts", async () => {
    const clock = new ManualClock(NOW);
    const handler = new FakeHandler([
      async () => {
        clock.ms += 61_000;
        return raw(503, undefined, "");
      },
      async () => {
        clock.ms += 61_000;
        return raw(503, undefined, "");
      },
      cbor({}),
    ]);
    const c = new PartnerCentralRevenueMeasurementClient({ region: "us-east-1", credentials: CREDS, requestHandler: handler, clock });
    const p = c.send(new GetRevenueAttributionAllocationsTaskCommand(GET_TASK_INPUT));
    await vi.runAllTimersAsync();
    await p;
    const dates = handler.requests.map((r) => r.headers["x-amz-date"]);
    expect(dates).toEqual(["20260315T120000Z", "20260315T120101Z", "20260315T120202Z"]);
    const signatures = handler.requests.map((r) => /Signature=([0-9a-f]{64})$/.exec(r.headers.authorization ?? "")?.[1]);
    expect(signatures.every(Boolean)).toBe(true);
    expect(new Set(signatures).size).toBe(3);
  });

  it("asks the credential provider again once the credentials are about to expire", async () => {
    const clock = new ManualClock(NOW);
    let calls = 0;
    const provider = async () => {
      calls++;
      return { ...CREDS, accessKeyId: `AKID${calls}`, expiration: new Date(clock.ms + 6 * 60_000) };
    };
    const handler = new FakeHandler([
      async () => {
        clock.ms += 2 * 60_000; // now 4 minutes before expiry: inside the 5-minute refresh window
        return raw(503, undefined, "");
      },
      cbor({}),
    ]);
    const c = new PartnerCentralRevenueMeasurementClient({ region: "us-east-1", credentials: provider, requestHandler: handler, clock });
    const p = c.send(new GetRevenueAttributionAllocationsTaskCommand(GET_TASK_INPUT));
    await vi.runAllTimersAsync();
    await p;
    expect(calls).toBe(2);
    expect(handler.requests[0]!.headers.authorization).toContain("Credential=AKID1/");
    expect(handler.requests[1]!.headers.authorization).toContain("Credential=AKID2/");
  });
});

describe("abort", () => {
  const make = (handler: FakeHandler, extra: Record<string, unknown> = {}) =>
    new PartnerCentralRevenueMeasurementClient({ region: "us-east-1", credentials: CREDS, requestHandler: handler, ...extra });

  it("stops at once during the backoff sleep", async () => {
    vi.spyOn(Math, "random").mockReturnValue(0.99);
    const handler = new FakeHandler([cborError("ThrottlingException", 429)]);
    const ac = new AbortController();
    const p = make(handler, { maxAttempts: 10 })
      .send(new GetRevenueAttributionAllocationsTaskCommand(GET_TASK_INPUT), { abortSignal: ac.signal })
      .catch((e) => e);
    await vi.advanceTimersByTimeAsync(10); // inside the first ~99 ms sleep
    expect(handler.requests).toHaveLength(1);
    ac.abort();
    const error = await p; // no timer advanced: the abort alone ends the call
    expect(error).toBeInstanceOf(AbortError);
    expect(vi.getTimerCount()).toBe(0);
    await vi.runAllTimersAsync();
    expect(handler.requests).toHaveLength(1);
  });

  it("keeps the abort reason as the cause", async () => {
    const handler = new FakeHandler([raw(503, undefined, "")]);
    const ac = new AbortController();
    const p = make(handler)
      .send(new GetRevenueAttributionAllocationsTaskCommand(GET_TASK_INPUT), { abortSignal: ac.signal })
      .catch((e) => e);
    await vi.advanceTimersByTimeAsync(0);
    const reason = new Error("user cancelled");
    ac.abort(reason);
    const error = await p;
    expect(error).toBeInstanceOf(AbortError);
    expect(error.cause).toBe(reason);
  });

  it("sends nothing when the signal is already aborted", async () => {
    const handler = new FakeHandler();
    const error = await make(handler)
      .send(new GetRevenueAttributionAllocationsTaskCommand(GET_TASK_INPUT), { abortSignal: AbortSignal.abort() })
      .catch((e) => e);
    expect(error).toBeInstanceOf(AbortError);
    expect(handler.requests).toHaveLength(0);
  });

  it("does not retry an attempt that the abort interrupted", async () => {
    const ac = new AbortController();
    const handler = new FakeHandler([
      (_req, signal) =>
        new Promise((_resolve, reject) => {
          signal?.addEventListener("abort", () => reject(new NetworkError("aborted socket", { code: "ECONNRESET" })));
        }),
    ]);
    const p = make(handler)
      .send(new GetRevenueAttributionAllocationsTaskCommand(GET_TASK_INPUT), { abortSignal: ac.signal })
      .catch((e) => e);
    await vi.advanceTimersByTimeAsync(0);
    ac.abort();
    expect(await p).toBeInstanceOf(AbortError);
    await vi.runAllTimersAsync();
    expect(handler.requests).toHaveLength(1);
  });
});
