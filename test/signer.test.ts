import { Hash } from "@smithy/hash-node";
import { SignatureV4 } from "@smithy/signature-v4";
import type { AwsCredentialIdentity } from "@smithy/types";
import { describe, expect, it } from "vitest";
import { canonicalPath, formatAmzDate as amzDate, createSigner, SIGNING_SERVICE } from "../src/auth/signer.js";
import { CredentialsUnavailableError } from "../src/errors.js";
import type { HttpRequestSpec } from "../src/transport/types.js";

/** What @smithy/signature-v4 (the reference) produces for the same request. */
async function reference(request: HttpRequestSpec, creds: AwsCredentialIdentity, region: string, date: Date) {
  const signer = new SignatureV4({ service: SIGNING_SERVICE, region, credentials: creds, sha256: Hash.bind(null, "sha256") });
  const signed = await signer.sign(
    {
      method: request.method,
      protocol: request.url.protocol,
      hostname: request.url.hostname,
      port: request.url.port ? Number(request.url.port) : undefined,
      path: request.url.pathname,
      query: {},
      headers: { ...request.headers, host: request.url.host },
      body: request.body,
    },
    { signingDate: date },
  );
  return signed.headers as Record<string, string>;
}

function request(url: string, headers: Record<string, string> = {}, body = new Uint8Array([0xa1, 0x61, 0x61, 0x01])): HttpRequestSpec {
  return {
    method: "POST",
    url: new URL(url),
    headers: {
      "smithy-protocol": "rpc-v2-cbor",
      "content-type": "application/cbor",
      accept: "application/cbor",
      "content-length": String(body.byteLength),
      ...headers,
    },
    body,
  };
}

const creds: AwsCredentialIdentity = { accessKeyId: "AKIDEXAMPLE", secretAccessKey: "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY" };
const op = "/service/PartnerCentralRevenueMeasurement/operation/CreateMarketplaceRevenueShareAllocation";

describe("SigV4 signer", () => {
  const cases: Array<[string, HttpRequestSpec, AwsCredentialIdentity, string, Date]> = [
    ["partition endpoint", request(`https://partnercentral-prm.global.api.aws${op}`), creds, "us-east-1", new Date("2026-07-01T12:34:56Z")],
    [
      "session token, sdk headers, custom port",
      request(`http://127.0.0.1:8080${op}`, { "amz-sdk-invocation-id": "0b5c7f6e-1111-4222-8333-944455556666", "amz-sdk-request": "attempt=2; max=3" }),
      { ...creds, sessionToken: "FwoGZXIvYXdzEXAMPLE//token+with/chars=" },
      "cn-northwest-1",
      new Date("2025-12-31T23:59:59.999Z"),
    ],
    [
      "base path with dot segments and characters to escape, unsignable and spaced headers",
      request(`https://example.com/a b/./c/../d(1)*!/${op}`, {
        "user-agent": "x",
        "x-amzn-trace-id": "Root=1",
        "x-custom": "  two   spaces\tand tab  ",
        authorization: "stale",
        "x-amz-date": "stale",
      }),
      creds,
      "us-gov-west-1",
      new Date("2024-02-29T00:00:00Z"),
    ],
    ["empty body", request(`https://partnercentral-prm.global.api.aws${op}`, {}, new Uint8Array()), creds, "us-east-1", new Date(0)],
  ];

  for (const [name, req, c, region, date] of cases) {
    it(`matches @smithy/signature-v4: ${name}`, async () => {
      const ours = await createSigner(region, () => Promise.resolve(c))(req, date);
      expect(ours).toEqual(await reference(req, c, region, date));
    });
  }

  it("does not modify the request and signs the given date", async () => {
    const req = request(`https://partnercentral-prm.global.api.aws${op}`);
    const before = structuredClone(req.headers);
    const headers = await createSigner("us-east-1", () => Promise.resolve(creds))(req, new Date("2026-07-01T00:00:00Z"));
    expect(req.headers).toEqual(before);
    expect(headers["x-amz-date"]).toBe("20260701T000000Z");
    expect(headers.authorization).toMatch(
      /^AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE\/20260701\/us-east-1\/partnercentral\/aws4_request, SignedHeaders=accept;content-length;content-type;host;smithy-protocol;x-amz-content-sha256;x-amz-date, Signature=[0-9a-f]{64}$/,
    );
  });

  it("uses new credentials and a new day's key when they change", async () => {
    let current = creds;
    const sign = createSigner("us-east-1", () => Promise.resolve(current));
    const req = request(`https://partnercentral-prm.global.api.aws${op}`);
    for (const date of [new Date("2026-07-01T10:00:00Z"), new Date("2026-07-02T10:00:00Z")]) {
      for (const c of [creds, { accessKeyId: "AKIDOTHER", secretAccessKey: "other-secret" }]) {
        current = c;
        expect(await sign(req, date)).toEqual(await reference(req, c, "us-east-1", date));
      }
    }
  });

  it("signs the right headers when consecutive requests change their header names", async () => {
    const sign = createSigner("us-east-1", () => Promise.resolve(creds));
    const date = new Date("2026-07-01T10:00:00Z");
    const plain = request(`https://partnercentral-prm.global.api.aws${op}`);
    const extra = request(`https://partnercentral-prm.global.api.aws${op}`, { "x-trace": "1", "X-Upper": "2" });
    const reordered = { ...plain, headers: Object.fromEntries(Object.entries(plain.headers).reverse()) };
    const lessOne = request(`https://partnercentral-prm.global.api.aws${op}`, { "x-trace": "1" });
    for (const req of [plain, extra, plain, reordered, lessOne, extra]) {
      expect(await sign(req, date)).toEqual(await reference(req, creds, "us-east-1", date));
    }
  });

  it("rejects a provider result without keys with CredentialsUnavailableError", async () => {
    const sign = createSigner("us-east-1", () => Promise.resolve({ accessKeyId: "AKIDEXAMPLE" } as AwsCredentialIdentity));
    const error = await sign(request(`https://x.example${op}`), new Date()).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CredentialsUnavailableError);
    expect((error as Error).message).toBe(
      "The credentials provider returned no usable credentials: accessKeyId and secretAccessKey must be strings",
    );
  });

  it("normalizes and double-encodes the canonical path", () => {
    expect(canonicalPath("/a/./b/../c//d/")).toBe("/a/c/d/");
    expect(canonicalPath("/a%20b/c")).toBe("/a%2520b/c");
    expect(canonicalPath("/")).toBe("/");
  });
});

describe("formatAmzDate", () => {
  it("writes x-amz-date as toISOString() would, for instants from 1970 to 2200", () => {
    const fromIso = (d: Date) => d.toISOString().replace(/\.\d{3}Z$/, "Z").replace(/[-:]/g, "");
    let seed = 12345;
    const next = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    const instants = [0, Date.UTC(2024, 1, 29, 23, 59, 59, 999), Date.UTC(2026, 11, 31, 0, 0, 0), Date.UTC(2199, 11, 31, 23, 59, 59)];
    for (let i = 0; i < 2000; i++) instants.push(Math.floor(next() * Date.UTC(2200, 0, 1)));
    for (const ms of instants) expect(amzDate(new Date(ms)), new Date(ms).toISOString()).toBe(fromIso(new Date(ms)));
  });
});
