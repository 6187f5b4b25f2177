/**
 * The public Smithy RPC v2 CBOR protocol test suite (smithy-lang/smithy,
 * smithy-protocol-tests/model/rpcv2Cbor/): its client cases, kept as data in
 * test/protocol-suite/rpcv2-cbor-cases.json with the suite's ids, run through
 * our protocol layer (`buildRequest` / `parseResponse`) with each case's
 * operation name. The suite's service is not ours, so the harness is generic:
 * a case's params are its input (or expected output) as plain values.
 *
 * Request bodies are compared as decoded CBOR (by @smithy/core's decoder, the
 * reference), as the suite asks: equivalent encodings (definite or indefinite
 * lengths, float widths) are equal.
 */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { PartnerCentralRevenueMeasurementServiceException } from "../src/errors.js";
import { buildRequest, parseResponse, SERVICE_NAME } from "../src/protocol/rpcv2-cbor.js";
import { smithyDecode } from "./helpers/smithy-cbor.js";

interface SuiteCase {
  id: string;
  file: string;
  kind: "request" | "response" | "error";
  operation: string;
  params: Record<string, unknown>;
  headers: Record<string, string>;
  requireHeaders?: string[];
  forbidHeaders?: string[];
  status?: number;
  errorName?: string;
  /** Members of the body that the suite's model does not name. */
  unmodeledMembers?: string[];
  body: string;
}

const suite = JSON.parse(readFileSync(new URL("./protocol-suite/rpcv2-cbor-cases.json", import.meta.url), "utf8")) as {
  cases: SuiteCase[];
};

const NO_SHAPES = "needs the suite's model: our protocol layer has no shapes";
/**
 * Cases this SDK does not run, and why. The protocol layer is shape-less and serves one service whose model has
 * no map shapes, no @default values and no operation without input; every CBOR map is read as a structure.
 */
const SKIPPED: Record<string, string> = {
  "request no_input": `${NO_SHAPES}; every operation of this service has an input structure, so a body is always sent`,
  "request RpcV2CborClientPopulatesDefaultValuesInInput": `${NO_SHAPES} (@default values); this service's model has none`,
  "response RpcV2CborClientPopulatesDefaultsValuesWhenMissingInResponse": `${NO_SHAPES} (@default values); this service's model has none`,
  "request RpcV2CborSparseMapsSerializeNullValues": `${NO_SHAPES} (@sparse map): a null in a map is a null structure member here, left out`,
  "request RpcV2CborSerializesNullMapValues": `${NO_SHAPES} (@sparse map): a null in a map is a null structure member here, left out`,
  "request RpcV2CborSerializesSparseSetMapAndRetainsNull": `${NO_SHAPES} (@sparse map): a null in a map is a null structure member here, left out`,
  "response RpcV2CborSparseMapsDeserializeNullValues": `${NO_SHAPES} (@sparse map): a null in a map is a null structure member here, dropped`,
  "response RpcV2CborDeserializesNullMapValues": `${NO_SHAPES} (@sparse map): a null in a map is a null structure member here, dropped`,
  "response RpcV2CborDeserializesSparseSetMapAndRetainsNull": `${NO_SHAPES} (@sparse map): a null in a map is a null structure member here, dropped`,
};

/** The suite's typed values in our format: blobs as Uint8Array, timestamps as Date, non-finite floats as numbers. */
function toSdk(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(toSdk);
  if (value === null || typeof value !== "object") return value;
  const v = value as Record<string, unknown>;
  if (typeof v.$blob === "string") return new Uint8Array(Buffer.from(v.$blob, "utf8"));
  if (typeof v.$timestamp === "number") return new Date(Math.round(v.$timestamp * 1000));
  if (typeof v.$double === "string") return Number(v.$double);
  return Object.fromEntries(Object.entries(v).map(([k, item]) => [k, toSdk(item)]));
}

const key = (c: SuiteCase): string => `${c.kind} ${c.id}`;
const lower = (headers: Record<string, string>): Record<string, string> =>
  Object.fromEntries(Object.entries(headers).map(([k, v]) => [k.toLowerCase(), v]));
const META = { attempts: 1, totalRetryDelay: 0 };

function runRequestCase(c: SuiteCase): void {
  const request = buildRequest(new URL("https://example.com"), c.operation, toSdk(c.params) as object);
  expect(request.method).toBe("POST");
  expect(request.url.pathname).toBe(`/service/${SERVICE_NAME}/operation/${c.operation}`);
  const headers = lower(request.headers);
  for (const [name, value] of Object.entries(lower(c.headers))) expect(headers[name], name).toBe(value);
  for (const name of c.requireHeaders ?? []) expect(headers[name.toLowerCase()], name).toBeDefined();
  for (const name of c.forbidHeaders ?? []) expect(headers[name.toLowerCase()], name).toBeUndefined();
  const expected = Buffer.from(c.body, "base64");
  if (expected.length === 0) expect(request.body.length).toBe(0);
  else expect(smithyDecode(request.body)).toEqual(smithyDecode(new Uint8Array(expected)));
  expect(headers["content-length"]).toBe(String(request.body.length));
}

function parse(c: SuiteCase): ReturnType<typeof parseResponse> {
  return parseResponse({ statusCode: c.status ?? 200, headers: lower(c.headers), body: new Uint8Array(Buffer.from(c.body, "base64")) }, META);
}

function runResponseCase(c: SuiteCase): void {
  const parsed = parse(c);
  expect(parsed).toHaveProperty("output");
  const output = { ...("output" in parsed ? parsed.output : {}) };
  // Our outputs keep members the model does not name (forward compatibility); the suite asks that they do not
  // break parsing, and that the modeled members come out right.
  for (const member of c.unmodeledMembers ?? []) {
    expect(output, member).toHaveProperty(member);
    delete output[member];
  }
  expect(output).toEqual(toSdk(c.params));
}

function runErrorCase(c: SuiteCase): void {
  const parsed = parse(c);
  expect(parsed).toHaveProperty("error");
  const error = ("error" in parsed ? parsed.error : undefined) as PartnerCentralRevenueMeasurementServiceException & Record<string, unknown>;
  expect(error).toBeInstanceOf(PartnerCentralRevenueMeasurementServiceException);
  expect(error.name).toBe(c.errorName);
  expect(error.$fault).toBe("client");
  for (const [member, value] of Object.entries(toSdk(c.params) as Record<string, unknown>)) expect(error[member], member).toEqual(value);
}

const RUNNERS = { request: runRequestCase, response: runResponseCase, error: runErrorCase };

describe("Smithy RPC v2 CBOR protocol test suite (client cases)", () => {
  for (const c of suite.cases) {
    const reason = SKIPPED[key(c)];
    if (reason) it.skip(`${key(c)} (${c.file}) — skipped: ${reason}`, () => {});
    else it(`${key(c)} (${c.file})`, () => RUNNERS[c.kind](c));
  }

  it("holds the suite's 69 client cases, and every skip names one of them", () => {
    expect(suite.cases).toHaveLength(69);
    expect(new Set(suite.cases.map(key)).size).toBe(69);
    const keys = new Set(suite.cases.map(key));
    for (const skipped of Object.keys(SKIPPED)) expect(keys.has(skipped), skipped).toBe(true);
  });

  it("the data is self-consistent: each response body decodes (by @smithy/core) to its params", () => {
    const withoutNullMembers = (v: unknown): unknown =>
      Array.isArray(v)
        ? v.map(withoutNullMembers)
        : v && typeof v === "object" && !(v instanceof Uint8Array) && !(v instanceof Date)
          ? Object.fromEntries(Object.entries(v).filter(([, m]) => m !== null).map(([k, m]) => [k, withoutNullMembers(m)]))
          : v;
    for (const c of suite.cases) {
      if (c.kind !== "response" || !c.body || SKIPPED[key(c)]) continue;
      const decoded = withoutNullMembers(smithyDecode(new Uint8Array(Buffer.from(c.body, "base64")))) as Record<string, unknown>;
      for (const [member, value] of Object.entries(toSdk(c.params) as Record<string, unknown>)) {
        expect(decoded[member], `${c.id}.${member}`).toEqual(value);
      }
    }
  });
});
