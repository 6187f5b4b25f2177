/**
 * Error mapping: the seven documented exceptions, `__type` handling, the HTTP
 * status fallback, bad responses, and what may appear in messages and logs.
 */
import { maskAccountId } from "../src/errors.js";
import { inspect } from "node:util";
import { describe, expect, it, vi } from "vitest";
import {
  AccessDeniedException,
  ConflictException,
  CreateMarketplaceRevenueShareAllocationCommand,
  GetRevenueAttributionAllocationsTaskCommand,
  InternalServerException,
  NetworkError,
  PartnerCentralRevenueMeasurementClient,
  PartnerCentralRevenueMeasurementProtocolError,
  PartnerCentralRevenueMeasurementServiceException,
  ResourceNotFoundException,
  ServiceQuotaExceededException,
  StartRevenueAttributionAllocationsTaskCommand,
  ThrottlingException,
  ValidationException,
} from "../src/index.js";
import { encodeCbor } from "../src/protocol/cbor.js";
import { parseResponse, sanitizeErrorType } from "../src/protocol/rpcv2-cbor.js";
import type { HttpResponseSpec } from "../src/transport/types.js";
import {
  ALLOCATION_OUTPUT,
  CREATE_INPUT,
  CREDS,
  FakeHandler,
  GET_TASK_INPUT,
  cbor,
  cborError,
  item,
  raw,
  startInput,
} from "./helpers/core-fakes.js";

const META = { attempts: 1, totalRetryDelay: 0, httpStatusCode: 0 };

function errorOf(response: HttpResponseSpec): Error {
  const parsed = parseResponse(response, { ...META, httpStatusCode: response.statusCode });
  if (!("error" in parsed)) throw new Error("expected an error");
  return parsed.error;
}

const FIELD_LIST = [
  { Name: "RevenueShareAllocations[3].EffectiveUntil", Message: "must be the last day of a month", Code: "INVALID_VALUE" },
];

describe("the seven documented exceptions", () => {
  const cases = [
    { cls: AccessDeniedException, status: 403, fault: "client", retryable: false, members: { Reason: "ACCESS_DENIED" } },
    { cls: ConflictException, status: 409, fault: "client", retryable: false, members: { Reason: "REVISION_MISMATCH" } },
    { cls: InternalServerException, status: 500, fault: "server", retryable: true, members: {} },
    { cls: ResourceNotFoundException, status: 404, fault: "client", retryable: false, members: { Reason: "RESOURCE_NOT_FOUND" } },
    {
      cls: ServiceQuotaExceededException,
      status: 402,
      fault: "client",
      retryable: false,
      members: { Reason: "ATTRIBUTION_LIMIT_EXCEEDED" },
    },
    {
      cls: ThrottlingException,
      status: 429,
      fault: "client",
      retryable: true,
      members: { ServiceCode: "partnercentral", QuotaCode: "L-12345" },
    },
    {
      cls: ValidationException,
      status: 400,
      fault: "client",
      retryable: false,
      members: { Reason: "BUSINESS_VALIDATION_FAILED", FieldList: FIELD_LIST },
    },
  ] as const;

  it.each(cases)("$cls.name (HTTP $status)", ({ cls, status, fault, retryable, members }) => {
    const error = errorOf(cborError(cls.name, status, { Message: "it went wrong", ...members }));
    expect(error).toBeInstanceOf(cls);
    expect(error).toBeInstanceOf(PartnerCentralRevenueMeasurementServiceException);
    expect(error).toBeInstanceOf(Error);
    const e = error as PartnerCentralRevenueMeasurementServiceException & Record<string, unknown>;
    expect(e.name).toBe(cls.name);
    expect(e.message).toBe("it went wrong");
    expect(e.Message).toBe("it went wrong");
    expect(e.$fault).toBe(fault);
    expect(e.$retryable).toBe(retryable);
    expect(e.$metadata.httpStatusCode).toBe(status);
    expect(e.stack).toContain(cls.name);
    for (const [k, v] of Object.entries(members)) expect(e[k]).toEqual(v);
  });

  it("keeps unknown Reason values", () => {
    const error = errorOf(cborError("ConflictException", 409, { Reason: "SOMETHING_NEW" })) as ConflictException;
    expect(error.Reason).toBe("SOMETHING_NEW");
  });

  it("ignores members of the wrong type instead of crashing", () => {
    const error = errorOf(cborError("ValidationException", 400, { Reason: 7, FieldList: "nope", Message: 5 })) as ValidationException;
    expect(error).toBeInstanceOf(ValidationException);
    expect(error.Reason).toBeUndefined();
    expect(error.FieldList).toBeUndefined();
    expect(error.message).toContain("HTTP 400");
  });
});

describe("__type handling", () => {
  it.each([
    ["com.amazonaws.partnercentralrevenuemeasurement#ThrottlingException", "ThrottlingException"],
    ["ThrottlingException", "ThrottlingException"],
    ["aws.protocoltests.restjson#ThrottlingException", "ThrottlingException"],
    ["ThrottlingException:http://internal.amazon.com/coral/com.amazon.coral.service/", "ThrottlingException"],
    ["com.amazonaws.partnercentralrevenuemeasurement#ThrottlingException:http://x/y", "ThrottlingException"],
    [" ThrottlingException ", "ThrottlingException"],
  ])("%j → %s", (type, name) => {
    expect(sanitizeErrorType(type)).toBe(name);
    const error = errorOf(cbor({ __type: type, Message: "m" }, 400));
    expect(error).toBeInstanceOf(ThrottlingException);
  });

  it("accepts a lower-case 'message' member", () => {
    expect(errorOf(cbor({ __type: "ConflictException", message: "lower" }, 409)).message).toBe("lower");
  });

  it("an unknown error type becomes the base class with that name", () => {
    const error = errorOf(cbor({ __type: "com.amazonaws.partnercentralrevenuemeasurement#BrandNewException", Message: "new" }, 418));
    expect(error.constructor).toBe(PartnerCentralRevenueMeasurementServiceException);
    expect(error.name).toBe("BrandNewException");
    expect(error.message).toBe("new");
    expect((error as PartnerCentralRevenueMeasurementServiceException).$fault).toBe("client");
    expect((error as PartnerCentralRevenueMeasurementServiceException).$retryable).toBe(false);
  });

  it("an unknown error type with a 5xx status is a retryable server fault", () => {
    const error = errorOf(cbor({ __type: "ServiceUnavailable" }, 503)) as PartnerCentralRevenueMeasurementServiceException;
    expect(error.name).toBe("ServiceUnavailable");
    expect(error.$fault).toBe("server");
    expect(error.$retryable).toBe(true);
    expect(error.message).toContain("HTTP 503");
  });
});

describe("fallback to the HTTP status when there is no usable __type", () => {
  it.each([
    [400, ValidationException],
    [402, ServiceQuotaExceededException],
    [403, AccessDeniedException],
    [404, ResourceNotFoundException],
    [409, ConflictException],
    [429, ThrottlingException],
    [500, InternalServerException],
  ])("HTTP %i → %o", (status, cls) => {
    for (const body of [{ Message: "m" }, { __type: "", Message: "m" }, { __type: 12, Message: "m" }, { __type: "ns#" }]) {
      expect(errorOf(cbor(body, status))).toBeInstanceOf(cls);
    }
  });

  it("an empty body with HTTP 500 is an InternalServerException", () => {
    const error = errorOf(raw(500, undefined, ""));
    expect(error).toBeInstanceOf(InternalServerException);
    expect(error.message).toContain("HTTP 500");
  });
});

describe("bad responses become typed errors naming the status", () => {
  const protocolCases: Array<[string, HttpResponseSpec, number, boolean]> = [
    ["HTML page from a proxy (502)", raw(502, "text/html", "<html><body>Bad Gateway</body></html>"), 502, true],
    ["HTML page with HTTP 200", raw(200, "text/html; charset=utf-8", "<html>login</html>"), 200, false],
    ["JSON error body (400)", raw(400, "application/json", '{"message":"no"}'), 400, false],
    ["no content type (403)", raw(403, undefined, "Forbidden"), 403, false],
    ["truncated CBOR (200)", { ...cbor(ALLOCATION_OUTPUT), body: encodeCbor(ALLOCATION_OUTPUT).subarray(0, 40) }, 200, false],
    ["truncated CBOR (500)", { ...cborError("InternalServerException", 500), body: encodeCbor({ __type: "x" }).subarray(0, 3) }, 500, true],
    ["CBOR that is not a map (200)", cbor([1, 2, 3]), 200, false],
    ["CBOR scalar error body (400)", cbor("oops", 400), 400, false],
    ["trailing garbage after the CBOR map", { ...cbor({}), body: new Uint8Array([0xa0, 0x00]) }, 200, false],
    ["empty body with HTTP 502", raw(502, undefined, ""), 502, true],
    ["empty body with HTTP 503", raw(503, "application/cbor", ""), 503, true],
    ["empty body with HTTP 504", raw(504, undefined, ""), 504, true],
    ["empty body with HTTP 501 (not a transient status: not retried, as by the AWS SDKs)", raw(501, undefined, ""), 501, false],
    ["CBOR map without __type and an unmapped status (418)", cbor({ Message: "teapot" }, 418), 418, false],
  ];

  it.each(protocolCases)("%s", (_name, response, status, retryable) => {
    const error = errorOf(response) as PartnerCentralRevenueMeasurementProtocolError;
    expect(error).toBeInstanceOf(PartnerCentralRevenueMeasurementProtocolError);
    expect(error).toBeInstanceOf(PartnerCentralRevenueMeasurementServiceException);
    expect(error.message).toContain(`HTTP ${status}`);
    expect(error.$response.statusCode).toBe(status);
    expect(error.$retryable).toBe(retryable);
    expect(error.$fault).toBe(status >= 500 ? "server" : "client");
  });

  it("quotes the start of a non-CBOR body and its content type", () => {
    const error = errorOf(raw(502, "text/html", "<html>\n  <h1>502 Bad Gateway</h1>\n</html>"));
    expect(error.message).toContain("text/html");
    expect(error.message).toContain("502 Bad Gateway");
  });

  it("masks account ids in the quoted body", () => {
    const body = encodeCbor({ ...ALLOCATION_OUTPUT, CustomerAwsAccountId: "210987654321" }).subarray(0, 150);
    const html = raw(502, "text/html", "account 210987654321 is blocked, ref 1234567890123");
    for (const response of [{ ...cbor({}), body }, html]) {
      const error = errorOf(response) as PartnerCentralRevenueMeasurementProtocolError;
      expect(inspect(error, { depth: 5 })).not.toContain("210987654321");
    }
    expect(inspect(errorOf(html))).toContain("********4321");
    expect(inspect(errorOf(html))).toContain("1234567890123"); // 13 digits: not an account id
  });
});

describe("successful responses", () => {
  it("an empty body gives an empty output", () => {
    expect(parseResponse(raw(200, undefined, ""), META)).toEqual({ output: {} });
  });

  it("accepts content types with parameters and any case", () => {
    const response = { ...cbor({ A: 1 }), headers: { "content-type": "Application/CBOR; charset=binary" } };
    expect(parseResponse(response, META)).toEqual({ output: { A: 1 } });
  });

  it("keeps Dates, unknown enum values, and does not choke on unknown members", async () => {
    const handler = new FakeHandler([
      cbor({ ...ALLOCATION_OUTPUT, Status: "SUSPENDED_FOR_REVIEW", SomethingNew: { nested: [1] } }, 200, { "x-amzn-requestid": "r-1" }),
    ]);
    const client = new PartnerCentralRevenueMeasurementClient({ region: "us-east-1", credentials: CREDS, requestHandler: handler });
    const out = await client.send(new CreateMarketplaceRevenueShareAllocationCommand({ ...CREATE_INPUT }));
    expect(out.Status).toBe("SUSPENDED_FOR_REVIEW");
    expect(out.CreatedDate).toBeInstanceOf(Date);
    expect(out.CreatedDate?.toISOString()).toBe("2026-01-01T00:00:00.000Z");
    expect(out.LastModifiedDate?.getTime()).toBe(1_767_225_601_500);
    expect(out).toMatchObject({ ...ALLOCATION_OUTPUT, Status: "SUSPENDED_FOR_REVIEW" });
    expect(out.$metadata).toEqual({ httpStatusCode: 200, requestId: "r-1", attempts: 1, totalRetryDelay: 0 });
    expect("__type" in out).toBe(false);
  });
});

describe("errors thrown by the client", () => {
  it("carry $metadata with status, request id and attempts", async () => {
    const handler = new FakeHandler([cborError("ResourceNotFoundException", 404, { Reason: "RESOURCE_NOT_FOUND" })]);
    const client = new PartnerCentralRevenueMeasurementClient({ region: "us-east-1", credentials: CREDS, requestHandler: handler });
    const error = await client.send(new GetRevenueAttributionAllocationsTaskCommand(GET_TASK_INPUT)).catch((e) => e);
    expect(error).toBeInstanceOf(ResourceNotFoundException);
    expect(error.Reason).toBe("RESOURCE_NOT_FOUND");
    expect(error.$metadata).toEqual({ httpStatusCode: 404, requestId: "rid-404", attempts: 1, totalRetryDelay: 0 });
    expect(handler.requests).toHaveLength(1);
  });

  it("a bad response on the last attempt surfaces as a protocol error, never a crash", async () => {
    const handler = new FakeHandler([raw(502, "text/html", "<html>bad gateway</html>")]);
    const client = new PartnerCentralRevenueMeasurementClient({
      region: "us-east-1",
      credentials: CREDS,
      requestHandler: handler,
      maxAttempts: 1,
    });
    const error = await client.send(new GetRevenueAttributionAllocationsTaskCommand(GET_TASK_INPUT)).catch((e) => e);
    expect(error).toBeInstanceOf(PartnerCentralRevenueMeasurementProtocolError);
    expect(error.message).toContain("HTTP 502");
    expect(error.$metadata).toMatchObject({ httpStatusCode: 502, attempts: 1 });
  });
});

describe("secrets and account ids stay out of logs and messages", () => {
  it("a logger capturing everything during a failing, retried call sees no secret key and no full account id", async () => {
    const secret = "SECRETKEYdoNotLeak/abc+123EXAMPLEKEY9999";
    const sessionToken = "SESSIONTOKENdoNotLeak";
    const account = "987654321012";
    const seen: string[] = [];
    const capture = (...args: unknown[]) => seen.push(args.map((a) => (typeof a === "string" ? a : inspect(a, { depth: 8 }))).join(" "));
    const consoleSpies = (["log", "info", "warn", "error", "debug"] as const).map((m) =>
      vi.spyOn(console, m).mockImplementation(capture),
    );
    try {
      const handler = new FakeHandler([
        cborError("InternalServerException", 500),
        new NetworkError("socket hang up", { code: "ECONNRESET" }),
        cborError("ThrottlingException", 429),
        cborError("ValidationException", 400, {
          Reason: "BUSINESS_VALIDATION_FAILED",
          FieldList: [{ Name: "RevenueShareAllocations[0].CustomerAwsAccountId", Message: "unknown customer", Code: "INVALID_VALUE" }],
        }),
      ]);
      const logger = { debug: capture, info: capture, warn: capture, error: capture };
      const client = new PartnerCentralRevenueMeasurementClient({
        region: "us-east-1",
        credentials: { accessKeyId: "AKIDLEAKTEST", secretAccessKey: secret, sessionToken },
        requestHandler: handler,
        logger,
        maxAttempts: 5,
      });
      vi.useFakeTimers();
      const pending = client
        .send(new StartRevenueAttributionAllocationsTaskCommand(startInput([item(0, { CustomerAwsAccountId: account })]) as never))
        .catch((e: unknown) => e);
      await vi.runAllTimersAsync();
      const error = (await pending) as ValidationException;
      vi.useRealTimers();
      expect(error).toBeInstanceOf(ValidationException);
      expect(handler.requests).toHaveLength(4);
      // The request itself carries the account id (it must), and was signed with the secret.
      expect(JSON.stringify(handler.requests[0]!.body)).toContain(account);
      expect(seen.length).toBeGreaterThanOrEqual(4);
      seen.push(error.message, String(error), inspect(error, { depth: 8 }));

      // A validation failure names the field but not the value.
      const local = await client
        .send(new StartRevenueAttributionAllocationsTaskCommand(startInput([item(0, { CustomerAwsAccountId: `${account}9` })]) as never))
        .catch((e: unknown) => e);
      seen.push(String(local), inspect(local, { depth: 8 }));

      const all = seen.join("\n");
      expect(all).not.toContain(secret);
      expect(all).not.toContain(sessionToken);
      expect(all).not.toContain(account);
    } finally {
      vi.useRealTimers();
      consoleSpies.forEach((s) => s.mockRestore());
    }
  });

  it("maskAccountId keeps only the last four digits", () => {
    expect(maskAccountId("123456789012")).toBe("********9012");
    expect(maskAccountId("12")).toBe("****");
    expect(maskAccountId(undefined)).toBe("<account>");
  });
});
