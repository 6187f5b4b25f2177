/**
 * Differential tests against the official client
 * (`@aws-sdk/client-partnercentral-revenue-measurement`, a devDependency): for
 * the same input both clients must send the same request (path, protocol
 * headers, decoded CBOR body; ClientToken aside), and parse the same canned
 * responses and errors into the same values.
 */
import * as Official from "@aws-sdk/client-partnercentral-revenue-measurement";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import * as Ours from "../src/index.js";
import {
  cborResponse,
  errorResponse,
  startCaptureServer,
  type CaptureServer,
  type CapturedRequest,
  type ScriptedResponse,
} from "./helpers/capture-server.js";
import { localClientConfig, resetCaptureServer } from "./helpers/local-client.js";

let server: CaptureServer;
let ours: Ours.PartnerCentralRevenueMeasurementClient;
let official: Official.PartnerCentralRevenueMeasurementClient;

beforeAll(async () => {
  server = await startCaptureServer();
  const common = localClientConfig(server.endpoint);
  ours = new Ours.PartnerCentralRevenueMeasurementClient(common);
  official = new Official.PartnerCentralRevenueMeasurementClient(common);
});
afterAll(async () => {
  ours.destroy();
  official.destroy();
  await server.close();
});
beforeEach(() => resetCaptureServer(server));

// ------------------------------------------------------------------ fixtures

const PROD = "prod-abc123def4567";
const RA = "ra-abc123def4567";
const RA_ARN = `arn:aws:partnercentral:us-east-1:123456789012:catalog/AWS/revenue-attribution/${RA}`;
const MRS_ARN = `arn:aws:partnercentral:us-east-1:123456789012:catalog/AWS/marketplace-revenue-share/${PROD}`;
const T1 = new Date("2026-07-01T00:00:00Z"); // whole seconds: an integer inside tag 1
const T2 = new Date(1_782_864_000_250); // 2026-07-01T00:00:00.250Z: a float inside tag 1
const T3 = new Date("2025-12-31T23:59:59.5Z");
const PRODUCT = { ProductId: PROD, ProductCode: "abcdefghijklmnopqrstuvwxy", ProductName: "Acme Analytics" };

const allocationOutput = {
  MarketplaceRevenueShareAllocationId: "mrsa-ABCdef1234567",
  ProductId: PROD,
  ProductName: "Acme Analytics",
  Arn: MRS_ARN,
  EffectiveFrom: "2026-07-01",
  EffectiveUntil: "2026-12-31",
  RevenueSharePercent: "15.50",
  Status: "ACTIVE",
  CreatedDate: T1,
  LastModifiedDate: T2,
  LatestMarketplaceRevenueShareRevision: "7",
};

const attributionSummary = (n: number) => ({
  Arn: `${RA_ARN.slice(0, -RA.length)}ra-${String(n).padStart(13, "0")}`,
  Id: `ra-${String(n).padStart(13, "0")}`,
  Catalog: "AWS",
  Name: `Attribution ${n}`,
  TenancyModel: n % 2 ? "MULTI_TENANT" : "SINGLE_TENANT",
  MarketplaceProduct: PRODUCT,
  CreatedDate: T1,
  LastModifiedDate: T2,
  LatestRevision: String(n + 1),
  EffectiveFrom: "2026-01-01",
  EffectiveUntil: "2026-12-31",
  TotalActiveRevenueAttributionAllocationCount: n,
  TotalRevenueAttributionAllocationCount: n + 3,
});

const raAllocationSummary = (n: number) => ({
  RevenueAttributionAllocationId: `alloc-${String(n).padStart(13, "0")}`,
  RevenueAttributionIdentifier: RA,
  EntityType: n % 2 ? "OFFER" : "OPPORTUNITY",
  EntityIdentifier: `offer-${n}`,
  EntityName: `Deal ${n}`,
  CustomerAwsAccountId: "123456789012",
  RevenueSharePercent: "100",
  EffectiveFrom: "2026-07-01",
  EffectiveUntil: "2026-07-31",
  Status: "ACTIVE",
});

interface Case {
  input: Record<string, unknown>;
  /** A canned output holding every output member (`undefined` = no body, for Unit outputs). */
  output?: Record<string, unknown>;
  idempotent?: boolean;
}

const cases: Record<string, Case> = {
  CreateMarketplaceRevenueShare: {
    input: { Catalog: "AWS", ProductId: PROD, Tags: [{ Key: "team", Value: "emea" }, { Key: "empty", Value: "" }] },
    output: {
      ProductId: PROD,
      Arn: MRS_ARN,
      Catalog: "AWS",
      ProductCode: PRODUCT.ProductCode,
      ProductName: PRODUCT.ProductName,
      CreatedDate: T1,
      LastModifiedDate: T2,
      Revision: 1,
    },
    idempotent: true,
  },
  GetMarketplaceRevenueShare: {
    input: { Catalog: "Sandbox", ProductId: PROD, Revision: 3 },
    output: {
      ProductId: PROD,
      Arn: MRS_ARN,
      Catalog: "Sandbox",
      ProductCode: PRODUCT.ProductCode,
      ProductName: PRODUCT.ProductName,
      CreatedDate: T1,
      LastModifiedDate: T3,
      Revision: 3,
      LatestRevision: 5,
      TotalActiveMarketplaceRevenueShareAllocationCount: 2,
      TotalMarketplaceRevenueShareAllocationCount: 4,
    },
  },
  ListMarketplaceRevenueShares: {
    input: {
      Catalog: "AWS",
      ProductIds: [PROD, "prod-0000000000000"],
      ProductCodes: ["code-1"],
      MaxResults: 25,
      NextToken: "page-2",
      SortBy: "LastModifiedDate",
      SortOrder: "DESCENDING",
      CreatedAfter: T2,
      CreatedBefore: T1,
    },
    output: {
      MarketplaceRevenueShareSummaries: [
        {
          ProductId: PROD,
          Arn: MRS_ARN,
          Catalog: "AWS",
          ProductCode: PRODUCT.ProductCode,
          ProductName: PRODUCT.ProductName,
          CreatedDate: T1,
          LastModifiedDate: T2,
          LatestRevision: 9,
          TotalActiveMarketplaceRevenueShareAllocationCount: 1,
          TotalMarketplaceRevenueShareAllocationCount: 2,
        },
        { ProductId: "prod-0000000000000", Arn: "arn-2" },
      ],
      NextToken: "page-3",
    },
  },
  GetMarketplaceRevenueShareAllocation: {
    input: {
      Catalog: "AWS",
      ProductId: PROD,
      MarketplaceRevenueShareAllocationId: "mrsa-ABCdef1234567",
      MarketplaceRevenueShareRevision: "6",
    },
    output: allocationOutput,
  },
  ListMarketplaceRevenueShareAllocations: {
    input: {
      Catalog: "AWS",
      ProductId: PROD,
      Status: "ACTIVE",
      AfterEffectiveFrom: "2026-01-01",
      BeforeEffectiveFrom: "2027-01-01",
      SortBy: "EffectiveFrom",
      SortOrder: "ASCENDING",
      MaxResults: 100,
      NextToken: "abc",
      MarketplaceRevenueShareRevision: "2",
    },
    output: {
      MarketplaceRevenueShareAllocationSummaries: [
        (({ LatestMarketplaceRevenueShareRevision: _, ...summary }) => summary)(allocationOutput),
        { ...allocationOutput, LatestMarketplaceRevenueShareRevision: undefined, Status: "INACTIVE", EffectiveUntil: undefined },
      ].map((s) => JSON.parse(JSON.stringify(s), (k, v) => (k.endsWith("Date") ? new Date(v) : v))),
      NextToken: "def",
    },
  },
  CreateRevenueAttribution: {
    input: {
      Catalog: "AWS",
      Name: "EMEA resale",
      Description: "Resale through EMEA distributors",
      TenancyModel: "SINGLE_TENANT",
      ProductIdentifier: PROD,
      Tags: [{ Key: "team", Value: "emea" }],
    },
    output: {
      Id: RA,
      Arn: RA_ARN,
      Name: "EMEA resale",
      Description: "Resale through EMEA distributors",
      TenancyModel: "SINGLE_TENANT",
      MarketplaceProduct: PRODUCT,
      Revision: "1",
    },
    idempotent: true,
  },
  GetRevenueAttribution: {
    input: { Catalog: "AWS", Identifier: RA_ARN, Revision: "3" },
    output: {
      ...attributionSummary(3),
      Arn: RA_ARN,
      Id: RA,
      Description: "desc",
      Revision: "3",
      LatestRevision: "4",
    },
  },
  UpdateRevenueAttribution: {
    input: { Catalog: "AWS", Identifier: RA, Description: "new description", Revision: "4" },
    output: { Id: RA, Arn: RA_ARN, Description: "new description", LastModifiedDate: T2, LatestRevision: "5" },
    idempotent: true,
  },
  ListRevenueAttributions: {
    input: {
      Catalog: "AWS",
      Identifiers: [RA, RA_ARN],
      CreatedAfter: T3,
      CreatedBefore: T2,
      SortBy: "LastModifiedDate",
      SortOrder: "ASCENDING",
      MaxResults: 2,
      NextToken: "n",
    },
    output: { RevenueAttributionSummaries: [attributionSummary(1), attributionSummary(2)], NextToken: "n2" },
  },
  GetRevenueAttributionAllocation: {
    input: {
      Catalog: "AWS",
      RevenueAttributionIdentifier: RA,
      RevenueAttributionAllocationId: "alloc-abc123def4567",
      RevenueAttributionRevision: "2",
    },
    output: {
      ...raAllocationSummary(1),
      CreatedDate: T1,
      LastModifiedDate: T3,
      RevenueAttributionRevision: "2",
      RevenueAttributionLatestRevision: "5",
    },
  },
  ListRevenueAttributionAllocations: {
    input: {
      Catalog: "AWS",
      RevenueAttributionIdentifier: RA_ARN,
      EntityTypeFilters: ["OFFER", "OPPORTUNITY"],
      EntityIdentifierFilters: ["offer-1", "O123"],
      CustomerAwsAccountIdFilters: ["123456789012", "000000000000"],
      StatusFilter: "ACTIVE",
      AfterEffectiveFrom: "2026-01-01",
      BeforeEffectiveFrom: "2026-07-01",
      AfterEffectiveUntil: "2026-01-31",
      BeforeEffectiveUntil: "2027-01-01",
      SortBy: "EffectiveFrom",
      SortOrder: "DESCENDING",
      RevenueAttributionRevision: "8",
      MaxResults: 500,
      NextToken: "x",
    },
    output: { RevenueAttributionAllocationSummaries: [raAllocationSummary(1), raAllocationSummary(2)], NextToken: "y" },
  },
  ListTagsForResource: {
    input: { resourceArn: MRS_ARN },
    output: { tags: [{ Key: "team", Value: "emea" }, { Key: "cost-center", Value: "" }] },
  },
  TagResource: { input: { resourceArn: RA_ARN, tags: [{ Key: "team", Value: "emea" }] } },
  UntagResource: { input: { resourceArn: MRS_ARN, tagKeys: ["team", "cost-center"] } },
};

// Drop the `undefined` members the fixture helpers above may leave.
for (const c of Object.values(cases)) {
  if (c.output) c.output = JSON.parse(JSON.stringify(c.output), (k, v) => (/Date$/.test(k) ? new Date(v) : v));
}

// ------------------------------------------------------------------ helpers

type AnyCommandCtor = new (input: never) => unknown;

function oursCommand(op: string, input: unknown) {
  const ctor = (Ours as unknown as Record<string, AnyCommandCtor>)[`${op}Command`];
  if (!ctor) throw new Error(`no command ${op} in our client`);
  return new ctor(input as never) as Ours.Command<object, object>;
}

function officialCommand(op: string, input: unknown) {
  const ctor = (Official as unknown as Record<string, AnyCommandCtor>)[`${op}Command`];
  if (!ctor) throw new Error(`no command ${op} in the official client`);
  return new ctor(input as never) as Parameters<typeof official.send>[0];
}

const sendOurs = (op: string, input: unknown) => ours.send(oursCommand(op, input)) as Promise<Record<string, unknown>>;
const sendOfficial = (op: string, input: unknown) =>
  official.send(officialCommand(op, structuredClone(input))) as unknown as Promise<Record<string, unknown>>;

function withoutMetadata(out: Record<string, unknown>): Record<string, unknown> {
  const { $metadata: _, ...rest } = out;
  return rest;
}

const PROTOCOL_HEADERS = ["smithy-protocol", "content-type", "accept"] as const;

function protocolHeaders(req: CapturedRequest) {
  return Object.fromEntries(PROTOCOL_HEADERS.map((h) => [h, req.headers[h]]));
}

function splitToken(body: unknown): { token: unknown; rest: Record<string, unknown> } {
  const { ClientToken: token, ...rest } = body as Record<string, unknown>;
  return { token, rest };
}

const okResponse = (output: Record<string, unknown> | undefined): ScriptedResponse =>
  output === undefined
    ? { status: 200, headers: { "smithy-protocol": "rpc-v2-cbor", "x-amzn-requestid": "rid-ok" } }
    : cborResponse(output, 200, { "x-amzn-requestid": "rid-ok" });

// -------------------------------------------------------------------- tests

describe.each(Object.keys(cases))("%s: ours vs the official client", (op) => {
  const c = cases[op]!;

  it("sends the same request", async () => {
    server.fallback = () => okResponse(c.output);
    await sendOurs(op, c.input);
    await sendOfficial(op, c.input);
    server.fallback = () => cborResponse({});
    expect(server.requests).toHaveLength(2);
    const [a, b] = server.requests as [CapturedRequest, CapturedRequest];

    expect(a.method).toBe("POST");
    expect(a.method).toBe(b.method);
    expect(a.path).toBe(`/service/PartnerCentralRevenueMeasurement/operation/${op}`);
    expect(a.path).toBe(b.path);
    expect(protocolHeaders(a)).toEqual({
      "smithy-protocol": "rpc-v2-cbor",
      "content-type": "application/cbor",
      accept: "application/cbor",
    });
    expect(protocolHeaders(a)).toEqual(protocolHeaders(b));
    expect(a.headers["x-amz-target"]).toBeUndefined();

    const mine = splitToken(a.body);
    const theirs = splitToken(b.body);
    expect(mine.rest).toStrictEqual(theirs.rest);
    expect(mine.rest).toStrictEqual(c.input);
    if (c.idempotent) {
      expect(mine.token).toMatch(/^[!-~]{1,64}$/);
      expect(theirs.token).toMatch(/^[!-~]{1,64}$/);
    } else {
      expect(mine.token).toBeUndefined();
      expect(theirs.token).toBeUndefined();
    }
  });

  if (c.idempotent) {
    it("sends a caller's ClientToken unchanged, like the official client", async () => {
      const input = { ...c.input, ClientToken: "caller-token-~!" };
      await sendOurs(op, input);
      await sendOfficial(op, input);
      expect((server.requests[0]!.body as Record<string, unknown>).ClientToken).toBe("caller-token-~!");
      expect(server.requests[0]!.body).toStrictEqual(server.requests[1]!.body);
    });
  }

  it("parses a response with every output member to the same values", async () => {
    server.queue.push(okResponse(c.output), okResponse(c.output));
    const mine = await sendOurs(op, c.input);
    const theirs = await sendOfficial(op, c.input);
    expect(withoutMetadata(mine)).toStrictEqual(c.output ?? {});
    expect(withoutMetadata(theirs)).toEqual(withoutMetadata(mine));
    expect(mine.$metadata).toMatchObject({ httpStatusCode: 200, requestId: "rid-ok" });
    expect(theirs.$metadata).toMatchObject({ httpStatusCode: 200, requestId: "rid-ok" });
    for (const [key, value] of Object.entries(c.output ?? {})) {
      if (value instanceof Date) expect(mine[key]).toBeInstanceOf(Date);
    }
  });
});

const ERRORS: [name: string, status: number, members: Record<string, unknown>][] = [
  ["AccessDeniedException", 403, { Message: "You may not", Reason: "ACCESS_DENIED" }],
  ["ConflictException", 409, { Message: "Stale revision", Reason: "REVISION_MISMATCH" }],
  ["InternalServerException", 500, { Message: "Something broke" }],
  ["ResourceNotFoundException", 404, { Message: "No such thing", Reason: "RESOURCE_NOT_FOUND" }],
  ["ServiceQuotaExceededException", 402, { Message: "Too many tags", Reason: "TAG_LIMIT_EXCEEDED" }],
  ["ThrottlingException", 429, { Message: "Slow down", ServiceCode: "partnercentral", QuotaCode: "L-12345" }],
  [
    "ValidationException",
    400,
    {
      Message: "Invalid input",
      Reason: "BUSINESS_VALIDATION_FAILED",
      FieldList: [
        { Name: "EffectiveFrom", Message: "must be in the future", Code: "INVALID_VALUE" },
        { Name: "Tags[3].Key", Message: "duplicate", Code: "DUPLICATE_VALUE" },
      ],
    },
  ],
];

async function failure(promise: Promise<unknown>): Promise<Record<string, unknown> & Error> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(Error);
  return error as Record<string, unknown> & Error;
}

function compareErrors(mine: Record<string, unknown> & Error, theirs: Record<string, unknown> & Error, name: string, members: Record<string, unknown>, status: number) {
  expect(mine.name).toBe(name);
  expect(theirs.name).toBe(name);
  expect(mine.message).toBe(members.Message);
  expect(theirs.message).toBe(mine.message);
  expect(mine.$fault).toBe(status >= 500 ? "server" : "client");
  expect(theirs.$fault).toBe(mine.$fault);
  for (const [key, value] of Object.entries(members)) {
    if (key === "Message") continue;
    expect(mine[key]).toStrictEqual(value);
    expect(theirs[key]).toEqual(mine[key]);
  }
  const mineMeta = mine.$metadata as Record<string, unknown>;
  const theirMeta = theirs.$metadata as Record<string, unknown>;
  expect(mineMeta.httpStatusCode).toBe(status);
  expect(theirMeta.httpStatusCode).toBe(status);
  expect(mineMeta.requestId).toBe(theirMeta.requestId);
}

describe.each(Object.keys(cases))("%s: canned errors, ours vs the official client", (op) => {
  const c = cases[op]!;
  it.each(ERRORS)("%s (HTTP %i)", async (name, status, members) => {
    server.queue.push(errorResponse(name, status, members), errorResponse(name, status, members));
    const mine = await failure(sendOurs(op, c.input));
    const theirs = await failure(sendOfficial(op, c.input));
    expect(mine).toBeInstanceOf((Ours as unknown as Record<string, new () => Error>)[name]!);
    expect(mine).toBeInstanceOf(Ours.PartnerCentralRevenueMeasurementServiceException);
    compareErrors(mine, theirs, name, members, status);
  });
});

describe("error type names", () => {
  it("both drop the namespace and anything after ':' in __type", async () => {
    const body = {
      __type: "com.amazonaws.partnercentralrevenuemeasurement#ConflictException:http://internal.amazon.com/coral/",
      Message: "Token reused",
      Reason: "CONFLICT_CLIENT_TOKEN",
    };
    server.queue.push(cborResponse(body, 409), cborResponse(body, 409));
    const mine = await failure(sendOurs("UpdateRevenueAttribution", cases.UpdateRevenueAttribution!.input));
    const theirs = await failure(sendOfficial("UpdateRevenueAttribution", cases.UpdateRevenueAttribution!.input));
    compareErrors(mine, theirs, "ConflictException", { Message: "Token reused", Reason: "CONFLICT_CLIENT_TOKEN" }, 409);
  });
});

// ------------------------------------------------- member names vs the official model types

/**
 * Compile-time checks (run by `tsc --noEmit`): every input and output interface
 * has exactly the official client's member names, with the same members required.
 */
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
type RequiredKeys<T> = { [K in keyof T]-?: object extends Pick<T, K> ? never : K }[keyof T];
type SameMembers<A, B> = Same<keyof A, keyof B> extends true ? Same<RequiredKeys<A>, RequiredKeys<B>> : false;
const sameMembers = <T extends true>(): T | undefined => undefined;

it("input and output interfaces name and require the same members as the official model", () => {
  const checks = [
    sameMembers<SameMembers<Ours.CreateMarketplaceRevenueShareInput, Official.CreateMarketplaceRevenueShareInput>>(),
    sameMembers<SameMembers<Ours.CreateMarketplaceRevenueShareOutput, Official.CreateMarketplaceRevenueShareOutput>>(),
    sameMembers<SameMembers<Ours.GetMarketplaceRevenueShareInput, Official.GetMarketplaceRevenueShareInput>>(),
    sameMembers<SameMembers<Ours.GetMarketplaceRevenueShareOutput, Official.GetMarketplaceRevenueShareOutput>>(),
    sameMembers<SameMembers<Ours.ListMarketplaceRevenueSharesInput, Official.ListMarketplaceRevenueSharesInput>>(),
    sameMembers<SameMembers<Ours.ListMarketplaceRevenueSharesOutput, Official.ListMarketplaceRevenueSharesOutput>>(),
    sameMembers<SameMembers<Ours.GetMarketplaceRevenueShareAllocationInput, Official.GetMarketplaceRevenueShareAllocationInput>>(),
    sameMembers<SameMembers<Ours.GetMarketplaceRevenueShareAllocationOutput, Official.GetMarketplaceRevenueShareAllocationOutput>>(),
    sameMembers<SameMembers<Ours.ListMarketplaceRevenueShareAllocationsInput, Official.ListMarketplaceRevenueShareAllocationsInput>>(),
    sameMembers<SameMembers<Ours.ListMarketplaceRevenueShareAllocationsOutput, Official.ListMarketplaceRevenueShareAllocationsOutput>>(),
    sameMembers<SameMembers<Ours.CreateRevenueAttributionInput, Official.CreateRevenueAttributionInput>>(),
    sameMembers<SameMembers<Ours.CreateRevenueAttributionOutput, Official.CreateRevenueAttributionOutput>>(),
    sameMembers<SameMembers<Ours.GetRevenueAttributionInput, Official.GetRevenueAttributionInput>>(),
    sameMembers<SameMembers<Ours.GetRevenueAttributionOutput, Official.GetRevenueAttributionOutput>>(),
    sameMembers<SameMembers<Ours.UpdateRevenueAttributionInput, Official.UpdateRevenueAttributionInput>>(),
    sameMembers<SameMembers<Ours.UpdateRevenueAttributionOutput, Official.UpdateRevenueAttributionOutput>>(),
    sameMembers<SameMembers<Ours.ListRevenueAttributionsInput, Official.ListRevenueAttributionsInput>>(),
    sameMembers<SameMembers<Ours.ListRevenueAttributionsOutput, Official.ListRevenueAttributionsOutput>>(),
    sameMembers<SameMembers<Ours.GetRevenueAttributionAllocationInput, Official.GetRevenueAttributionAllocationInput>>(),
    sameMembers<SameMembers<Ours.GetRevenueAttributionAllocationOutput, Official.GetRevenueAttributionAllocationOutput>>(),
    sameMembers<SameMembers<Ours.ListRevenueAttributionAllocationsInput, Official.ListRevenueAttributionAllocationsInput>>(),
    sameMembers<SameMembers<Ours.ListRevenueAttributionAllocationsOutput, Official.ListRevenueAttributionAllocationsOutput>>(),
    sameMembers<SameMembers<Ours.ListTagsForResourceInput, Official.ListTagsForResourceInput>>(),
    sameMembers<SameMembers<Ours.ListTagsForResourceOutput, Official.ListTagsForResourceOutput>>(),
    sameMembers<SameMembers<Ours.TagResourceInput, Official.TagResourceInput>>(),
    sameMembers<SameMembers<Ours.UntagResourceInput, Official.UntagResourceInput>>(),
  ];
  expect(checks).toHaveLength(26);
});
