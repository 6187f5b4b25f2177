/**
 * The seams of the official client that production code plugs into, used with the real packages and checked
 * side by side with the official client: `requestHandler` (an `@smithy/node-http-handler` `NodeHttpHandler`, and
 * the `{ httpAgent, … }` shorthand), `retryStrategy` (`@smithy/util-retry`), `finalizeRequest` middleware once per
 * attempt on the signed request, and options this client does not take.
 */
import * as Official from "@aws-sdk/client-partnercentral-revenue-measurement";
import { NodeHttpHandler as SmithyNodeHttpHandler } from "@smithy/node-http-handler";
import { ConfiguredRetryStrategy } from "@smithy/util-retry";
import type { MiddlewareStack } from "@smithy/types";
import { Agent } from "node:http";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import {
  InvalidConfigurationError,
  ListRevenueAttributionsCommand,
  PartnerCentralRevenueMeasurementClient,
  PartnerCentralRevenueMeasurementError,
} from "../src/index.js";
import { cborResponse, errorResponse, startCaptureServer, type CaptureServer } from "./helpers/capture-server.js";
import { resetCaptureServer, TEST_CREDENTIALS } from "./helpers/local-client.js";

let server: CaptureServer;
beforeAll(async () => {
  server = await startCaptureServer();
  server.fallback = () => cborResponse({ RevenueAttributionSummaries: [] }, 200, { "x-amzn-requestid": "rid-seams" });
});
afterAll(() => server.close());
afterEach(() => resetCaptureServer(server));

type Which = "official" | "ours";
const both: Which[] = ["official", "ours"];

/** A client of either kind on the capture server, with `extra` options; `send` makes one ListRevenueAttributions call. */
function clientOf(which: Which, extra: Record<string, unknown> = {}) {
  const config = { endpoint: server.endpoint, region: "us-east-1", credentials: TEST_CREDENTIALS, ...extra };
  if (which === "ours") {
    const client = new PartnerCentralRevenueMeasurementClient(config as never);
    return { client, send: () => client.send(new ListRevenueAttributionsCommand({ Catalog: "AWS" })) };
  }
  const client = new Official.PartnerCentralRevenueMeasurementClient(config as never);
  return { client, send: () => client.send(new Official.ListRevenueAttributionsCommand({ Catalog: "AWS" })) };
}

/** A keep-alive agent that counts the requests given to it (node:http calls `addRequest` for each). */
function countingAgent(): { agent: Agent; count: () => number } {
  const agent = new Agent({ keepAlive: true });
  const internal = agent as unknown as { addRequest: (...args: unknown[]) => void };
  const addRequest = internal.addRequest.bind(agent);
  let requests = 0;
  internal.addRequest = (...args) => {
    requests++;
    addRequest(...args);
  };
  return { agent, count: () => requests };
}

describe("requestHandler", () => {
  it.each(both)("%s: an @smithy/node-http-handler NodeHttpHandler with its own agent sends every request", async (which) => {
    const { agent, count } = countingAgent();
    const { client, send } = clientOf(which, { requestHandler: new SmithyNodeHttpHandler({ httpAgent: agent, requestTimeout: 5_000 }) });
    const out = await send();
    expect(out.$metadata.httpStatusCode).toBe(200);
    expect(count()).toBe(1);
    expect(server.requests[0]!.headers["smithy-protocol"]).toBe("rpc-v2-cbor");
    expect(server.requests[0]!.headers.authorization).toMatch(/^AWS4-HMAC-SHA256 /);
    client.destroy();
    agent.destroy();
  });

  it.each(both)("%s: the shorthand { httpAgent } uses that agent", async (which) => {
    const { agent, count } = countingAgent();
    const { client, send } = clientOf(which, { requestHandler: { httpAgent: agent, requestTimeout: 5_000 } });
    await send();
    expect(count()).toBe(1);
    client.destroy();
    agent.destroy();
  });

  it("ours: a service error through an @smithy handler is the same typed error, with its metadata", async () => {
    server.queue.push(errorResponse("ResourceNotFoundException", 404, { Message: "no such attribution" }));
    const { send } = clientOf("ours", { requestHandler: new SmithyNodeHttpHandler(), maxAttempts: 1 });
    const error = await send().then(() => undefined, (e: unknown) => e);
    expect(error).toBeInstanceOf(PartnerCentralRevenueMeasurementError);
    expect((error as Error).name).toBe("ResourceNotFoundException");
    expect((error as { $metadata: { httpStatusCode: number } }).$metadata.httpStatusCode).toBe(404);
  });
});

describe("retryStrategy", () => {
  it.each(both)("%s: a ConfiguredRetryStrategy of 5 attempts makes 5 attempts against a failing server", async (which) => {
    server.fallback = () => errorResponse("InternalServerException", 500, { Message: "down" });
    try {
      const { send } = clientOf(which, { retryStrategy: new ConfiguredRetryStrategy(5, () => 1) });
      const error = (await send().then(() => undefined, (e: unknown) => e)) as { name: string; $metadata: { attempts: number } };
      expect(error.name).toBe("InternalServerException");
      expect(server.requests).toHaveLength(5);
      expect(error.$metadata.attempts).toBe(5);
    } finally {
      server.fallback = () => cborResponse({ RevenueAttributionSummaries: [] }, 200, { "x-amzn-requestid": "rid-seams" });
    }
  });
});

describe("finalizeRequest middleware", () => {
  it.each(both)("%s: runs once per attempt, on the signed request, with amz-sdk-request: attempt=N", async (which) => {
    server.queue.push(
      errorResponse("InternalServerException", 500, { Message: "once" }),
      errorResponse("InternalServerException", 500, { Message: "twice" }),
    );
    const { client, send } = clientOf(which, { retryStrategy: new ConfiguredRetryStrategy(3, () => 1) });
    const seen: Array<Record<string, string>> = [];
    (client.middlewareStack as MiddlewareStack<any, any>).add(
      (next) => async (args) => {
        seen.push({ ...(args.request as { headers: Record<string, string> }).headers });
        return next(args);
      },
      { step: "finalizeRequest", name: "seeEachAttempt" },
    );
    const out = await send();
    expect(out.$metadata.attempts).toBe(3);
    expect(seen).toHaveLength(3);
    seen.forEach((headers, i) => {
      expect(headers.authorization).toMatch(/^AWS4-HMAC-SHA256 /);
      expect(headers["x-amz-date"]).toMatch(/^\d{8}T\d{6}Z$/);
      expect(headers["amz-sdk-request"]).toBe(`attempt=${i + 1}; max=3`);
    });
  });
});

describe("options the client does not take", () => {
  it.each([
    [{ useDualstackEndpoint: true }, "useDualstackEndpoint"],
    [{ maxAttempt: 5 }, "maxAttempt"],
    [{ requestHandler: { httpsAgnet: {} } }, "requestHandler.httpsAgnet"],
    [{ requestHandler: { httpsAgent: 42 } }, "requestHandler.httpsAgent"],
    [{ retryStrategy: { retry: () => undefined } }, "retryStrategy"],
    [{ requestHandler: 5 }, "requestHandler"],
  ])("%j is refused when the client is built, naming %s", (config, option) => {
    const build = () => new PartnerCentralRevenueMeasurementClient(config as never);
    expect(build).toThrow(InvalidConfigurationError);
    expect(build).toThrow(new RegExp(`\\b${option.replace(".", "\\.")}\\b`));
  });
});
