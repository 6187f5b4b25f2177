/**
 * Differential tests against the official client
 * (@aws-sdk/client-partnercentral-revenue-measurement, a devDependency) for the
 * four core operations. Both clients send the same input to one local capture
 * server: the path, the protocol headers and the decoded CBOR bodies must match
 * (ClientToken aside when generated); both must parse the same canned success
 * and error responses into equal values.
 */
import * as official from "@aws-sdk/client-partnercentral-revenue-measurement";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import * as ours from "../src/index.js";
import { cborResponse, errorResponse, startCaptureServer, type CaptureServer, type ScriptedResponse } from "./helpers/capture-server.js";
import { ALLOCATION_OUTPUT, CREATE_INPUT, CREDS, UPDATE_INPUT, item, startInput } from "./helpers/core-fakes.js";
import { resetCaptureServer } from "./helpers/local-client.js";

const UUID_V4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

let server: CaptureServer;
let theirs: official.PartnerCentralRevenueMeasurementClient;
let mine: ours.PartnerCentralRevenueMeasurementClient;

beforeAll(async () => {
  server = await startCaptureServer();
  theirs = new official.PartnerCentralRevenueMeasurementClient({
    region: "us-east-1",
    endpoint: server.endpoint,
    credentials: CREDS,
    maxAttempts: 1,
  });
  mine = new ours.PartnerCentralRevenueMeasurementClient({
    region: "us-east-1",
    endpoint: server.endpoint,
    credentials: CREDS,
    maxAttempts: 1,
  });
});
afterAll(async () => {
  theirs.destroy();
  mine.destroy();
  await server.close();
});
beforeEach(() => resetCaptureServer(server));

interface Operation {
  name: string;
  input: Record<string, unknown>;
  official: new (input: never) => unknown;
  ours: new (input: never) => unknown;
  idempotent: boolean;
  successes: Record<string, Record<string, unknown>>;
  errors: string[];
}

const TASK_ARN = "arn:aws:partnercentral:us-east-1:123456789012:catalog/AWS/revenue-attribution/ra-abcdefghij123";
const ERROR_DETAIL = {
  RevenueAttributionAllocationId: "alloc-aaaaaaaaaaaaa",
  EntityType: "OFFER",
  EntityId: "offer-1",
  CustomerAwsAccountId: "123456789012",
  EffectiveFrom: "2026-04-01",
  EffectiveUntil: "2026-12-31",
  Action: "UPDATE",
  ErrorCode: "IMMUTABLE_ALLOCATION",
  ErrorMessage: "cannot change a past allocation",
};

const OPERATIONS: Operation[] = [
  {
    name: "CreateMarketplaceRevenueShareAllocation",
    input: { ...CREATE_INPUT },
    official: official.CreateMarketplaceRevenueShareAllocationCommand,
    ours: ours.CreateMarketplaceRevenueShareAllocationCommand,
    idempotent: true,
    successes: {
      full: ALLOCATION_OUTPUT,
      "open-ended, minimal, unknown status": {
        MarketplaceRevenueShareAllocationId: "mrsa-ABCdef1234567",
        ProductId: "prod-abc123def4567",
        Arn: ALLOCATION_OUTPUT.Arn,
        EffectiveFrom: "2026-07-01",
        RevenueSharePercent: "15.50",
        Status: "PENDING_REVIEW",
        CreatedDate: new Date(1_767_225_601_123),
      },
    },
    errors: ["AccessDeniedException", "ConflictException", "InternalServerException", "ResourceNotFoundException", "ThrottlingException", "ValidationException"],
  },
  {
    name: "UpdateMarketplaceRevenueShareAllocation",
    input: { ...UPDATE_INPUT, EffectiveFrom: "2099-01-01", EffectiveUntil: "2099-12-31" },
    official: official.UpdateMarketplaceRevenueShareAllocationCommand,
    ours: ours.UpdateMarketplaceRevenueShareAllocationCommand,
    idempotent: true,
    successes: { full: { ...ALLOCATION_OUTPUT, Status: "INACTIVE", LastModifiedDate: new Date(1_767_225_602_999) } },
    errors: ["AccessDeniedException", "ConflictException", "InternalServerException", "ResourceNotFoundException", "ThrottlingException", "ValidationException"],
  },
  {
    name: "StartRevenueAttributionAllocationsTask",
    input: startInput(
      [
        item(0),
        item(1, { Action: "UPDATE", RevenueAttributionAllocationId: "alloc-bbbbbbbbbbbbb", Status: "INACTIVE", EntityType: "OPPORTUNITY" }),
        item(2, { RevenueSharePercent: "100" }),
      ],
      { Description: "Q2 changes" },
    ),
    official: official.StartRevenueAttributionAllocationsTaskCommand,
    ours: ours.StartRevenueAttributionAllocationsTaskCommand,
    idempotent: true,
    successes: {
      started: {
        TaskId: "raatask-abcdefghij123",
        Status: "IN_PROGRESS",
        Catalog: "AWS",
        RevenueAttributionArn: TASK_ARN,
        StartedAt: new Date(1_767_225_600_000),
        TotalRevenueAttributionAllocationRecords: 3,
      },
    },
    errors: ["AccessDeniedException", "ConflictException", "InternalServerException", "ResourceNotFoundException", "ThrottlingException", "ValidationException"],
  },
  {
    name: "GetRevenueAttributionAllocationsTask",
    input: { Catalog: "Sandbox", RevenueAttributionIdentifier: TASK_ARN },
    official: official.GetRevenueAttributionAllocationsTaskCommand,
    ours: ours.GetRevenueAttributionAllocationsTaskCommand,
    idempotent: false,
    successes: {
      complete: {
        TaskId: "raatask-abcdefghij123",
        Status: "COMPLETE",
        Catalog: "AWS",
        RevenueAttributionArn: TASK_ARN,
        StartedAt: new Date(1_767_225_600_000),
        EndedAt: new Date(1_767_225_660_250),
        TotalRevenueAttributionAllocationRecords: 250,
        Description: "batch 1",
        RevenueAttributionLatestRevision: "8",
      },
      failed: {
        TaskId: "raatask-abcdefghij123",
        Status: "FAILED",
        Catalog: "AWS",
        RevenueAttributionArn: TASK_ARN,
        StartedAt: new Date(1_767_225_600_000),
        EndedAt: new Date(1_767_225_660_000),
        TotalRevenueAttributionAllocationRecords: 2,
        ErrorDetailList: [
          ERROR_DETAIL,
          { ...ERROR_DETAIL, RevenueAttributionAllocationId: undefined, Action: "CREATE", ErrorCode: "SOMETHING_NEW" },
        ],
      },
      "unknown status": {
        TaskId: "raatask-abcdefghij123",
        Status: "PAUSED",
        Catalog: "AWS",
        RevenueAttributionArn: TASK_ARN,
        StartedAt: new Date(1_767_225_600_000),
        TotalRevenueAttributionAllocationRecords: 0,
      },
    },
    errors: ["AccessDeniedException", "InternalServerException", "ResourceNotFoundException", "ThrottlingException", "ValidationException"],
  },
];

const ERROR_MEMBERS: Record<string, Record<string, unknown>> = {
  AccessDeniedException: { Reason: "ACCESS_DENIED" },
  ConflictException: { Reason: "REVISION_MISMATCH" },
  InternalServerException: {},
  ResourceNotFoundException: { Reason: "RESOURCE_NOT_FOUND" },
  ThrottlingException: { ServiceCode: "partnercentral", QuotaCode: "L-ABC123" },
  ValidationException: {
    Reason: "REQUEST_VALIDATION_FAILED",
    FieldList: [
      { Name: "RevenueShareAllocations[1].EffectiveUntil", Message: "must be the last day of a month", Code: "INVALID_VALUE" },
      { Name: "ProductId", Message: "unknown product", Code: "SOMETHING_NEW" },
    ],
  },
};
const ERROR_STATUS: Record<string, number> = {
  AccessDeniedException: 403,
  ConflictException: 409,
  InternalServerException: 500,
  ResourceNotFoundException: 404,
  ThrottlingException: 429,
  ValidationException: 400,
};

async function sendBoth(op: Operation, responses: ScriptedResponse[] = [cborResponse({}), cborResponse({})]) {
  server.queue.push(...responses);
  const a = await theirs.send(new op.official(structuredClone(op.input) as never) as never).then(
    (output) => ({ output: output as unknown as Record<string, unknown> }),
    (error: unknown) => ({ error: error as Record<string, unknown> }),
  );
  const b = await mine.send(new op.ours(structuredClone(op.input) as never) as never).then(
    (output) => ({ output: output as Record<string, unknown> }),
    (error: unknown) => ({ error: error as Record<string, unknown> }),
  );
  expect(server.requests).toHaveLength(2);
  return { official: a, ours: b, requests: server.requests.slice() };
}

const PROTOCOL_HEADERS = ["smithy-protocol", "content-type", "accept", "x-amz-target"];

function withoutMetadata(output: Record<string, unknown>): Record<string, unknown> {
  const { $metadata: _m, ...rest } = output;
  return rest;
}

/** A copy without the members whose value is undefined (the encoder omits them). */
function defined<T>(value: T): T {
  if (Array.isArray(value)) return value.map(defined) as T;
  if (value && typeof value === "object" && !(value instanceof Date)) {
    return Object.fromEntries(
      Object.entries(value)
        .filter(([, v]) => v !== undefined)
        .map(([k, v]) => [k, defined(v)]),
    ) as T;
  }
  return value;
}

describe.each(OPERATIONS)("$name", (op) => {
  it("sends the same path, protocol headers and CBOR body", async () => {
    const { requests } = await sendBoth(op);
    const [a, b] = requests as [CaptureServerRequest, CaptureServerRequest];
    expect(b.method).toBe(a.method);
    expect(b.path).toBe(a.path);
    expect(b.path).toBe(`/service/PartnerCentralRevenueMeasurement/operation/${op.name}`);
    for (const h of PROTOCOL_HEADERS) expect(b.headers[h], h).toBe(a.headers[h]);
    const bodyA = a.body as Record<string, unknown>;
    const bodyB = b.body as Record<string, unknown>;
    if (op.idempotent) {
      expect(bodyA.ClientToken).toMatch(UUID_V4);
      expect(bodyB.ClientToken).toMatch(UUID_V4);
      expect(bodyB.ClientToken).not.toBe(bodyA.ClientToken);
    } else {
      expect("ClientToken" in bodyA).toBe(false);
      expect("ClientToken" in bodyB).toBe(false);
    }
    const { ClientToken: _a, ...restA } = bodyA;
    const { ClientToken: _b, ...restB } = bodyB;
    expect(restB).toEqual(restA);
    expect(restB).toEqual(op.input);
    expect(b.headers["content-length"]).toBe(a.headers["content-length"]);
  });

  if (op.idempotent) {
    it("sends a caller's ClientToken exactly as the official client does", async () => {
      const input = { ...op.input, ClientToken: "caller-token-0001" };
      const { requests } = await sendBoth({ ...op, input });
      expect(requests[1]!.body).toEqual(requests[0]!.body);
      // Same bytes up to member order (they follow the model's order, we follow the input's).
      expect(requests[1]!.raw.length).toBe(requests[0]!.raw.length);
    });
  }

  it("signs with SigV4 for service partnercentral in us-east-1, as the official client does", async () => {
    const { requests } = await sendBoth(op);
    const scope = (auth: unknown) => /Credential=([^,]+),/.exec(String(auth))?.[1]?.split("/").slice(2).join("/");
    expect(scope(requests[1]!.headers.authorization)).toBe("us-east-1/partnercentral/aws4_request");
    expect(scope(requests[1]!.headers.authorization)).toBe(scope(requests[0]!.headers.authorization));
    const signed = (auth: unknown) => /SignedHeaders=([^,]+),/.exec(String(auth))?.[1]?.split(";") ?? [];
    // Ours signs a subset of theirs (both sign x-amz-user-agent; user-agent is never signed).
    expect(signed(requests[0]!.headers.authorization)).toEqual(expect.arrayContaining(signed(requests[1]!.headers.authorization)));
    expect(signed(requests[1]!.headers.authorization)).toEqual(
      expect.arrayContaining(["host", "x-amz-date", "content-type", "smithy-protocol", "accept"]),
    );
  });

  it.each(Object.entries(op.successes))("parses the %s success response into the same output", async (_name, body) => {
    const response = () => cborResponse(body, 200, { "x-amzn-requestid": "rid-success" });
    const result = await sendBoth(op, [response(), response()]);
    expect("output" in result.official && "output" in result.ours).toBe(true);
    const a = (result.official as { output: Record<string, unknown> }).output;
    const b = (result.ours as { output: Record<string, unknown> }).output;
    expect(withoutMetadata(b)).toEqual(withoutMetadata(a));
    expect(withoutMetadata(b)).toEqual(defined(body));
    expect(b.$metadata).toEqual({
      httpStatusCode: (a.$metadata as Record<string, unknown>).httpStatusCode,
      requestId: (a.$metadata as Record<string, unknown>).requestId,
      attempts: (a.$metadata as Record<string, unknown>).attempts,
      totalRetryDelay: (a.$metadata as Record<string, unknown>).totalRetryDelay,
    });
    for (const [k, v] of Object.entries(b)) if (v instanceof Date) expect(a[k]).toBeInstanceOf(Date);
  });

  it("keeps every known member when the response also has unknown ones (the official client drops those)", async () => {
    const body = { ...Object.values(op.successes)[0], FutureMember: "x", FutureStruct: { A: 1 } };
    const result = await sendBoth(op, [cborResponse(body), cborResponse(body)]);
    const a = withoutMetadata((result.official as { output: Record<string, unknown> }).output);
    const b = withoutMetadata((result.ours as { output: Record<string, unknown> }).output);
    expect(b).toMatchObject(a);
    expect(Object.keys(a)).not.toContain("FutureMember");
  });

  it.each(op.errors)("parses %s into an equal error", async (type) => {
    const response = () => errorResponse(type, ERROR_STATUS[type]!, { Message: `${type}: details`, ...ERROR_MEMBERS[type] });
    const result = await sendBoth(op, [response(), response()]);
    expect("error" in result.official && "error" in result.ours).toBe(true);
    const a = (result.official as { error: Record<string, unknown> }).error;
    const b = (result.ours as { error: Record<string, unknown> }).error;
    expect(b.name).toBe(a.name);
    expect(b.name).toBe(type);
    expect(b.message).toBe(a.message);
    expect(b.$fault).toBe(a.$fault);
    expect(b.$retryable).toBe(Boolean(a.$retryable));
    for (const member of ["Reason", "FieldList", "ServiceCode", "QuotaCode"]) expect(b[member], member).toEqual(a[member]);
    const ma = a.$metadata as Record<string, unknown>;
    expect(b.$metadata).toEqual({
      httpStatusCode: ma.httpStatusCode,
      requestId: ma.requestId,
      attempts: ma.attempts,
      totalRetryDelay: ma.totalRetryDelay,
    });
    expect(b).toBeInstanceOf((ours as unknown as Record<string, new () => unknown>)[type]);
    expect(a).toBeInstanceOf((official as unknown as Record<string, new () => unknown>)[type]);
  });

  it("without __type, falls back to the HTTP status (API.md), where the official client says 'Unknown'", async () => {
    const response = () => cborResponse({ Message: "no type", Reason: "ACCESS_DENIED" }, 403, { "x-amzn-requestid": "r" });
    const result = await sendBoth(op, [response(), response()]);
    const a = (result.official as { error: Record<string, unknown> }).error;
    const b = (result.ours as { error: Record<string, unknown> }).error;
    expect(a.name).toBe("Unknown"); // a deliberate difference: noticed here if the official client changes
    expect(b).toBeInstanceOf(ours.AccessDeniedException);
    expect(b.Reason).toBe("ACCESS_DENIED");
    expect(b.message).toBe(a.message);
    expect(b.$fault).toBe(a.$fault);
  });
});

type CaptureServerRequest = CaptureServer["requests"][number];
