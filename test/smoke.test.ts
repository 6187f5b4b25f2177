import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  CreateMarketplaceRevenueShareAllocationCommand,
  PartnerCentralRevenueMeasurementClient,
} from "../src/index.js";
import { cborResponse, startCaptureServer, type CaptureServer } from "./helpers/capture-server.js";
import { TEST_CREDENTIALS } from "./helpers/local-client.js";

let server: CaptureServer;
beforeAll(async () => {
  server = await startCaptureServer();
});
afterAll(() => server.close());

describe("end to end", () => {
  it("sends a signed CBOR request and parses a typed response", async () => {
    server.queue.push(
      cborResponse(
        {
          MarketplaceRevenueShareAllocationId: "mrsa-ABCDEFGHIJ123",
          ProductId: "prod-abc123def4567",
          Arn: "arn:aws:partnercentral:us-east-1:123456789012:catalog/AWS/marketplace-revenue-share/prod-abc123def4567",
          EffectiveFrom: "2026-07-01",
          RevenueSharePercent: "15.50",
          Status: "ACTIVE",
          CreatedDate: { __tag1: true },
        },
        200,
        { "x-amzn-requestid": "rid-1" },
      ),
    );
    const client = new PartnerCentralRevenueMeasurementClient({
      endpoint: server.endpoint,
      region: "us-east-1",
      credentials: TEST_CREDENTIALS,
    });
    const out = await client.send(
      new CreateMarketplaceRevenueShareAllocationCommand({
        Catalog: "AWS",
        ProductId: "prod-abc123def4567",
        EffectiveFrom: "2026-07-01",
        RevenueSharePercent: "15.50",
      }),
    );
    client.destroy();
    expect(out.MarketplaceRevenueShareAllocationId).toBe("mrsa-ABCDEFGHIJ123");
    expect(out.$metadata).toMatchObject({ httpStatusCode: 200, requestId: "rid-1", attempts: 1, totalRetryDelay: 0 });
    const req = server.requests[0]!;
    expect(req.path).toBe("/service/PartnerCentralRevenueMeasurement/operation/CreateMarketplaceRevenueShareAllocation");
    expect(req.headers["smithy-protocol"]).toBe("rpc-v2-cbor");
    expect(req.headers.authorization).toMatch(/^AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE\/\d{8}\/us-east-1\/partnercentral\/aws4_request/);
    expect(req.body).toMatchObject({ Catalog: "AWS", ProductId: "prod-abc123def4567", RevenueSharePercent: "15.50" });
    expect((req.body as { ClientToken: string }).ClientToken).toMatch(/^[0-9a-f-]{36}$/);
  });
});
