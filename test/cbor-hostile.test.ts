/**
 * Hostile CBOR bodies of the sizes the issue measured (4 MiB, the 16 MiB body
 * cap, an 8 MiB request to the emulator): each decodes to its value or fails
 * with a typed error. Times and memory are measured by
 * `scripts/cbor-hostile.ts`, not asserted here.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createSigner } from "../src/auth/signer.js";
import { CborDecodeError, decodeCbor, MAX_OBJECTS } from "../src/protocol/cbor.js";
import { PartnerCentralRevenueMeasurementProtocolError } from "../src/errors.js";
import { buildRequest, parseResponse } from "../src/protocol/rpcv2-cbor.js";
import { DEFAULT_EMULATOR_CREDENTIALS, startEmulator, type Emulator } from "../src/testing/index.js";
import { hostileBody } from "./helpers/hostile-cbor.js";

const MiB = 1024 * 1024;

describe("hostile bodies decode or fail with CborDecodeError", () => {
  it("a 16 MiB indefinite-length text string of empty chunks is the empty string", () => {
    expect(decodeCbor(hostileBody("text-empty-chunks", 16 * MiB))).toBe("");
  });

  it("a 4 MiB indefinite-length byte string of empty chunks is an empty byte string", () => {
    expect(decodeCbor(hostileBody("bytes-empty-chunks", 4 * MiB))).toEqual(new Uint8Array(0));
  });

  it.each(["array-of-empty-arrays", "array-of-empty-maps"] as const)("%s (4 MiB) stops at MAX_OBJECTS", (kind) => {
    expect(() => decodeCbor(hostileBody(kind, 4 * MiB))).toThrow(`more than ${MAX_OBJECTS} arrays`);
  });

  it("4 MiB of nested indefinite-length strings is malformed at the second byte", () => {
    expect(() => decodeCbor(hostileBody("nested-indefinite", 4 * MiB))).toThrow(/offset 1: an indefinite-length text string nested/);
  });

  it("4 MiB of one-element arrays stops at the depth limit", () => {
    expect(() => decodeCbor(hostileBody("deep-arrays", 4 * MiB))).toThrow(CborDecodeError);
  });

  it("a hostile response becomes a protocol error naming the problem", () => {
    const parsed = parseResponse(
      { statusCode: 200, headers: { "content-type": "application/cbor" }, body: hostileBody("array-of-empty-maps", 4 * MiB) },
      { attempts: 1, totalRetryDelay: 0 },
    );
    expect("error" in parsed && parsed.error).toBeInstanceOf(PartnerCentralRevenueMeasurementProtocolError);
    expect("error" in parsed && parsed.error.message).toMatch(/the CBOR body is malformed \(CBOR payload holds more than/);
  });
});

describe("the emulator answers a hostile signed 8 MiB body with a 400 SerializationException", () => {
  let emulator: Emulator;
  beforeAll(async () => {
    emulator = await startEmulator();
  });
  afterAll(() => emulator.close());

  async function post(body: Uint8Array): Promise<{ status: number; body: Record<string, unknown> }> {
    const built = buildRequest(new URL(emulator.endpoint), "GetRevenueAttribution", {});
    const request = { ...built, body, headers: { ...built.headers, "content-length": String(body.byteLength) } };
    const sign = createSigner("us-east-1", async () => DEFAULT_EMULATOR_CREDENTIALS);
    const headers = await sign(request, new Date());
    const response = await fetch(request.url, { method: "POST", headers, body: Buffer.from(body) });
    return { status: response.status, body: decodeCbor(new Uint8Array(await response.arrayBuffer())) as Record<string, unknown> };
  }

  it.each(["text-empty-chunks", "array-of-empty-arrays", "nested-indefinite"] as const)("%s", async (kind) => {
    const reply = await post(hostileBody(kind, 8 * MiB - 64));
    expect(reply.status).toBe(400);
    expect(reply.body.__type).toMatch(/#SerializationException$/);
  });
});
