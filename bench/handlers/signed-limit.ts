// "The limit, signed": the bench's bare node:http POST (the limit) with SigV4 added, signed by this package's
// signer on node:crypto, plus an invocation id from randomUUID. No validation, no CBOR, no retries, no
// middleware: a floor for any client that signs its requests with node:crypto. Bundled by bench/run.ts.
import { randomUUID } from "node:crypto";
import { request } from "node:http";
import { createSigner } from "../../src/auth/signer.js";

const url = new URL(`${process.env.BENCH_ENDPOINT}/service/PartnerCentralRevenueMeasurement/operation/CreateMarketplaceRevenueShareAllocation`);
const credentials = {
  accessKeyId: process.env.AWS_ACCESS_KEY_ID!,
  secretAccessKey: process.env.AWS_SECRET_ACCESS_KEY!,
  sessionToken: process.env.AWS_SESSION_TOKEN,
};
const sign = createSigner(process.env.AWS_REGION!, () => Promise.resolve(credentials));
const body = new Uint8Array([0xa0]); // an empty CBOR map, as the limit sends

export const handler = async (): Promise<string> => {
  const headers = await sign(
    {
      method: "POST",
      url,
      headers: {
        "content-type": "application/cbor",
        "content-length": "1",
        "smithy-protocol": "rpc-v2-cbor",
        "amz-sdk-invocation-id": randomUUID(),
      },
      body,
    },
    new Date(),
  );
  return new Promise((resolve, reject) => {
    // The headers as a flat [name, value, ...] list, the cheapest form node:http takes (this package passes an
    // object, which HTTP instrumentations need), so the limit stays a floor.
    const req = request(url, { method: "POST", headers: Object.entries(headers).flat() }, (res) => {
      res.on("data", () => {});
      res.on("end", () => resolve("mrsa-BENCH00000001"));
    });
    req.on("error", reject);
    req.end(body);
  });
};
