import { inspect } from "node:util";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import {
  AbortError,
  AccessDeniedException,
  AllocationsTaskFailedError,
  AllocationsTaskSupersededError,
  ClientValidationError,
  InvalidConfigurationError,
  ResourceNotFoundException,
  WaiterTimeoutError,
  waitUntilAllocationsTaskComplete,
  type PartnerCentralRevenueMeasurementClient,
} from "../src/index.js";
import { waiterDelayMs } from "../src/waiters/waitUntilAllocationsTaskComplete.js";
import { ATTRIBUTION, FAKE_TIMERS, drive, makeClient, operationOf, taskBody } from "./helpers/allocations-script.js";
import { cborResponse, errorResponse, startCaptureServer, type CaptureServer, type ScriptedResponse } from "./helpers/capture-server.js";
import { resetCaptureServer } from "./helpers/local-client.js";

const TASK = "raatask-abc123def4567";
const input = { Catalog: "AWS", RevenueAttributionIdentifier: ATTRIBUTION, TaskId: TASK } as const;

let server: CaptureServer;
let client: PartnerCentralRevenueMeasurementClient;
/** Fake-clock time of each request the server received. */
let seenAt: number[];

beforeAll(async () => {
  server = await startCaptureServer();
});
afterAll(() => server.close());

beforeEach(() => {
  vi.useFakeTimers(FAKE_TIMERS);
  resetCaptureServer(server);
  seenAt = [];
  client = makeClient(server.endpoint, { maxAttempts: 1 });
});
afterEach(() => {
  client.destroy();
  vi.useRealTimers();
});

/** Answers polls from a list (the last answer repeats), recording the fake time of each. */
function script(answers: ScriptedResponse[]): void {
  let i = 0;
  server.fallback = (req) => {
    seenAt.push(Date.now());
    expect(operationOf(req)).toBe("GetRevenueAttributionAllocationsTask");
    return answers[Math.min(i++, answers.length - 1)]!;
  };
}

describe("waitUntilAllocationsTaskComplete", () => {
  it("resolves with the COMPLETE task after several polls, backing off between minDelay and maxDelay", async () => {
    script([
      cborResponse(taskBody(TASK, "IN_PROGRESS")),
      cborResponse(taskBody(TASK, "IN_PROGRESS")),
      cborResponse(taskBody(TASK, "IN_PROGRESS")),
      cborResponse(taskBody(TASK, "COMPLETE", { RevenueAttributionLatestRevision: "8" })),
    ]);
    const polls: Array<[string, number]> = [];
    const task = await drive(
      waitUntilAllocationsTaskComplete(
        { client, minDelayMs: 2000, maxDelayMs: 5000, onPoll: (t, attempt) => polls.push([t.Status, attempt]) },
        input,
      ),
    );
    expect(task.Status).toBe("COMPLETE");
    expect(task.RevenueAttributionLatestRevision).toBe("8");
    expect(task.EndedAt).toBeInstanceOf(Date);
    expect(task.$metadata.httpStatusCode).toBe(200);
    expect(polls).toEqual([
      ["IN_PROGRESS", 1],
      ["IN_PROGRESS", 2],
      ["IN_PROGRESS", 3],
      ["COMPLETE", 4],
    ]);
    expect(server.requests).toHaveLength(4);
    expect(server.requests[0]!.body).toEqual({ Catalog: "AWS", RevenueAttributionIdentifier: ATTRIBUTION });
    const gaps = seenAt.slice(1).map((t, i) => t - seenAt[i]!);
    // ceiling_n = min(maxDelay, 2 × minDelay × 1.5^(n−1)); each delay in [max(minDelay, ceiling/2), ceiling].
    expect(gaps[0]).toBeGreaterThanOrEqual(2000);
    expect(gaps[0]).toBeLessThanOrEqual(4000);
    expect(gaps[1]).toBeGreaterThanOrEqual(2500);
    expect(gaps[1]).toBeLessThanOrEqual(5000); // 6 s, capped by maxDelay
    expect(gaps[2]).toBeGreaterThanOrEqual(2500);
    expect(gaps[2]).toBeLessThanOrEqual(5000);
  });

  it("computes delays with jitter inside [max(minDelay, c/2), c], c = min(maxDelay, 2·minDelay·1.5^(n-1))", () => {
    // The defaults: the first delay is 0.25..0.5 s, jittered (not exactly minDelay), growing by 1.5 to 5..10 s.
    expect(waiterDelayMs(1, 250, 10_000, () => 0)).toBe(250);
    expect(waiterDelayMs(1, 250, 10_000, () => 0.5)).toBe(375);
    expect(waiterDelayMs(1, 250, 10_000, () => 1)).toBe(500);
    expect(waiterDelayMs(2, 250, 10_000, () => 0)).toBe(375);
    expect(waiterDelayMs(2, 250, 10_000, () => 1)).toBe(750);
    expect(waiterDelayMs(3, 250, 10_000, () => 1)).toBe(1125);
    expect(waiterDelayMs(10, 250, 10_000, () => 0)).toBe(5000);
    expect(waiterDelayMs(10, 250, 10_000, () => 1)).toBe(10000);
    expect(waiterDelayMs(2000, 250, 10_000, () => 0.5)).toBe(7500);
    // minDelay stays the floor when the cap is close to it.
    expect(waiterDelayMs(5, 2000, 3000, () => 0)).toBe(2000);
  });

  it("rejects FAILED with AllocationsTaskFailedError counting failures by ErrorCode, without full account ids", async () => {
    const detail = (code: string, account: string) => ({
      EntityType: "OFFER",
      EntityId: "offer-1",
      CustomerAwsAccountId: account,
      EffectiveFrom: "2026-07-01",
      EffectiveUntil: "2026-07-31",
      Action: "CREATE",
      ErrorCode: code,
      ErrorMessage: `Account ${account} cannot be changed`,
    });
    script([
      cborResponse(taskBody(TASK, "IN_PROGRESS")),
      cborResponse(
        taskBody(TASK, "FAILED", {
          ErrorDetailList: [
            detail("INVALID_VALUE", "111122223333"),
            detail("IMMUTABLE_ALLOCATION", "444455556666"),
            detail("IMMUTABLE_ALLOCATION", "777788889999"),
          ],
        }),
      ),
    ]);
    const error = await drive(waitUntilAllocationsTaskComplete({ client }, input)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AllocationsTaskFailedError);
    const failed = error as AllocationsTaskFailedError;
    expect(failed.message).toBe(
      `Allocations task ${TASK} FAILED: 3 of 250 records failed: IMMUTABLE_ALLOCATION ×2, INVALID_VALUE ×1`,
    );
    expect(failed.failureCounts).toEqual({ IMMUTABLE_ALLOCATION: 2, INVALID_VALUE: 1 });
    expect(failed.ErrorDetailList.map((d) => d.CustomerAwsAccountId)).toEqual(["111122223333", "444455556666", "777788889999"]);
    expect(failed.task.Status).toBe("FAILED");
    const printed = `${failed.message} ${inspect(failed, { depth: 10 })} ${JSON.stringify(failed)}`;
    for (const account of ["111122223333", "444455556666", "777788889999"]) expect(printed).not.toContain(account);
  });

  it("rejects with AllocationsTaskSupersededError when the latest task is another one, even if it is COMPLETE", async () => {
    const other = "raatask-zzzzzzzzzzzzz";
    script([
      cborResponse(taskBody(TASK, "IN_PROGRESS")),
      cborResponse(taskBody(other, "COMPLETE", { RevenueAttributionLatestRevision: "9" })),
    ]);
    const error = await drive(waitUntilAllocationsTaskComplete({ client }, input)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AllocationsTaskSupersededError);
    const superseded = error as AllocationsTaskSupersededError;
    expect(superseded.expectedTaskId).toBe(TASK);
    expect(superseded.observedTaskId).toBe(other);
    expect(superseded.observedTask.Status).toBe("COMPLETE");
    expect(superseded.message).toContain("superseded");
    expect(server.requests).toHaveLength(2);
  });

  it("times out at maxWaitMs with the last observed task, never sleeping past the deadline", async () => {
    script([cborResponse(taskBody(TASK, "IN_PROGRESS"))]);
    const start = Date.now();
    const error = await drive(
      waitUntilAllocationsTaskComplete({ client, maxWaitMs: 60_000, minDelayMs: 2000, maxDelayMs: 30_000 }, input),
    ).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(WaiterTimeoutError);
    const timeout = error as WaiterTimeoutError;
    expect(timeout.lastTask?.Status).toBe("IN_PROGRESS");
    expect(timeout.lastTask?.TaskId).toBe(TASK);
    expect(timeout.attempts).toBe(server.requests.length);
    expect(timeout.attempts).toBeGreaterThanOrEqual(4);
    expect(Date.now() - start).toBe(60_000); // the last sleep was clamped to the deadline
    expect(seenAt.every((t) => t - start < 60_000)).toBe(true);
    expect(vi.getTimerCount()).toBe(0);
  });

  it("bounds a poll still in flight at the deadline (real timers, 0.2 s)", async () => {
    vi.useRealTimers();
    server.queue.push({ ...cborResponse(taskBody(TASK, "COMPLETE")), delayMs: 1500 });
    const error = await waitUntilAllocationsTaskComplete({ client, maxWaitMs: 200 }, input).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(WaiterTimeoutError);
    expect((error as WaiterTimeoutError).attempts).toBe(1);
  });

  it("stops at once when aborted mid-sleep", async () => {
    script([cborResponse(taskBody(TASK, "IN_PROGRESS"))]);
    const controller = new AbortController();
    const promise = waitUntilAllocationsTaskComplete({ client, abortSignal: controller.signal, minDelayMs: 10_000 }, input);
    const error = await drive(promise, (timerPending) => {
      if (timerPending && server.requests.length === 2) controller.abort(new Error("user cancelled"));
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AbortError);
    expect((error as AbortError).cause).toEqual(new Error("user cancelled"));
    expect(server.requests).toHaveLength(2);
    expect(vi.getTimerCount()).toBe(0); // the sleep's timer was cleared
  });

  it("does not send anything when the signal is already aborted", async () => {
    script([cborResponse(taskBody(TASK, "COMPLETE"))]);
    const error = await waitUntilAllocationsTaskComplete({ client, abortSignal: AbortSignal.abort() }, input).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(AbortError);
    expect(server.requests).toHaveLength(0);
  });

  it("keeps polling through throttling and 5xx, backing off", async () => {
    script([
      cborResponse(taskBody(TASK, "IN_PROGRESS")),
      errorResponse("ThrottlingException", 429, { Message: "Rate exceeded" }),
      errorResponse("InternalServerException", 500, { Message: "oops" }),
      cborResponse(taskBody(TASK, "COMPLETE", { RevenueAttributionLatestRevision: "8" })),
    ]);
    const attempts: number[] = [];
    const task = await drive(
      waitUntilAllocationsTaskComplete({ client, onPoll: (_t, attempt) => attempts.push(attempt) }, input),
    );
    expect(task.Status).toBe("COMPLETE");
    expect(server.requests).toHaveLength(4);
    expect(attempts).toEqual([1, 4]);
    const gaps = seenAt.slice(1).map((t, i) => t - seenAt[i]!);
    expect(gaps.every((g) => g >= 250)).toBe(true); // each failed poll was followed by a waiter backoff (default minDelay 0.25 s)
  });

  it("keeps polling when the client's own retries are exhausted by throttling", async () => {
    client.destroy();
    client = makeClient(server.endpoint, { maxAttempts: 3 });
    script([
      errorResponse("ThrottlingException", 429, { Message: "Rate exceeded" }),
      errorResponse("ThrottlingException", 429, { Message: "Rate exceeded" }),
      errorResponse("ThrottlingException", 429, { Message: "Rate exceeded" }),
      cborResponse(taskBody(TASK, "COMPLETE", { RevenueAttributionLatestRevision: "8" })),
    ]);
    const task = await drive(waitUntilAllocationsTaskComplete({ client }, input));
    expect(task.RevenueAttributionLatestRevision).toBe("8");
    expect(task.$metadata.attempts).toBe(1); // the 4th request was the waiter's second poll
    expect(server.requests).toHaveLength(4);
  });

  it("reports the last retryable error when the deadline passes while throttled", async () => {
    script([errorResponse("ThrottlingException", 429, { Message: "Rate exceeded" })]);
    const error = await drive(waitUntilAllocationsTaskComplete({ client, maxWaitMs: 10_000 }, input)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(WaiterTimeoutError);
    expect((error as WaiterTimeoutError).lastTask).toBeUndefined();
    expect((error as WaiterTimeoutError).lastError?.name).toBe("ThrottlingException");
  });

  it.each([
    ["ResourceNotFoundException", 404, ResourceNotFoundException],
    ["AccessDeniedException", 403, AccessDeniedException],
  ] as const)("ends at once on %s", async (type, status, cls) => {
    script([errorResponse(type, status, { Message: "no", Reason: status === 404 ? "RESOURCE_NOT_FOUND" : "ACCESS_DENIED" })]);
    const error = await drive(waitUntilAllocationsTaskComplete({ client }, input)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(cls);
    expect(server.requests).toHaveLength(1);
  });

  it("validates its input and timing before any request", async () => {
    script([cborResponse(taskBody(TASK, "COMPLETE"))]);
    const bad = await waitUntilAllocationsTaskComplete({ client }, { ...input, TaskId: "task-1" }).catch((e: unknown) => e);
    expect(bad).toBeInstanceOf(ClientValidationError);
    expect((bad as ClientValidationError).FieldList.map((f) => f.Name)).toEqual(["TaskId"]);
    const timing = await waitUntilAllocationsTaskComplete({ client, minDelayMs: 5000, maxDelayMs: 1000 }, input).catch((e: unknown) => e);
    expect(timing).toBeInstanceOf(InvalidConfigurationError);
    expect((timing as Error).message).toBe(
      "Invalid Configuration of waitUntilAllocationsTaskComplete: maxDelayMs must be at least minDelayMs (5000), got 1000",
    );
    const zero = await waitUntilAllocationsTaskComplete({ client, maxWaitMs: 0, minDelayMs: 0 }, input).catch((e: unknown) => e);
    expect(zero).toBeInstanceOf(InvalidConfigurationError);
    expect((zero as Error).message).toMatch(/maxWaitMs must be a positive number of milliseconds, got 0; minDelayMs must be a positive/);
    expect(server.requests).toHaveLength(0);
  });
});
