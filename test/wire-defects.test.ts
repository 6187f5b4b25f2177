/**
 * Wire-level defects of issue 21, each reproduced before it was fixed:
 * a. an endpoint with a query string (sent unsigned by `fetch`, dropped by `node:http`);
 * b. an endpoint with `user:pass@` (a retried NetworkError printing the password on `fetch`, ignored on `node:http`);
 * c. a 200 CBOR response without `content-type` (the official client accepts it);
 * d. a non-CBOR front-end error carrying `x-amzn-errortype` (the type was lost).
 * (c) and (d) run the official client on the same canned response.
 */
import * as official from "@aws-sdk/client-partnercentral-revenue-measurement";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import {
  AccessDeniedException,
  GetRevenueAttributionAllocationsTaskCommand,
  InvalidConfigurationError,
  PartnerCentralRevenueMeasurementClient,
  PartnerCentralRevenueMeasurementError,
  PartnerCentralRevenueMeasurementProtocolError,
  PartnerCentralRevenueMeasurementServiceException,
  ThrottlingException,
} from "../src/index.js";
import { resolveEndpoint } from "../src/endpoints.js";
import { encodeCbor } from "../src/protocol/cbor.js";
import { parseResponse } from "../src/protocol/rpcv2-cbor.js";
import { FetchHttpHandler } from "../src/transport/fetch-http-handler.js";
import { NodeHttpHandler } from "../src/transport/node-http-handler.js";
import { startCaptureServer, type CaptureServer, type ScriptedResponse } from "./helpers/capture-server.js";
import { CREDS, GET_TASK_INPUT } from "./helpers/core-fakes.js";
import { resetCaptureServer } from "./helpers/local-client.js";

let server: CaptureServer;
beforeAll(async () => {
  server = await startCaptureServer();
});
afterAll(() => server.close());
beforeEach(() => resetCaptureServer(server));

const PASSWORD = "hunter2-s3cret";

describe("a. an endpoint with a query string", () => {
  it.each([
    ["node:http", {}],
    ["fetch", { fetch: globalThis.fetch }],
  ])("is refused when the %s client is created, naming `endpoint`", (_name, extra) => {
    const create = () =>
      new PartnerCentralRevenueMeasurementClient({ region: "us-east-1", credentials: CREDS, endpoint: `${server.endpoint}/?stage=beta`, ...extra });
    expect(create).toThrow(InvalidConfigurationError);
    expect(create).toThrow(/endpoint.*query/);
    expect(server.requests).toHaveLength(0);
  });

  it("is refused with a fragment too, and an empty `?` is refused as well", () => {
    expect(() => resolveEndpoint({ endpoint: "https://example.com/#x" })).toThrow(/endpoint.*fragment/);
    expect(() => resolveEndpoint({ endpoint: "https://example.com/base?" })).toThrow(/endpoint.*query/);
  });

  it("both transports send the path the signer signed, without a query a request may carry", async () => {
    for (const handler of [new NodeHttpHandler(), new FetchHttpHandler()]) {
      resetCaptureServer(server);
      const url = new URL(`${server.endpoint}/service/X/operation/Y?unsigned=1`);
      await handler.handle({ method: "POST", url, headers: { "content-type": "application/cbor" }, body: encodeCbor({}) });
      expect(server.requests.map((r) => r.path)).toEqual(["/service/X/operation/Y"]);
    }
  });
});

describe("b. an endpoint with user:password@", () => {
  it.each([
    ["node:http", {}],
    ["fetch", { fetch: globalThis.fetch }],
  ])("is refused when the %s client is created, without printing the password", (_name, extra) => {
    const endpoint = server.endpoint.replace("http://", `http://deploy:${PASSWORD}@`);
    let error: unknown;
    try {
      new PartnerCentralRevenueMeasurementClient({ region: "us-east-1", credentials: CREDS, endpoint, ...extra });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(InvalidConfigurationError);
    expect(error).toBeInstanceOf(PartnerCentralRevenueMeasurementError);
    const text = `${(error as Error).message} ${(error as Error).stack} ${JSON.stringify(error)}`;
    expect((error as Error).message).toMatch(/endpoint.*user name or password/);
    expect(text).not.toContain(PASSWORD);
    expect(text).not.toContain("deploy");
    expect(server.requests).toHaveLength(0);
  });

  it("neither transport sends or prints credentials a request URL may carry", async () => {
    for (const handler of [new NodeHttpHandler(), new FetchHttpHandler()]) {
      resetCaptureServer(server);
      const url = new URL(`${server.endpoint.replace("http://", `http://deploy:${PASSWORD}@`)}/service/X/operation/Y`);
      const outcome = await handler
        .handle({ method: "POST", url, headers: { "content-type": "application/cbor" }, body: encodeCbor({}) })
        .catch((e: Error) => e);
      expect(outcome).not.toBeInstanceOf(Error);
      expect(server.requests).toHaveLength(1);
      expect(server.requests[0]!.headers.authorization).toBeUndefined();
    }
  });

  it("a user name alone is refused too", () => {
    expect(() => resolveEndpoint({ endpoint: "https://deploy@example.com" })).toThrow(/endpoint.*user name or password/);
  });

  it("a malformed endpoint with credentials is reported without them", () => {
    let message = "";
    try {
      resolveEndpoint({ endpoint: `https://deploy:${PASSWORD}@[::1` });
    } catch (e) {
      message = (e as Error).message;
    }
    expect(message).toMatch(/endpoint .* is not a URL/);
    expect(message).not.toContain(PASSWORD);
  });
});

// ---------------------------------------------------------------- (c) and (d): both clients on one canned response

let theirs: official.PartnerCentralRevenueMeasurementClient;
let mine: PartnerCentralRevenueMeasurementClient;
beforeAll(() => {
  theirs = new official.PartnerCentralRevenueMeasurementClient({ region: "us-east-1", endpoint: server.endpoint, credentials: CREDS, maxAttempts: 1 });
  mine = new PartnerCentralRevenueMeasurementClient({ region: "us-east-1", endpoint: server.endpoint, credentials: CREDS, maxAttempts: 1 });
});
afterAll(() => {
  theirs.destroy();
  mine.destroy();
});

async function both(response: ScriptedResponse): Promise<{ official: unknown; ours: unknown }> {
  server.queue.push(response);
  const officialResult = await theirs.send(new official.GetRevenueAttributionAllocationsTaskCommand(GET_TASK_INPUT)).catch((e: unknown) => e);
  server.queue.push(response);
  const ourResult = await mine.send(new GetRevenueAttributionAllocationsTaskCommand(GET_TASK_INPUT)).catch((e: unknown) => e);
  return { official: officialResult, ours: ourResult };
}

const TASK = {
  TaskId: "raatask-abcdefghij123",
  Status: "IN_PROGRESS",
  Catalog: "AWS",
  RevenueAttributionArn: "arn:aws:partnercentral:us-east-1:123456789012:catalog/AWS/revenue-attribution/ra-abcdefghij123",
  StartedAt: new Date(1_767_225_600_000),
  TotalRevenueAttributionAllocationRecords: 3,
};

describe("c. a CBOR response without content-type", () => {
  it.each([
    ["with", { "smithy-protocol": "rpc-v2-cbor" }],
    ["without", {}],
  ])("is read as CBOR, as the official client reads it (%s smithy-protocol)", async (_how, headers) => {
    const { official: o, ours } = await both({ status: 200, headers, body: Buffer.from(encodeCbor(TASK)) });
    expect(o).not.toBeInstanceOf(Error);
    expect(ours).not.toBeInstanceOf(Error);
    const { $metadata: _a, ...officialOutput } = o as Record<string, unknown>;
    const { $metadata: _b, ...ourOutput } = ours as Record<string, unknown>;
    expect(ourOutput).toEqual(officialOutput);
    expect(ourOutput).toEqual(TASK);
  });

  it("an error without content-type is read as CBOR too", async () => {
    const body = encodeCbor({ __type: "com.amazonaws.partnercentralrevenuemeasurement#AccessDeniedException", Message: "no", Reason: "ACCESS_DENIED" });
    const { official: o, ours } = await both({ status: 403, headers: {}, body: Buffer.from(body) });
    expect((o as Error).name).toBe("AccessDeniedException");
    expect(ours).toBeInstanceOf(AccessDeniedException);
    expect((ours as AccessDeniedException).Reason).toBe("ACCESS_DENIED");
  });

  it("a body without content-type that is not CBOR stays a protocol error", () => {
    const result = parseResponse(
      { statusCode: 200, headers: {}, body: new TextEncoder().encode("<html>hi</html>") },
      { httpStatusCode: 200, attempts: 1, totalRetryDelay: 0 },
    );
    expect("error" in result && result.error).toBeInstanceOf(PartnerCentralRevenueMeasurementProtocolError);
  });
});

describe("d. a front-end error naming its type in x-amzn-errortype", () => {
  // The official client (rpcv2Cbor) reads the type from the CBOR body only: on an HTML or JSON body it throws a
  // generic deserialization Error. Ours keeps the header's type, as the official JSON protocols do.
  it("an HTML 429 becomes a retryable ThrottlingException", async () => {
    const { official: o, ours } = await both({
      status: 429,
      headers: { "content-type": "text/html", "x-amzn-errortype": "ThrottlingException:http://internal.amazon.com/coral/com.amazon.coral.availability/" },
      body: "<html><body>Rate exceeded</body></html>",
    });
    expect(o).toBeInstanceOf(Error);
    expect(ours).toBeInstanceOf(ThrottlingException);
    expect((ours as ThrottlingException).name).toBe("ThrottlingException");
    expect((ours as ThrottlingException).$retryable).toBe(true);
    expect((ours as Error).message).toContain("Rate exceeded");
  });

  it("a JSON 403 becomes an AccessDeniedException with the JSON message", async () => {
    const { ours } = await both({
      status: 403,
      headers: { "content-type": "application/json", "x-amzn-errortype": "AccessDeniedException" },
      body: '{"message":"User: arn:aws:iam::123456789012:user/x is not authorized"}',
    });
    expect(ours).toBeInstanceOf(AccessDeniedException);
    expect((ours as Error).message).toContain("is not authorized");
    expect((ours as Error).message).not.toContain("123456789012");
  });

  it("a type this SDK does not know keeps the header's name", async () => {
    const { ours } = await both({
      status: 403,
      headers: { "content-type": "application/json", "x-amzn-errortype": "UnrecognizedClientException:http://internal.amazon.com/coral/" },
      body: '{"message":"The security token included in the request is invalid."}',
    });
    expect(ours).toBeInstanceOf(PartnerCentralRevenueMeasurementServiceException);
    expect((ours as Error).name).toBe("UnrecognizedClientException");
    expect((ours as Error).message).toContain("security token");
  });

  it("the CBOR body's __type wins over the header, as in the official client", async () => {
    const body = encodeCbor({ __type: "com.amazonaws.partnercentralrevenuemeasurement#AccessDeniedException", Message: "no" });
    const { official: o, ours } = await both({
      status: 403,
      headers: { "content-type": "application/cbor", "x-amzn-errortype": "ThrottlingException" },
      body: Buffer.from(body),
    });
    expect((o as Error).name).toBe("AccessDeniedException");
    expect(ours).toBeInstanceOf(AccessDeniedException);
  });

  it("a header that is not a type name is ignored", () => {
    const result = parseResponse(
      { statusCode: 502, headers: { "content-type": "text/html", "x-amzn-errortype": "<script>alert(1)</script>" }, body: new TextEncoder().encode("<html>bad gateway</html>") },
      { httpStatusCode: 502, attempts: 1, totalRetryDelay: 0 },
    );
    expect("error" in result && result.error).toBeInstanceOf(PartnerCentralRevenueMeasurementProtocolError);
  });
});
