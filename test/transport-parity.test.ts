/**
 * Both transports (`node:http` and `fetch` through ky) behave the same on
 * hostile responses, over real sockets on 127.0.0.1:
 * - a body over the 16 MiB cap is refused while it streams in (the server is
 *   stopped by back-pressure long before 256 MiB), with a NetworkError
 *   `EBODYTOOLARGE` that is not retried;
 * - a redirect is not followed: a typed, non-retried protocol error, and the
 *   target never sees the signed request.
 * And a hanging credentials provider does not hang a call: abort and the
 * request timeout bound it (fake timers for the timeout).
 */
import * as http from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it, vi } from "vitest";
import {
  AbortError,
  CredentialsUnavailableError,
  GetRevenueAttributionAllocationsTaskCommand,
  NetworkError,
  PartnerCentralRevenueMeasurementClient,
  PartnerCentralRevenueMeasurementProtocolError,
} from "../src/index.js";
import { MAX_RESPONSE_BODY_BYTES } from "../src/errors.js";
import { CREDS, FakeHandler, GET_TASK_INPUT, cbor } from "./helpers/core-fakes.js";

const MiB = 1024 * 1024;

interface HostileServer {
  endpoint: string;
  requests: number;
  /** Body bytes the server managed to hand to its socket. */
  bytesWritten: number;
  close(): Promise<void>;
}

async function startHostile(respond: (res: http.ServerResponse, server: HostileServer) => void): Promise<HostileServer> {
  const state: HostileServer = { endpoint: "", requests: 0, bytesWritten: 0, close: async () => {} };
  const server = http.createServer((req, res) => {
    req.resume();
    req.on("end", () => {
      state.requests++;
      respond(res, state);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  state.endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  state.close = () =>
    new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
    });
  return state;
}

/** Streams `total` bytes of zeros in 1 MiB chunks, honouring back-pressure; stops when the client goes away. */
function streamZeros(total: number, declare: boolean) {
  return (res: http.ServerResponse, server: HostileServer): void => {
    res.writeHead(200, { "content-type": "application/cbor", ...(declare ? { "content-length": String(total) } : {}) });
    const chunk = Buffer.alloc(MiB);
    let sent = 0;
    const pump = (): void => {
      while (sent < total && !res.destroyed) {
        sent += chunk.length;
        server.bytesWritten += chunk.length;
        if (!res.write(chunk)) {
          res.once("drain", pump);
          return;
        }
      }
      if (!res.destroyed) res.end();
    };
    res.on("close", () => res.removeAllListeners("drain"));
    pump();
  };
}

const transports = [
  ["node:http", {}],
  ["fetch (ky)", { fetch: globalThis.fetch }],
] as const;

const servers: HostileServer[] = [];
const clients: PartnerCentralRevenueMeasurementClient[] = [];
afterEach(async () => {
  vi.useRealTimers();
  for (const c of clients.splice(0)) c.destroy();
  for (const s of servers.splice(0)) await s.close();
});

function clientFor(endpoint: string, extra: object = {}) {
  const client = new PartnerCentralRevenueMeasurementClient({ endpoint, region: "us-east-1", credentials: CREDS, maxAttempts: 3, ...extra });
  clients.push(client);
  return client;
}

async function failure(p: Promise<unknown>): Promise<Error> {
  return p.then(
    () => {
      throw new Error("expected a rejection");
    },
    (e: Error) => e,
  );
}

describe.each(transports)("%s transport", (_name, extra) => {
  it.each([
    ["streamed without a length", false],
    ["with its content-length", true],
  ])("refuses a 256 MiB body %s once 16 MiB arrived, and does not retry it", async (_how, declare) => {
    const server = await startHostile(streamZeros(256 * MiB, declare));
    servers.push(server);
    const error = await failure(clientFor(server.endpoint, extra).send(new GetRevenueAttributionAllocationsTaskCommand(GET_TASK_INPUT)));
    expect(error).toBeInstanceOf(NetworkError);
    expect(error).toMatchObject({ code: "EBODYTOOLARGE", $retryable: false });
    expect((error as NetworkError).$metadata.attempts).toBe(1);
    expect(server.requests).toBe(1);
    // Back-pressure stopped the server: it never got to write anywhere near 256 MiB.
    expect(server.bytesWritten).toBeLessThan(MAX_RESPONSE_BODY_BYTES + 48 * MiB);
  });

  it("reads a body just under the cap", async () => {
    const server = await startHostile((res) => {
      const { body } = cbor({ TaskId: "x".repeat(MAX_RESPONSE_BODY_BYTES - 64) });
      res.writeHead(200, { "content-type": "application/cbor" });
      res.end(Buffer.from(body));
    });
    servers.push(server);
    const out = await clientFor(server.endpoint, { ...extra, validation: false }).send(
      new GetRevenueAttributionAllocationsTaskCommand(GET_TASK_INPUT),
    );
    expect(out.TaskId).toHaveLength(MAX_RESPONSE_BODY_BYTES - 64);
  });

  it.each([301, 302, 307, 308])("does not follow a %i redirect: a typed error, not retried", async (status) => {
    const target = await startHostile((res) => res.end());
    servers.push(target);
    const server = await startHostile((res) => {
      res.writeHead(status, { location: `${target.endpoint}/elsewhere?X-Amz-Security-Token=secret` });
      res.end();
    });
    servers.push(server);
    const error = await failure(clientFor(server.endpoint, extra).send(new GetRevenueAttributionAllocationsTaskCommand(GET_TASK_INPUT)));
    expect(error).toBeInstanceOf(PartnerCentralRevenueMeasurementProtocolError);
    const protocolError = error as PartnerCentralRevenueMeasurementProtocolError;
    expect(protocolError.$response.statusCode).toBe(status);
    expect(protocolError.$retryable).toBe(false);
    expect(protocolError.message).toBe(`HTTP ${status} redirect to ${target.endpoint}/elsewhere: redirects are not followed`);
    expect(protocolError.message).not.toContain("secret");
    expect(server.requests).toBe(1);
    expect(target.requests).toBe(0);
  });
});

describe("credential resolution is bounded by the call", () => {
  const hanging = () => new Promise<never>(() => {});

  it("abortSignal ends a call whose credentials provider hangs", async () => {
    const handler = new FakeHandler([cbor({})]);
    const client = new PartnerCentralRevenueMeasurementClient({ region: "us-east-1", credentials: hanging, requestHandler: handler });
    const controller = new AbortController();
    const pending = failure(client.send(new GetRevenueAttributionAllocationsTaskCommand(GET_TASK_INPUT), { abortSignal: controller.signal }));
    await new Promise((r) => setImmediate(r));
    controller.abort(new Error("caller gave up"));
    const error = await pending;
    expect(error).toBeInstanceOf(AbortError);
    expect((error as Error & { cause?: Error }).cause?.message).toBe("caller gave up");
    expect(handler.requests).toHaveLength(0);
  });

  it("requestTimeoutMs ends it with CredentialsUnavailableError, not retried", async () => {
    vi.useFakeTimers();
    let calls = 0;
    const handler = new FakeHandler([cbor({})]);
    const client = new PartnerCentralRevenueMeasurementClient({
      region: "us-east-1",
      credentials: () => {
        calls++;
        return hanging();
      },
      requestHandler: handler,
      requestTimeoutMs: 2_000,
    });
    const pending = failure(client.send(new GetRevenueAttributionAllocationsTaskCommand(GET_TASK_INPUT)));
    await vi.advanceTimersByTimeAsync(1_999);
    let settled = false;
    void pending.then(() => (settled = true));
    await vi.advanceTimersByTimeAsync(0);
    expect(settled).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    const error = await pending;
    expect(error).toBeInstanceOf(CredentialsUnavailableError);
    expect(error.message).toContain("2000 ms");
    expect(calls).toBe(1);
    expect(handler.requests).toHaveLength(0);
  });

  it("a provider that rejects with a falsy value fails the call instead of hanging it", async () => {
    const handler = new FakeHandler([cbor({})]);
    const client = new PartnerCentralRevenueMeasurementClient({
      region: "us-east-1",
      credentials: () => Promise.reject(undefined), // eslint-disable-line prefer-promise-reject-errors
      requestHandler: handler,
      requestTimeoutMs: 60_000,
    });
    const outcome = await Promise.race([
      client.send(new GetRevenueAttributionAllocationsTaskCommand(GET_TASK_INPUT)).then(
        () => "resolved",
        (e: unknown) => ({ rejectedWith: e }),
      ),
      new Promise((r) => setTimeout(() => r("still pending"), 2_000)),
    ]);
    expect(outcome).toMatchObject({ rejectedWith: expect.any(CredentialsUnavailableError) });
    expect(handler.requests).toHaveLength(0);
  });

  it("a provider's failure (the credential chain's CredentialsProviderError) is CredentialsUnavailableError with it as cause", async () => {
    const handler = new FakeHandler([cbor({})]);
    class CredentialsProviderError extends Error {
      override name = "CredentialsProviderError";
    }
    const chainError = new CredentialsProviderError("Could not load credentials from any providers");
    const client = new PartnerCentralRevenueMeasurementClient({
      region: "us-east-1",
      credentials: () => Promise.reject(chainError),
      requestHandler: handler,
    });
    const error = await client.send(new GetRevenueAttributionAllocationsTaskCommand(GET_TASK_INPUT)).then(
      () => undefined,
      (e: unknown) => e as CredentialsUnavailableError,
    );
    expect(error).toBeInstanceOf(CredentialsUnavailableError);
    expect(error?.message).toContain("Could not load credentials from any providers");
    expect(error?.cause).toBe(chainError);
    expect(handler.requests).toHaveLength(0);
  });

  /** A client whose credentials provider resolves to `result`, counting its calls; one empty CBOR answer queued. */
  const withProvider = (result: object) => {
    const provider = { calls: 0 };
    const handler = new FakeHandler([cbor({})]);
    const client = new PartnerCentralRevenueMeasurementClient({
      region: "us-east-1",
      credentials: async () => {
        provider.calls++;
        return result as typeof CREDS;
      },
      requestHandler: handler,
    });
    return { client, handler, provider };
  };

  it("a provider that returns no keys fails the call with CredentialsUnavailableError, sends nothing, no retry", async () => {
    const { client, handler, provider } = withProvider({ accessKeyId: "AKIDEXAMPLE" });
    const error = await client.send(new GetRevenueAttributionAllocationsTaskCommand(GET_TASK_INPUT)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CredentialsUnavailableError);
    expect((error as Error).message).toContain("no usable credentials");
    expect(provider.calls).toBe(1);
    expect(handler.requests).toHaveLength(0);
  });

  it("a provider that answers in time is used, and its result cached", async () => {
    const { client, handler, provider } = withProvider(CREDS);
    await client.send(new GetRevenueAttributionAllocationsTaskCommand(GET_TASK_INPUT), { abortSignal: new AbortController().signal });
    await client.send(new GetRevenueAttributionAllocationsTaskCommand(GET_TASK_INPUT));
    expect(provider.calls).toBe(1);
    expect(handler.requests[0]!.headers.authorization).toContain(`Credential=${CREDS.accessKeyId}/`);
  });
});

describe("response headers", () => {
  it("both transports lower-case names and join repeated ones with ', ' alike", async () => {
    const server = await startHostile((res) => {
      res.writeHead(200, [
        ["Content-Type", "application/cbor"],
        ["X-Amzn-RequestId", "req-1"],
        ["X-Repeated", "a"],
        ["x-repeated", "b"],
        ["ToString", "not a function"],
        ["Retry-After", "1"],
        ["Retry-After", "2"],
      ]);
      res.end(Buffer.from(cbor({}).body));
    });
    servers.push(server);
    const { NodeHttpHandler } = await import("../src/transport/node-http-handler.js");
    const { FetchHttpHandler } = await import("../src/transport/fetch-http-handler.js");
    const request = {
      method: "POST" as const,
      url: new URL(`${server.endpoint}/x`),
      headers: { "content-type": "application/cbor", "content-length": "1" },
      body: new Uint8Array([0xa0]),
    };
    const node = new NodeHttpHandler();
    const viaNode = await node.handle(request, {});
    node.destroy();
    const viaFetch = await new FetchHttpHandler(globalThis.fetch).handle(request, {});
    expect(viaNode.headers).toMatchObject({
      "x-amzn-requestid": "req-1",
      "x-repeated": "a, b",
      tostring: "not a function",
      "retry-after": "1, 2",
    });
    for (const name of ["content-type", "x-amzn-requestid", "x-repeated", "tostring", "retry-after"]) {
      expect(viaNode.headers[name], name).toBe(viaFetch.headers[name]);
    }
  });
});
