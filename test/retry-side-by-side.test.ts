/**
 * Side by side with the official client (a devDependency), against the same
 * emulator and the same faults: 3 waves of 100 concurrent calls while every
 * request is throttled, then while every request fails with 500. Requests are
 * counted by the emulator. Jitter is drawn at 0 for both clients (their
 * backoff is `Math.random() × ceiling`), so the run takes no sleeps; the
 * number of requests depends only on the retry quota, which is the point.
 */
import * as official from "@aws-sdk/client-partnercentral-revenue-measurement";
import { describe, expect, it, vi } from "vitest";
import { ListRevenueAttributionsCommand, PartnerCentralRevenueMeasurementClient } from "../src/index.js";
import { type Emulator, type FaultOptions } from "../src/testing/index.js";
import { useSharedEmulator } from "./helpers/shared-emulator.js";
import { INITIAL_RETRY_TOKENS, RETRY_COST, THROTTLING_RETRY_COST } from "../src/transport/retry-strategy.js";

const WAVES = 3;
const CONCURRENT = 100;

let emulator: Emulator;
useSharedEmulator((e) => (emulator = e));

/** Runs the waves through `call` and returns how many requests the emulator saw. */
async function requestsSent(faults: FaultOptions, call: () => Promise<unknown>): Promise<number> {
  emulator.reset();
  emulator.setFaults(faults);
  for (let wave = 0; wave < WAVES; wave++) {
    const results = await Promise.allSettled(Array.from({ length: CONCURRENT }, call));
    expect(results.every((r) => r.status === "rejected")).toBe(true);
  }
  return emulator.inspect().requests.total;
}

async function ours(faults: FaultOptions): Promise<number> {
  const client = new PartnerCentralRevenueMeasurementClient({
    endpoint: emulator.endpoint,
    region: emulator.region,
    credentials: emulator.credentials,
  });
  try {
    return await requestsSent(faults, () => client.send(new ListRevenueAttributionsCommand({ Catalog: "AWS" })));
  } finally {
    client.destroy();
  }
}

async function theirs(faults: FaultOptions): Promise<number> {
  const client = new official.PartnerCentralRevenueMeasurementClient({
    endpoint: emulator.endpoint,
    region: emulator.region,
    credentials: emulator.credentials,
  });
  try {
    return await requestsSent(faults, () => client.send(new official.ListRevenueAttributionsCommand({ Catalog: "AWS" })));
  } finally {
    client.destroy();
  }
}

describe("requests sent under sustained faults: this SDK vs the official client", () => {
  it("every request throttled: no more than the official client; the quota stops retries", async () => {
    vi.spyOn(Math, "random").mockReturnValue(0);
    const faults = { throttleEveryNth: 1 };
    const official = await theirs(faults);
    const sdk = await ours(faults);
    expect(sdk).toBeLessThanOrEqual(official);
    expect(sdk).toBe(WAVES * CONCURRENT + Math.floor(INITIAL_RETRY_TOKENS / THROTTLING_RETRY_COST));
  });

  it("every request failing with 500: no more than the official client", async () => {
    vi.spyOn(Math, "random").mockReturnValue(0);
    const faults = { errorRate: 1 };
    const official = await theirs(faults);
    const sdk = await ours(faults);
    expect(sdk).toBeLessThanOrEqual(official);
    expect(sdk).toBe(WAVES * CONCURRENT + Math.floor(INITIAL_RETRY_TOKENS / RETRY_COST));
  });
});
