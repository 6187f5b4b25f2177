/**
 * The emulator under hostile or unusual use: a signing time more than five
 * minutes off is InvalidSignatureException with the server's `Date`, as on
 * AWS; forged `SignedHeaders` lists are 403, never 500; a `console`-shaped
 * logger works; changing the faults keeps the request counters.
 */
import * as http from "node:http";
import { describe, expect, it, vi } from "vitest";
import { ListRevenueAttributionsCommand, PartnerCentralRevenueMeasurementClient, ThrottlingException } from "../src/index.js";
import { createSigner } from "../src/auth/signer.js";
import { decodeCbor } from "../src/protocol/cbor.js";
import { buildRequest } from "../src/protocol/rpcv2-cbor.js";
import { startEmulator, type Emulator, type EmulatorOptions } from "../src/testing/index.js";
import { useSharedEmulator } from "./helpers/shared-emulator.js";

let emulator: Emulator;
useSharedEmulator((e) => (emulator = e));

interface RawResponse {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: Record<string, unknown>;
}

/** Signs a ListRevenueAttributions request at `signingDate`, lets `tamper` change the headers, and posts it. */
async function signedPost(
  e: Emulator,
  signingDate: Date,
  tamper: (headers: Record<string, string>) => void = () => {},
): Promise<RawResponse> {
  const request = buildRequest(new URL(e.endpoint), "ListRevenueAttributions", { Catalog: "AWS" });
  const headers = await createSigner(e.region, async () => e.credentials)(request, signingDate);
  tamper(headers);
  return post(request.url, headers, request.body);
}

/** Posts a body with exactly these headers and decodes the CBOR answer. */
function post(url: URL, headers: Record<string, string>, body: Uint8Array): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const req = http.request(url, { method: "POST", headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (c: Buffer) => chunks.push(c));
      res.on("end", () =>
        resolve({
          status: res.statusCode ?? 0,
          headers: res.headers,
          body: decodeCbor(new Uint8Array(Buffer.concat(chunks))) as Record<string, unknown>,
        }),
      );
    });
    req.on("error", reject);
    req.end(body);
  });
}

const MINUTE = 60 * 1000;

describe("signing time checked as AWS does: at most 5 minutes off", () => {
  it("answers a signature 20 minutes old with 403 InvalidSignatureException 'Signature expired' and its Date", async () => {
    const before = Date.now();
    const res = await signedPost(emulator, new Date(before - 20 * MINUTE));
    expect(res.status).toBe(403);
    expect(res.body.__type).toBe("com.amazonaws.partnercentralrevenuemeasurement#InvalidSignatureException");
    expect(res.body.Message).toMatch(/^Signature expired: \d{8}T\d{6}Z is now earlier than \d{8}T\d{6}Z \(\d{8}T\d{6}Z - 5 min\.\)$/);
    const serverDate = Date.parse(String(res.headers.date));
    expect(serverDate).toBeGreaterThanOrEqual(Math.floor(before / 1000) * 1000);
    expect(emulator.inspect().requests.rejectedSignatures).toBe(1);
  });

  it("answers a signature from 6 minutes ahead with 'Signature not yet current'", async () => {
    const res = await signedPost(emulator, new Date(Date.now() + 6 * MINUTE));
    expect(res.status).toBe(403);
    expect(res.body.__type).toMatch(/#InvalidSignatureException$/);
    expect(res.body.Message).toMatch(/^Signature not yet current: .* \+ 5 min\.\)$/);
  });

  it("accepts a signature 4 minutes old", async () => {
    const res = await signedPost(emulator, new Date(Date.now() - 4 * MINUTE));
    expect(res.status).toBe(200);
  });
});

describe("forged SignedHeaders lists: 403, never 500", () => {
  const withSignedHeaders = (list: string) => (headers: Record<string, string>) => {
    headers.authorization = headers.authorization!.replace(/SignedHeaders=[^,]+/, `SignedHeaders=${list}`);
  };

  it.each(["host;constructor", "host;__proto__", "host;tostring;valueof", "x-amz-date;host", "host;host", "constructor;host;x-amz-date", "host;X-Amz-Date", "host;x(a)", "host;;x-amz-date"])(
    "%s",
    async (list) => {
      const res = await signedPost(emulator, new Date(), withSignedHeaders(list));
      expect(res.status).toBe(403);
      expect(res.body.__type).toMatch(/#AccessDeniedException$/);
      expect(emulator.inspect().requests.rejectedSignatures).toBe(1);
    },
  );

  it("a request that signs headers it really carries, in order, still passes", async () => {
    const res = await signedPost(emulator, new Date());
    expect(res.status).toBe(200);
  });

  // Header names are RFC 9110 tokens: `!#$%&'*+.^_`|~-` are legal in them, and a proxy or tracer may add and sign such a header.
  it.each(["x-trace!id", "x-a#b$c%d&e'f*g+h^i`j|k~l", "x-tenant.id"])("accepts a signed header named %s", async (name) => {
    const request = buildRequest(new URL(emulator.endpoint), "ListRevenueAttributions", { Catalog: "AWS" });
    request.headers[name] = "value";
    const headers = await createSigner(emulator.region, async () => emulator.credentials)(request, new Date());
    expect(headers.authorization).toContain(name);
    const res = await post(request.url, headers, request.body);
    expect(res.body.Message).toBeUndefined();
    expect(res.status).toBe(200);
  });
});

describe("logger", () => {
  /** Starts an emulator with `logger`, sends it one request, and closes it. */
  async function oneRequestLoggedBy(logger: EmulatorOptions["logger"]): Promise<void> {
    const logged = await startEmulator({ logger });
    const client = new PartnerCentralRevenueMeasurementClient({
      endpoint: logged.endpoint,
      region: logged.region,
      credentials: logged.credentials,
    });
    try {
      await client.send(new ListRevenueAttributionsCommand({ Catalog: "AWS" }));
    } finally {
      client.destroy();
      await logged.close();
    }
  }

  it("takes the client's logger shape: `console` itself works", async () => {
    const info = vi.spyOn(console, "info").mockImplementation(() => {});
    await oneRequestLoggedBy(console);
    expect(info).toHaveBeenCalledWith(expect.stringMatching(/^POST ListRevenueAttributions -> 200 \(\d+ ms\)$/));
  });

  it("still takes a function, which receives every line", async () => {
    const lines: string[] = [];
    await oneRequestLoggedBy((line) => lines.push(line));
    expect(lines).toEqual([expect.stringMatching(/^POST ListRevenueAttributions -> 200/)]);
  });
});

describe("counters across fault changes", () => {
  it("setFaults({}) keeps the request and fault counters; reset() clears them", async () => {
    const client = new PartnerCentralRevenueMeasurementClient({
      endpoint: emulator.endpoint,
      region: emulator.region,
      credentials: emulator.credentials,
      maxAttempts: 1,
    });
    emulator.setFaults({ throttleEveryNth: 1 });
    await expect(client.send(new ListRevenueAttributionsCommand({ Catalog: "AWS" }))).rejects.toBeInstanceOf(ThrottlingException);
    emulator.setFaults({});
    await client.send(new ListRevenueAttributionsCommand({ Catalog: "AWS" }));
    client.destroy();
    expect(emulator.inspect().requests).toMatchObject({ total: 2, throttled: 1, byOperation: { ListRevenueAttributions: 2 } });
    emulator.reset();
    expect(emulator.inspect().requests).toMatchObject({ total: 0, throttled: 0, byOperation: {} });
  });
});
