/**
 * The local CBOR server both clients talk to: answers every POST with the same
 * CreateMarketplaceRevenueShareAllocation output (HTTP 200, RPC v2 CBOR), after
 * reading the request body in full. The response bytes are built once.
 */
import * as http from "node:http";
import type { AddressInfo } from "node:net";
import { encodeCbor } from "../src/protocol/cbor.js";

/** The allocation the server returns; handlers echo its id so the bench can check both clients parsed it. */
export const ALLOCATION_ID = "mrsa-BENCH00000001";

/** The CreateMarketplaceRevenueShareAllocation output the server answers with (also a payload of bench/cbor.ts). */
export const ALLOCATION_OUTPUT = {
  MarketplaceRevenueShareAllocationId: ALLOCATION_ID,
  ProductId: "prod-abc123def4567",
  ProductName: "Bench product",
  Arn: "arn:aws:partnercentral:us-east-1:123456789012:catalog/AWS/marketplace-revenue-share/prod-abc123def4567",
  EffectiveFrom: "2026-07-01",
  RevenueSharePercent: "15.50",
  Status: "ACTIVE",
  CreatedDate: new Date("2026-06-01T12:00:00Z"),
  LastModifiedDate: new Date("2026-06-01T12:00:00Z"),
  LatestMarketplaceRevenueShareRevision: "1",
};

const RESPONSE = Buffer.from(encodeCbor(ALLOCATION_OUTPUT));

const HEADERS = {
  "content-type": "application/cbor",
  "smithy-protocol": "rpc-v2-cbor",
  "content-length": String(RESPONSE.length),
  "x-amzn-requestid": "bench-request-id",
};

/** A running bench server. */
export interface BenchServer {
  endpoint: string;
  /** Requests answered so far. */
  count(): number;
  close(): Promise<void>;
}

/** Starts the server on 127.0.0.1 and an ephemeral port. */
export async function startBenchServer(): Promise<BenchServer> {
  let served = 0;
  const server = http.createServer({ keepAliveTimeout: 60_000 }, (req, res) => {
    req.on("data", () => {});
    req.on("end", () => {
      served++;
      res.writeHead(200, HEADERS);
      res.end(RESPONSE);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    endpoint: `http://127.0.0.1:${port}`,
    count: () => served,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
