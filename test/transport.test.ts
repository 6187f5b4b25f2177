/**
 * Both HTTP paths over real sockets on 127.0.0.1: the default `node:http`
 * handler and the fetch (ky) handler chosen by the `fetch` option. Timeouts,
 * resets, truncated bodies, refused connections and abort. Delays are tens of
 * milliseconds; every server is closed at the end.
 */
import * as http from "node:http";
import type { AddressInfo } from "node:net";
import { http as mswHttp, HttpResponse } from "msw";
import { setupServer } from "msw/node";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import {
  AbortError,
  CreateMarketplaceRevenueShareAllocationCommand,
  FetchHttpHandler,
  GetRevenueAttributionAllocationsTaskCommand,
  NetworkError,
  NodeHttpHandler,
  PartnerCentralRevenueMeasurementClient,
  PartnerCentralRevenueMeasurementProtocolError,
  ValidationException,
  type HttpHandler,
  type PartnerCentralRevenueMeasurementClientConfig,
} from "../src/index.js";
import { decodeCbor, encodeCbor } from "../src/protocol/cbor.js";
import { buildRequest } from "../src/protocol/rpcv2-cbor.js";
import { OWN_HTTP_HANDLER } from "../src/transport/types.js";
import { ALLOCATION_OUTPUT, CREATE_INPUT, CREDS, GET_TASK_INPUT } from "./helpers/core-fakes.js";

type Behaviour = (req: http.IncomingMessage, res: http.ServerResponse, body: Buffer) => void;

interface TestServer {
  endpoint: string;
  hits: Array<{ path: string; headers: http.IncomingHttpHeaders; body: unknown }>;
  behave: Behaviour[];
  close(): Promise<void>;
}

function reply(res: http.ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const payload = Buffer.from(encodeCbor(body));
  res.writeHead(status, { "content-type": "application/cbor", "content-length": payload.length, ...headers });
  res.end(payload);
}

const ok: Behaviour = (_req, res) => reply(res, 200, ALLOCATION_OUTPUT, { "x-amzn-requestid": "rid-ok" });

async function startServer(): Promise<TestServer> {
  const state: TestServer = { endpoint: "", hits: [], behave: [], close: async () => {} };
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const body = Buffer.concat(chunks);
      state.hits.push({ path: req.url ?? "", headers: req.headers, body: body.length ? decodeCbor(new Uint8Array(body)) : undefined });
      const behaviour = state.behave.shift() ?? ok;
      behaviour(req, res, body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  state.endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  state.close = () =>
    new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    });
  return state;
}

let server: TestServer;
beforeAll(async () => {
  server = await startServer();
});
afterAll(() => server.close());
afterEach(() => {
  server.hits.length = 0;
  server.behave.length = 0;
});

const PATHS: Array<[string, Partial<PartnerCentralRevenueMeasurementClientConfig>]> = [
  ["node:http (default)", {}],
  ["fetch via ky", { fetch: (input, init) => globalThis.fetch(input, init) }],
];

describe.each(PATHS)("%s", (_name, handlerConfig) => {
  const clients: PartnerCentralRevenueMeasurementClient[] = [];
  const make = (config: PartnerCentralRevenueMeasurementClientConfig = {}) => {
    const client = new PartnerCentralRevenueMeasurementClient({
      region: "us-east-1",
      endpoint: server.endpoint,
      credentials: CREDS,
      ...handlerConfig,
      ...config,
    });
    clients.push(client);
    return client;
  };
  afterAll(() => clients.forEach((c) => c.destroy()));

  it("sends the RPC v2 CBOR request and parses the response", async () => {
    const out = await make().send(new CreateMarketplaceRevenueShareAllocationCommand({ ...CREATE_INPUT, ClientToken: "tok-1" }));
    expect(out).toEqual({ ...ALLOCATION_OUTPUT, $metadata: { httpStatusCode: 200, requestId: "rid-ok", attempts: 1, totalRetryDelay: 0 } });
    const hit = server.hits[0]!;
    expect(hit.path).toBe("/service/PartnerCentralRevenueMeasurement/operation/CreateMarketplaceRevenueShareAllocation");
    expect(hit.headers["smithy-protocol"]).toBe("rpc-v2-cbor");
    expect(hit.headers["content-type"]).toBe("application/cbor");
    expect(hit.headers.accept).toBe("application/cbor");
    expect(hit.headers["x-amz-target"]).toBeUndefined();
    expect(hit.headers["content-length"]).toBe(String(encodeCbor({ ...CREATE_INPUT, ClientToken: "tok-1" }).length));
    expect(hit.headers.authorization).toMatch(/^AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE\/\d{8}\/us-east-1\/partnercentral\/aws4_request, SignedHeaders=[^,]*host[^,]*, Signature=[0-9a-f]{64}$/);
    expect(hit.body).toEqual({ ...CREATE_INPUT, ClientToken: "tok-1" });
  });

  it("parses a service error", async () => {
    server.behave.push((_req, res) =>
      reply(res, 400, { __type: "com.amazonaws.partnercentralrevenuemeasurement#ValidationException", Message: "no", Reason: "REQUEST_VALIDATION_FAILED" }, { "x-amzn-requestid": "rid-bad" }),
    );
    const error = await make().send(new GetRevenueAttributionAllocationsTaskCommand(GET_TASK_INPUT)).catch((e) => e);
    expect(error).toBeInstanceOf(ValidationException);
    expect(error.$metadata).toEqual({ httpStatusCode: 400, requestId: "rid-bad", attempts: 1, totalRetryDelay: 0 });
  });

  it("retries after a connection reset and then succeeds", async () => {
    server.behave.push((req) => req.socket.destroy());
    const out = await make().send(new GetRevenueAttributionAllocationsTaskCommand(GET_TASK_INPUT));
    expect(out.$metadata.attempts).toBe(2);
    expect(server.hits).toHaveLength(2);
  });

  it("reports a reset as a NetworkError when attempts run out", async () => {
    server.behave.push((req) => req.socket.destroy());
    const error = await make({ maxAttempts: 1 }).send(new GetRevenueAttributionAllocationsTaskCommand(GET_TASK_INPUT)).catch((e) => e);
    expect(error).toBeInstanceOf(NetworkError);
    expect(error.$retryable).toBe(true);
    expect(error.$metadata.attempts).toBe(1);
  });

  it("treats a body cut short by a closed connection as a network failure", async () => {
    server.behave.push((_req, res) => {
      res.writeHead(200, { "content-type": "application/cbor", "content-length": "500" });
      res.write(Buffer.from(encodeCbor(ALLOCATION_OUTPUT)).subarray(0, 30));
      setTimeout(() => res.socket?.destroy(), 5);
    });
    const error = await make({ maxAttempts: 1 }).send(new GetRevenueAttributionAllocationsTaskCommand(GET_TASK_INPUT)).catch((e) => e);
    expect(error).toBeInstanceOf(NetworkError);
  }, 5000);

  it("times out an attempt that gets no response, then retries", async () => {
    server.behave.push(() => {}, () => {}); // never answer
    const started = Date.now();
    const error = await make({ requestTimeoutMs: 50, maxAttempts: 2 })
      .send(new GetRevenueAttributionAllocationsTaskCommand(GET_TASK_INPUT))
      .catch((e) => e);
    expect(error).toBeInstanceOf(NetworkError);
    expect(error.code).toBe("TimeoutError");
    expect(error.$metadata.attempts).toBe(2);
    expect(server.hits).toHaveLength(2);
    expect(Date.now() - started).toBeLessThan(5000);
  }, 5000);

  it("times out a response whose body stalls after the headers", async () => {
    server.behave.push((_req, res) => {
      res.writeHead(200, { "content-type": "application/cbor", "content-length": "500" });
      res.write(Buffer.from([0xa1]));
    });
    const error = await make({ requestTimeoutMs: 100, maxAttempts: 1 })
      .send(new GetRevenueAttributionAllocationsTaskCommand(GET_TASK_INPUT))
      .catch((e) => e);
    expect(error).toBeInstanceOf(NetworkError);
    expect(error.code).toBe("TimeoutError");
  }, 5000);

  it("a per-call timeout overrides the client's", async () => {
    server.behave.push(() => {});
    const error = await make({ requestTimeoutMs: 60_000, maxAttempts: 1 })
      .send(new GetRevenueAttributionAllocationsTaskCommand(GET_TASK_INPUT), { requestTimeoutMs: 30 })
      .catch((e) => e);
    expect(error.code).toBe("TimeoutError");
  });

  it("aborts an in-flight request at once and does not retry it", async () => {
    server.behave.push(() => {});
    const ac = new AbortController();
    const p = make().send(new GetRevenueAttributionAllocationsTaskCommand(GET_TASK_INPUT), { abortSignal: ac.signal }).catch((e) => e);
    await vi.waitFor(() => expect(server.hits).toHaveLength(1));
    ac.abort();
    expect(await p).toBeInstanceOf(AbortError);
    expect(server.hits).toHaveLength(1);
  });

  it("aborts during a stalled body", async () => {
    server.behave.push((_req, res) => {
      res.writeHead(200, { "content-type": "application/cbor", "content-length": "500" });
      res.write(Buffer.from([0xa1]));
    });
    const ac = new AbortController();
    const p = make().send(new GetRevenueAttributionAllocationsTaskCommand(GET_TASK_INPUT), { abortSignal: ac.signal }).catch((e) => e);
    await vi.waitFor(() => expect(server.hits).toHaveLength(1));
    await new Promise((r) => setTimeout(r, 20));
    ac.abort();
    expect(await p).toBeInstanceOf(AbortError);
  }, 5000);

  it("turns an HTML page from a proxy into a protocol error naming the status", async () => {
    const html: Behaviour = (_req, res) => {
      res.writeHead(502, { "content-type": "text/html" });
      res.end("<html><body><h1>502 Bad Gateway</h1></body></html>");
    };
    server.behave.push(html, html);
    const error = await make({ maxAttempts: 2 }).send(new GetRevenueAttributionAllocationsTaskCommand(GET_TASK_INPUT)).catch((e) => e);
    expect(error).toBeInstanceOf(PartnerCentralRevenueMeasurementProtocolError);
    expect(error.message).toContain("HTTP 502");
    expect(error.$metadata.attempts).toBe(2);
  });

  it("accepts an empty 200 body and a chunked response", async () => {
    server.behave.push((_req, res) => {
      res.writeHead(200, { "content-type": "application/cbor" });
      res.end();
    });
    server.behave.push((_req, res) => {
      const payload = Buffer.from(encodeCbor(ALLOCATION_OUTPUT));
      res.writeHead(200, { "content-type": "application/cbor", "transfer-encoding": "chunked" });
      res.write(payload.subarray(0, 10));
      setTimeout(() => res.end(payload.subarray(10)), 5);
    });
    const client = make();
    expect((await client.send(new GetRevenueAttributionAllocationsTaskCommand(GET_TASK_INPUT))).$metadata.httpStatusCode).toBe(200);
    expect(await client.send(new GetRevenueAttributionAllocationsTaskCommand(GET_TASK_INPUT))).toMatchObject(ALLOCATION_OUTPUT);
  });

  it("reports a refused connection as a NetworkError", async () => {
    const closed = await startServer();
    await closed.close();
    const client = new PartnerCentralRevenueMeasurementClient({
      region: "us-east-1",
      endpoint: closed.endpoint,
      credentials: CREDS,
      maxAttempts: 1,
      ...handlerConfig,
    });
    const error = await client.send(new GetRevenueAttributionAllocationsTaskCommand(GET_TASK_INPUT)).catch((e) => e);
    client.destroy();
    expect(error).toBeInstanceOf(NetworkError);
  });

  it("serves many sequential requests over pooled connections", async () => {
    const client = make();
    for (let i = 0; i < 20; i++) await client.send(new GetRevenueAttributionAllocationsTaskCommand(GET_TASK_INPUT));
    expect(server.hits).toHaveLength(20);
  });
});

describe("handler selection", () => {
  it("uses the given fetch when the fetch option is set", async () => {
    const fetchSpy = vi.fn((input: Request | string | URL, init?: RequestInit) => globalThis.fetch(input, init));
    const client = new PartnerCentralRevenueMeasurementClient({ region: "us-east-1", endpoint: server.endpoint, credentials: CREDS, fetch: fetchSpy });
    await client.send(new GetRevenueAttributionAllocationsTaskCommand(GET_TASK_INPUT));
    expect(fetchSpy).toHaveBeenCalledTimes(1);
    expect(server.hits).toHaveLength(1);
  });

  it("does not touch fetch on the default path", async () => {
    const fetchSpy = vi.spyOn(globalThis, "fetch");
    const client = new PartnerCentralRevenueMeasurementClient({ region: "us-east-1", endpoint: server.endpoint, credentials: CREDS });
    await client.send(new GetRevenueAttributionAllocationsTaskCommand(GET_TASK_INPUT));
    client.destroy();
    expect(fetchSpy).not.toHaveBeenCalled();
    fetchSpy.mockRestore();
  });

  it("a custom requestHandler wins over fetch", async () => {
    const handler = { [OWN_HTTP_HANDLER]: true as const, handle: vi.fn(async () => ({ statusCode: 200, headers: {}, body: new Uint8Array() })) };
    const fetchSpy = vi.fn();
    const client = new PartnerCentralRevenueMeasurementClient({ credentials: CREDS, requestHandler: handler, fetch: fetchSpy });
    await client.send(new GetRevenueAttributionAllocationsTaskCommand(GET_TASK_INPUT));
    expect(handler.handle).toHaveBeenCalledTimes(1);
    expect(fetchSpy).not.toHaveBeenCalled();
  });
});

describe("handlers used directly", () => {
  const request = () => buildRequest(new URL(server.endpoint), "GetRevenueAttributionAllocationsTask", GET_TASK_INPUT);

  it.each([
    ["NodeHttpHandler", () => new NodeHttpHandler()],
    ["FetchHttpHandler", () => new FetchHttpHandler()],
  ])("%s returns status, lower-cased headers and the raw body", async (_name, make) => {
    server.behave.push((_req, res) => reply(res, 201, { A: 1 }, { "X-Amzn-RequestId": "RID" }));
    const handler: HttpHandler = make();
    const response = await handler.handle(request(), {});
    handler.destroy?.();
    expect(response.statusCode).toBe(201);
    expect(response.headers["x-amzn-requestid"]).toBe("RID");
    expect(response.headers["content-type"]).toBe("application/cbor");
    expect(decodeCbor(response.body)).toEqual({ A: 1 });
  });

  it.each([
    ["NodeHttpHandler", () => new NodeHttpHandler()],
    ["FetchHttpHandler", () => new FetchHttpHandler()],
  ])("%s rejects at once with an already-aborted signal", async (_name, make) => {
    await expect(make().handle(request(), { abortSignal: AbortSignal.abort() })).rejects.toBeInstanceOf(AbortError);
    expect(server.hits).toHaveLength(0);
  });
});

describe("fetch handler with msw", () => {
  const mock = setupServer();
  beforeAll(() => mock.listen({ onUnhandledRequest: "error" }));
  afterEach(() => mock.resetHandlers());
  afterAll(() => mock.close());

  const client = () =>
    new PartnerCentralRevenueMeasurementClient({
      region: "us-east-1",
      endpoint: "https://prm.test",
      credentials: CREDS,
      fetch: (input, init) => globalThis.fetch(input, init),
      maxAttempts: 2,
    });

  it("round-trips a CBOR request and response", async () => {
    let seen: unknown;
    mock.use(
      mswHttp.post("https://prm.test/service/PartnerCentralRevenueMeasurement/operation/GetRevenueAttributionAllocationsTask", async ({ request }) => {
        seen = decodeCbor(new Uint8Array(await request.arrayBuffer()));
        return new HttpResponse(encodeCbor({ TaskId: "raatask-abcdefghij123", StartedAt: new Date(1_767_225_600_000) }), {
          headers: { "content-type": "application/cbor", "x-amzn-requestid": "msw-1" },
        });
      }),
    );
    const out = await client().send(new GetRevenueAttributionAllocationsTaskCommand(GET_TASK_INPUT));
    expect(seen).toEqual(GET_TASK_INPUT);
    expect(out.StartedAt).toEqual(new Date(1_767_225_600_000));
    expect(out.$metadata.requestId).toBe("msw-1");
  });

  it("maps a network error to NetworkError and retries it", async () => {
    let calls = 0;
    mock.use(
      mswHttp.post("https://prm.test/*", () => {
        calls++;
        return HttpResponse.error();
      }),
    );
    const error = await client().send(new GetRevenueAttributionAllocationsTaskCommand(GET_TASK_INPUT)).catch((e) => e);
    expect(error).toBeInstanceOf(NetworkError);
    expect(calls).toBe(2);
  });
});
