import * as http from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it, vi } from "vitest";
import { NetworkError } from "../src/errors.js";
import { NodeHttpHandler } from "../src/transport/node-http-handler.js";
import { SHARED_FROM_MS, TICK_MS, startTimeout } from "../src/transport/timeouts.js";

afterEach(() => {
  vi.useRealTimers();
});

describe("startTimeout", () => {
  it("a long timeout fires once, after its time and at most one tick late, then the shared timer stops", () => {
    vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout", "setInterval", "clearInterval", "Date", "performance"] });
    const fired: number[] = [];
    const start = performance.now();
    startTimeout(SHARED_FROM_MS, () => fired.push(performance.now() - start));
    vi.advanceTimersByTime(SHARED_FROM_MS - 1);
    expect(fired).toEqual([]);
    vi.advanceTimersByTime(TICK_MS + 1);
    expect(fired).toHaveLength(1);
    expect(fired[0]).toBeGreaterThanOrEqual(SHARED_FROM_MS);
    expect(fired[0]).toBeLessThanOrEqual(SHARED_FROM_MS + TICK_MS);
    vi.advanceTimersByTime(10 * TICK_MS);
    expect(fired).toHaveLength(1);
    expect(vi.getTimerCount()).toBe(0);
  });

  it("a cancelled long timeout never fires, and others sharing the timer still do", () => {
    vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout", "setInterval", "clearInterval", "Date", "performance"] });
    const fired: string[] = [];
    const cancelA = startTimeout(SHARED_FROM_MS, () => fired.push("a"));
    startTimeout(SHARED_FROM_MS * 2, () => fired.push("b"));
    expect(vi.getTimerCount()).toBe(1); // one shared timer for both
    cancelA();
    vi.advanceTimersByTime(SHARED_FROM_MS * 2 + TICK_MS);
    expect(fired).toEqual(["b"]);
    expect(vi.getTimerCount()).toBe(0);
  });

  it("a short timeout keeps a precise timer of its own", () => {
    vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout", "setInterval", "clearInterval", "Date", "performance"] });
    const fired: string[] = [];
    const cancel = startTimeout(50, () => fired.push("short"));
    vi.advanceTimersByTime(49);
    expect(fired).toEqual([]);
    vi.advanceTimersByTime(1);
    expect(fired).toEqual(["short"]);
    startTimeout(50, () => fired.push("cancelled"))();
    cancel();
    vi.advanceTimersByTime(100);
    expect(fired).toEqual(["short"]);
  });
});

describe("NodeHttpHandler with a long timeout", () => {
  it("ends a request the server never answers with a TimeoutError, not before the timeout", async () => {
    const server = http.createServer(() => {}); // reads the request, never answers
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const { port } = server.address() as AddressInfo;
    const handler = new NodeHttpHandler();
    const started = Date.now();
    try {
      const error = await handler
        .handle(
          { method: "POST", url: new URL(`http://127.0.0.1:${port}/x`), headers: { "content-length": "1" }, body: new Uint8Array([0xa0]) },
          { timeoutMs: SHARED_FROM_MS },
        )
        .then(
          () => undefined,
          (e: unknown) => e,
        );
      expect(error).toBeInstanceOf(NetworkError);
      expect(error).toMatchObject({ code: "TimeoutError" });
      expect(Date.now() - started).toBeGreaterThanOrEqual(SHARED_FROM_MS);
    } finally {
      handler.destroy();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  });
});
