import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import {
  ClientValidationError,
  PartnerCentralRevenueMeasurement,
  PartnerCentralRevenueMeasurementClient,
  paginateListRevenueAttributions,
} from "../src/index.js";
import { cborResponse, startCaptureServer, type CaptureServer } from "./helpers/capture-server.js";
import { localClientConfig, resetCaptureServer } from "./helpers/local-client.js";

let server: CaptureServer;
let prm: PartnerCentralRevenueMeasurement;

beforeAll(async () => {
  server = await startCaptureServer();
  prm = new PartnerCentralRevenueMeasurement(localClientConfig(server.endpoint));
});
afterAll(async () => {
  prm.destroy();
  await server.close();
});
beforeEach(() => resetCaptureServer(server));

const PROD = "prod-abc123def4567";
const RA = "ra-abc123def4567";
const RA_ARN = `arn:aws:partnercentral:us-east-1:123456789012:catalog/AWS/revenue-attribution/${RA}`;
const ALLOCATION = {
  Action: "CREATE",
  EntityType: "OFFER",
  EntityIdentifier: "offer-abc123",
  CustomerAwsAccountId: "123456789012",
  RevenueSharePercent: "15.50",
  EffectiveFrom: "2026-07-01",
  EffectiveUntil: "2026-07-31",
};

/** Every operation with a minimal valid input, keyed by method name. */
const calls: Record<string, [operation: string, input: Record<string, unknown>]> = {
  createMarketplaceRevenueShare: ["CreateMarketplaceRevenueShare", { Catalog: "AWS", ProductId: PROD }],
  getMarketplaceRevenueShare: ["GetMarketplaceRevenueShare", { Catalog: "AWS", ProductId: PROD }],
  listMarketplaceRevenueShares: ["ListMarketplaceRevenueShares", { Catalog: "AWS" }],
  createMarketplaceRevenueShareAllocation: [
    "CreateMarketplaceRevenueShareAllocation",
    { Catalog: "AWS", ProductId: PROD, EffectiveFrom: "2026-07-01", RevenueSharePercent: "15.50" },
  ],
  getMarketplaceRevenueShareAllocation: [
    "GetMarketplaceRevenueShareAllocation",
    { Catalog: "AWS", ProductId: PROD, MarketplaceRevenueShareAllocationId: "mrsa-ABCdef1234567" },
  ],
  listMarketplaceRevenueShareAllocations: ["ListMarketplaceRevenueShareAllocations", { Catalog: "AWS", ProductId: PROD }],
  updateMarketplaceRevenueShareAllocation: [
    "UpdateMarketplaceRevenueShareAllocation",
    {
      Catalog: "AWS",
      ProductId: PROD,
      MarketplaceRevenueShareAllocationId: "mrsa-ABCdef1234567",
      MarketplaceRevenueShareRevision: "1",
      RevenueSharePercent: "20.00",
    },
  ],
  createRevenueAttribution: ["CreateRevenueAttribution", { Catalog: "AWS", Name: "EMEA", TenancyModel: "MULTI_TENANT" }],
  getRevenueAttribution: ["GetRevenueAttribution", { Catalog: "AWS", Identifier: RA }],
  updateRevenueAttribution: ["UpdateRevenueAttribution", { Catalog: "AWS", Identifier: RA, Revision: "1" }],
  listRevenueAttributions: ["ListRevenueAttributions", { Catalog: "AWS" }],
  getRevenueAttributionAllocation: [
    "GetRevenueAttributionAllocation",
    { Catalog: "AWS", RevenueAttributionIdentifier: RA, RevenueAttributionAllocationId: "alloc-abc123def4567" },
  ],
  listRevenueAttributionAllocations: ["ListRevenueAttributionAllocations", { Catalog: "AWS", RevenueAttributionIdentifier: RA }],
  startRevenueAttributionAllocationsTask: [
    "StartRevenueAttributionAllocationsTask",
    { Catalog: "AWS", RevenueAttributionIdentifier: RA, RevenueAttributionRevision: "1", RevenueShareAllocations: [ALLOCATION] },
  ],
  getRevenueAttributionAllocationsTask: ["GetRevenueAttributionAllocationsTask", { Catalog: "AWS", RevenueAttributionIdentifier: RA }],
  listTagsForResource: ["ListTagsForResource", { resourceArn: RA_ARN }],
  tagResource: ["TagResource", { resourceArn: RA_ARN, tags: [{ Key: "team", Value: "emea" }] }],
  untagResource: ["UntagResource", { resourceArn: RA_ARN, tagKeys: ["team"] }],
};

type Method = (input: unknown, options?: unknown) => Promise<Record<string, unknown>>;

describe("PartnerCentralRevenueMeasurement (aggregated client)", () => {
  it("is a PartnerCentralRevenueMeasurementClient with a method for each of the 18 operations", () => {
    expect(prm).toBeInstanceOf(PartnerCentralRevenueMeasurementClient);
    const methods = Object.getOwnPropertyNames(PartnerCentralRevenueMeasurement.prototype).filter((n) => n !== "constructor");
    expect(methods.sort()).toEqual(Object.keys(calls).sort());
    expect(methods).toHaveLength(18);
  });

  it.each(Object.entries(calls))("%s sends %j", async (method, [operation, input]) => {
    server.queue.push(cborResponse({ Marker: method }, 200, { "x-amzn-requestid": `rid-${method}` }));
    const out = await (prm[method as keyof PartnerCentralRevenueMeasurement] as unknown as Method).call(prm, input);
    expect(server.requests).toHaveLength(1);
    expect(server.requests[0]!.path).toBe(`/service/PartnerCentralRevenueMeasurement/operation/${operation}`);
    expect(server.requests[0]!.body).toMatchObject(input);
    expect(out.Marker).toBe(method);
    expect(out.$metadata).toMatchObject({ httpStatusCode: 200, requestId: `rid-${method}`, attempts: 1 });
  });

  it("validates like send() and passes per-call options", async () => {
    const error = await prm.tagResource({ resourceArn: RA_ARN, tags: [] }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ClientValidationError);
    const controller = new AbortController();
    controller.abort();
    const aborted = await prm.listRevenueAttributions({ Catalog: "AWS" }, { abortSignal: controller.signal }).catch((e: unknown) => e);
    expect(aborted).toMatchObject({ name: "AbortError" });
    expect(server.requests).toHaveLength(0);
  });

  it("works as the client of a paginator", async () => {
    server.queue.push(cborResponse({ RevenueAttributionSummaries: [], NextToken: "n1" }), cborResponse({ RevenueAttributionSummaries: [] }));
    let pages = 0;
    for await (const _ of paginateListRevenueAttributions({ client: prm }, { Catalog: "AWS" })) pages++;
    expect(pages).toBe(2);
  });
});
