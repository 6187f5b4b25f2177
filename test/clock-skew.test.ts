/**
 * Clock skew: a response that shows our clock is off (a 403 or a skew error
 * name, with a `Date` more than 5 minutes from the clock the request was
 * signed with) corrects `systemClockOffset`, and the attempt is signed again
 * and retried once, at once. Against the emulator (which checks signing
 * times as AWS does) with a clock 20 minutes slow, then with scripted
 * responses.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import {
  AccessDeniedException,
  GetRevenueAttributionAllocationsTaskCommand,
  ListRevenueAttributionsCommand,
  PartnerCentralRevenueMeasurementClient,
  ValidationException,
  InvalidConfigurationError,
} from "../src/index.js";
import { startEmulator, type Emulator } from "../src/testing/index.js";
import { FakeHandler, GET_TASK_INPUT, NOW, cbor, cborError, fakeClient, settle } from "./helpers/core-fakes.js";

const MINUTE = 60 * 1000;

describe("against the emulator, with the local clock 20 minutes slow", () => {
  let emulator: Emulator;
  beforeAll(async () => {
    emulator = await startEmulator();
  });
  afterAll(async () => {
    await emulator.close();
  });

  const slowClient = (extra: object = {}) =>
    new PartnerCentralRevenueMeasurementClient({
      endpoint: emulator.endpoint,
      region: emulator.region,
      credentials: emulator.credentials,
      clock: { now: () => Date.now() - 20 * MINUTE },
      ...extra,
    });

  it("the first call succeeds after one immediate retry; later calls are signed with the corrected offset", async () => {
    emulator.reset();
    const client = slowClient();
    try {
      const first = await client.send(new ListRevenueAttributionsCommand({ Catalog: "AWS" }));
      expect(first.$metadata).toMatchObject({ httpStatusCode: 200, attempts: 2, totalRetryDelay: 0 });
      expect(Math.abs(client.config.systemClockOffset - 20 * MINUTE)).toBeLessThan(5_000);
      for (let i = 0; i < 3; i++) {
        const later = await client.send(new ListRevenueAttributionsCommand({ Catalog: "AWS" }));
        expect(later.$metadata.attempts).toBe(1);
      }
      expect(emulator.inspect().requests).toMatchObject({ total: 5, rejectedSignatures: 1 });
    } finally {
      client.destroy();
    }
  });

  it("a systemClockOffset given up front is used from the first call", async () => {
    emulator.reset();
    const client = slowClient({ systemClockOffset: 20 * MINUTE });
    try {
      const out = await client.send(new ListRevenueAttributionsCommand({ Catalog: "AWS" }));
      expect(out.$metadata.attempts).toBe(1);
      expect(emulator.inspect().requests.rejectedSignatures).toBe(0);
    } finally {
      client.destroy();
    }
  });
});

describe("with scripted responses", () => {
  afterEach(() => {
    vi.useRealTimers();
    vi.restoreAllMocks();
  });

  /** `Date` header value `minutes` from the test's clock. */
  const serverDate = (minutes: number) => new Date(NOW + minutes * MINUTE).toUTCString();
  const skewed = (type: string, minutes: number, extra: Record<string, string> = {}) => {
    const response = cborError(type, 403);
    response.headers = { ...response.headers, date: serverDate(minutes), ...extra };
    return response;
  };
  const client = fakeClient;
  const send = (c: PartnerCentralRevenueMeasurementClient) => c.send(new GetRevenueAttributionAllocationsTaskCommand(GET_TASK_INPUT));

  it.each(["InvalidSignatureException", "AccessDeniedException", "SignatureDoesNotMatch", "RequestTimeTooSkewed"])(
    "a 403 %s with a Date 20 minutes ahead: retried at once, signed 20 minutes later",
    async (type) => {
      const handler = new FakeHandler([skewed(type, 20), cbor({})]);
      const c = client(handler);
      const out = await send(c); // no timers advanced: the retry does not sleep
      expect(out.$metadata).toMatchObject({ attempts: 2, totalRetryDelay: 0 });
      const dates = handler.requests.map((r) => r.headers["x-amz-date"]);
      expect(dates).toEqual(["20260315T120000Z", "20260315T122000Z"]);
      expect(c.config.systemClockOffset).toBe(20 * MINUTE);
    },
  );

  it("corrects a clock that is ahead, too", async () => {
    const handler = new FakeHandler([skewed("InvalidSignatureException", -30), cbor({})]);
    const c = client(handler);
    await send(c);
    expect(c.config.systemClockOffset).toBe(-30 * MINUTE);
    expect(handler.requests[1]!.headers["x-amz-date"]).toBe("20260315T113000Z");
  });

  it("counts the skew retry as one attempt beyond maxAttempts in amz-sdk-request", async () => {
    const handler = new FakeHandler([skewed("InvalidSignatureException", 20), cborError("InternalServerException", 500), cborError("InternalServerException", 500), cbor({})]);
    vi.useFakeTimers();
    vi.spyOn(Math, "random").mockReturnValue(0);
    const out = await settle(send(client(handler)));
    expect(out).toMatchObject({ $metadata: { attempts: 4 } });
    expect(handler.requests.map((r) => r.headers["amz-sdk-request"])).toEqual([
      "attempt=1; max=3",
      "attempt=2; max=4",
      "attempt=3; max=4",
      "attempt=4; max=4",
    ]);
  });

  it("retries for skew once per call only", async () => {
    const handler = new FakeHandler([skewed("AccessDeniedException", 20), skewed("AccessDeniedException", 45), cbor({})]);
    const error = await send(client(handler)).catch((e: Error) => e);
    expect(error).toBeInstanceOf(AccessDeniedException);
    expect(handler.requests).toHaveLength(2);
  });

  it.each([
    ["a Date within 5 minutes", skewed("AccessDeniedException", 4)],
    ["a cached response (Age header)", skewed("AccessDeniedException", 20, { age: "30" })],
    ["no Date header", cborError("AccessDeniedException", 403)],
    ["an unreadable Date header", skewed("AccessDeniedException", 20, { date: "yesterday-ish" })],
  ])("leaves the offset alone and does not retry a 403 with %s", async (_name, response) => {
    const handler = new FakeHandler([response, cbor({})]);
    const c = client(handler);
    const error = await send(c).catch((e: Error) => e);
    expect(error).toBeInstanceOf(AccessDeniedException);
    expect(handler.requests).toHaveLength(1);
    expect(c.config.systemClockOffset).toBe(0);
  });

  it("ignores the Date of errors that say nothing about the clock", async () => {
    const response = cborError("ValidationException", 400);
    response.headers.date = serverDate(20);
    const handler = new FakeHandler([response, cbor({})]);
    const c = client(handler);
    expect(await send(c).catch((e: Error) => e)).toBeInstanceOf(ValidationException);
    expect(handler.requests).toHaveLength(1);
    expect(c.config.systemClockOffset).toBe(0);
  });

  it("the correction is shared by later calls and takes no retry quota", async () => {
    const handler = new FakeHandler([skewed("InvalidSignatureException", 20), cbor({})]);
    const c = client(handler);
    await send(c);
    const later = await send(c);
    expect(later.$metadata.attempts).toBe(1);
    expect(handler.requests[2]!.headers["x-amz-date"]).toBe("20260315T122000Z");
    expect((c as unknown as { ownRetryStrategy: { availableCapacity: number } }).ownRetryStrategy.availableCapacity).toBe(500);
  });

  it("rejects a systemClockOffset that is not a finite number", () => {
    expect(() => new PartnerCentralRevenueMeasurementClient({ systemClockOffset: Number.NaN })).toThrow(InvalidConfigurationError);
  });

  it("a 'Signature expired' error without a usable Date goes to the retry policy, transient as the AWS SDKs see it", async () => {
    vi.useFakeTimers();
    vi.spyOn(Math, "random").mockReturnValue(0);
    const expired = cbor({ __type: "InvalidSignatureException", Message: "Signature expired: 20260315T114000Z is now earlier than ..." }, 403);
    const handler = new FakeHandler([expired, cbor({})]);
    const out = await settle(send(client(handler)));
    expect(out).toMatchObject({ $metadata: { attempts: 2 } });
    expect(handler.requests).toHaveLength(2);
  });
});
