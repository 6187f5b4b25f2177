// bench/handlers/ours.ts with the transport replaced by a canned response (the bench server's bytes): this
// package's own work per request (validation, CBOR both ways, signing, retry bookkeeping), without node:http.
// For profiling and A/B runs of the pipeline; not part of `npm run bench`'s figures.
import {
  CreateMarketplaceRevenueShareAllocationCommand,
  PartnerCentralRevenueMeasurementClient,
  type RequestHandlerOption,
} from "partnercentral-revenue-measurement";
import { encodeCbor } from "../../src/protocol/cbor.js";
import { OWN_HTTP_HANDLER } from "../../src/transport/types.js";
import { ALLOCATION_OUTPUT } from "../server.js";

const body = encodeCbor(ALLOCATION_OUTPUT);
const headers = { "content-type": "application/cbor", "smithy-protocol": "rpc-v2-cbor", "x-amzn-requestid": "bench-request-id" };
const requestHandler = {
  [OWN_HTTP_HANDLER]: true as const,
  handle: () => Promise.resolve({ statusCode: 200, headers: { ...headers }, body: body.slice() }),
};
// The built package declares its own copy of the marker symbol's type: the same symbol at run time.
const client = new PartnerCentralRevenueMeasurementClient({ endpoint: "http://127.0.0.1:1", requestHandler: requestHandler as unknown as RequestHandlerOption });

export const handler = async (): Promise<string | undefined> => {
  const out = await client.send(
    new CreateMarketplaceRevenueShareAllocationCommand({
      Catalog: "AWS",
      ProductId: "prod-abc123def4567",
      EffectiveFrom: "2026-07-01",
      RevenueSharePercent: "15.50",
    }),
  );
  return out.MarketplaceRevenueShareAllocationId;
};
