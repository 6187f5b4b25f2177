/**
 * Every public entry point, given bad input or bad options, fails with an error of the package's root class:
 * the client, its commands and aggregated methods, the waiter, the paginators, the batch helpers, the files
 * subpath and the emulator. Nothing is sent for any of these (the endpoint does not exist).
 */
import { describe, expect, it } from "vitest";
import {
  GetRevenueAttributionCommand,
  PartnerCentralRevenueMeasurement,
  PartnerCentralRevenueMeasurementClient,
  PartnerCentralRevenueMeasurementError,
  paginateListRevenueAttributions,
  waitUntilAllocationsTaskComplete,
} from "../src/index.js";
import { planAllocations, submitAllocations } from "../src/batch/index.js";
import { readAllocationChanges } from "../src/files/index.js";
import { startEmulator } from "../src/testing/index.js";

const client = () =>
  new PartnerCentralRevenueMeasurementClient({ endpoint: "http://127.0.0.1:9", region: "us-east-1", credentials: { accessKeyId: "A", secretAccessKey: "B" }, maxAttempts: 1 });
const target = { Catalog: "AWS", RevenueAttributionIdentifier: "ra-abc123def4567" } as const;

const cases: [string, () => unknown][] = [
  ["the client constructor, an unknown option", () => new PartnerCentralRevenueMeasurementClient({ nope: 1 } as never)],
  ["the client constructor, a bad value", () => new PartnerCentralRevenueMeasurementClient({ maxAttempts: 0 })],
  ["send(), bad input", () => client().send(new GetRevenueAttributionCommand({ Catalog: "AWS", Identifier: "x" }))],
  ["an aggregated method, bad input", () => new PartnerCentralRevenueMeasurement({ region: "us-east-1" }).getRevenueAttribution({ Catalog: "Nope" as never, Identifier: "x" })],
  ["the waiter, bad options", () => waitUntilAllocationsTaskComplete({ client: client(), maxWaitMs: -1000 }, { ...target, TaskId: "raatask-abc123def4567" })],
  ["a paginator, bad input", async () => {
    for await (const page of paginateListRevenueAttributions({ client: client() }, { Catalog: "Nope" as never })) void page;
  }],
  ["submitAllocations, a deadline as a number", () => submitAllocations({ client: client(), deadline: 30_000 as never }, { ...target, RevenueShareAllocations: [] })],
  ["planAllocations, bad input", () => planAllocations({ client: client() }, { ...target, RevenueAttributionIdentifier: "x", RevenueShareAllocations: [] })],
  ["readAllocationChanges, a missing file", () => readAllocationChanges("/nonexistent/changes.csv")],
  ["startEmulator, a bad account id", () => startEmulator({ accountId: "12" })],
];

describe("every public entry point fails with the root class", () => {
  it.each(cases)("%s", async (_name, call) => {
    let error: unknown;
    try {
      await call();
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(PartnerCentralRevenueMeasurementError);
  });
});
