/**
 * Accept/reject cases for every input constraint of the share, attribution,
 * allocation-read and tagging operations (API.md sections 3 and 6, checked
 * against the service model): each rule is sent once with a valid value (the
 * request goes out) and once with an invalid one (ClientValidationError naming
 * the field and its code, and no request).
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  ClientValidationError,
  CreateMarketplaceRevenueShareCommand,
  CreateRevenueAttributionCommand,
  GetMarketplaceRevenueShareAllocationCommand,
  GetMarketplaceRevenueShareCommand,
  GetRevenueAttributionAllocationCommand,
  ListMarketplaceRevenueShareAllocationsCommand,
  ListMarketplaceRevenueSharesCommand,
  ListRevenueAttributionAllocationsCommand,
  ListRevenueAttributionsCommand,
  ListTagsForResourceCommand,
  PartnerCentralRevenueMeasurementClient,
  TagResourceCommand,
  UntagResourceCommand,
  UpdateRevenueAttributionCommand,
  type Command,
} from "../src/index.js";
import { startCaptureServer, type CaptureServer } from "./helpers/capture-server.js";
import { localClientConfig } from "./helpers/local-client.js";

let server: CaptureServer;
let client: PartnerCentralRevenueMeasurementClient;

beforeAll(async () => {
  server = await startCaptureServer();
  client = new PartnerCentralRevenueMeasurementClient(localClientConfig(server.endpoint));
});
afterAll(async () => {
  client.destroy();
  await server.close();
});

// ------------------------------------------------------------------ fixtures

const PROD = "prod-abc123def4567";
const RA = "ra-abc123def4567";
const RA_ARN = `arn:aws:partnercentral:us-east-1:123456789012:catalog/AWS/revenue-attribution/${RA}`;
const MRS_ARN = `arn:aws:partnercentral:us-east-1:123456789012:catalog/AWS/marketplace-revenue-share/${PROD}`;
const TAG = { Key: "team", Value: "emea" };
const ACCOUNT = "123456789012";
const tags = (n: number) => Array.from({ length: n }, (_, i) => ({ Key: `k${i}`, Value: `v${i}` }));
const repeat = <T>(value: T, n: number): T[] => Array.from({ length: n }, () => value);
const str = (n: number, ch = "a") => ch.repeat(n);

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyCommand = Command<any, any>;
type Ctor = new (input: never) => AnyCommand;

interface Operation {
  command: Ctor;
  base: Record<string, unknown>;
}

const ops = {
  CreateMarketplaceRevenueShare: {
    command: CreateMarketplaceRevenueShareCommand,
    base: { Catalog: "AWS", ClientToken: "token-1", ProductId: PROD, Tags: [TAG] },
  },
  GetMarketplaceRevenueShare: {
    command: GetMarketplaceRevenueShareCommand,
    base: { Catalog: "AWS", ProductId: PROD, Revision: 3 },
  },
  ListMarketplaceRevenueShares: {
    command: ListMarketplaceRevenueSharesCommand,
    base: {
      Catalog: "AWS",
      ProductIds: [PROD],
      ProductCodes: ["abcdefghijklmnopqrstuvwxy"],
      MaxResults: 10,
      NextToken: "next/token==",
      SortBy: "LastModifiedDate",
      SortOrder: "ASCENDING",
      CreatedAfter: new Date("2026-01-01T00:00:00Z"),
      CreatedBefore: new Date("2026-06-30T12:30:00.250Z"),
    },
  },
  GetMarketplaceRevenueShareAllocation: {
    command: GetMarketplaceRevenueShareAllocationCommand,
    base: {
      Catalog: "AWS",
      ProductId: PROD,
      MarketplaceRevenueShareAllocationId: "mrsa-ABCdef1234567",
      MarketplaceRevenueShareRevision: "2",
    },
  },
  ListMarketplaceRevenueShareAllocations: {
    command: ListMarketplaceRevenueShareAllocationsCommand,
    base: {
      Catalog: "AWS",
      ProductId: PROD,
      Status: "ACTIVE",
      AfterEffectiveFrom: "2026-01-01",
      BeforeEffectiveFrom: "2026-12-31",
      SortBy: "EffectiveFrom",
      SortOrder: "DESCENDING",
      MaxResults: 50,
      NextToken: "tok",
      MarketplaceRevenueShareRevision: "1",
    },
  },
  CreateRevenueAttribution: {
    command: CreateRevenueAttributionCommand,
    base: {
      Catalog: "Sandbox",
      ClientToken: "token-2",
      Name: "EMEA resale",
      Description: "Resale through EMEA distributors",
      TenancyModel: "MULTI_TENANT",
      ProductIdentifier: PROD,
      Tags: [TAG],
    },
  },
  UpdateRevenueAttribution: {
    command: UpdateRevenueAttributionCommand,
    base: { Catalog: "AWS", Identifier: RA, ClientToken: "token-3", Description: "new", Revision: "4" },
  },
  ListRevenueAttributions: {
    command: ListRevenueAttributionsCommand,
    base: {
      Catalog: "AWS",
      Identifiers: [RA, RA_ARN],
      CreatedAfter: new Date("2025-01-01T00:00:00Z"),
      CreatedBefore: new Date("2026-01-01T00:00:00Z"),
      SortBy: "LastModifiedDate",
      SortOrder: "DESCENDING",
      MaxResults: 25,
      NextToken: "tok",
    },
  },
  GetRevenueAttributionAllocation: {
    command: GetRevenueAttributionAllocationCommand,
    base: {
      Catalog: "AWS",
      RevenueAttributionIdentifier: RA_ARN,
      RevenueAttributionAllocationId: "alloc-abc123def4567",
      RevenueAttributionRevision: "9",
    },
  },
  ListRevenueAttributionAllocations: {
    command: ListRevenueAttributionAllocationsCommand,
    base: {
      Catalog: "AWS",
      RevenueAttributionIdentifier: RA,
      EntityTypeFilters: ["OFFER", "OPPORTUNITY"],
      EntityIdentifierFilters: ["offer-abc123", "O1234567"],
      CustomerAwsAccountIdFilters: [ACCOUNT],
      StatusFilter: "INACTIVE",
      AfterEffectiveFrom: "2026-01-01",
      BeforeEffectiveFrom: "2026-07-01",
      AfterEffectiveUntil: "2026-01-31",
      BeforeEffectiveUntil: "2027-01-01",
      SortBy: "EffectiveFrom",
      SortOrder: "ASCENDING",
      RevenueAttributionRevision: "12",
      MaxResults: 200,
      NextToken: "tok",
    },
  },
  ListTagsForResource: { command: ListTagsForResourceCommand, base: { resourceArn: RA_ARN } },
  TagResource: { command: TagResourceCommand, base: { resourceArn: MRS_ARN, tags: [TAG] } },
  UntagResource: { command: UntagResourceCommand, base: { resourceArn: RA_ARN, tagKeys: ["team"] } },
} satisfies Record<string, Operation>;

type OpName = keyof typeof ops;

/** Marks a member to leave out of the input. */
const MISSING = Symbol("missing");
/** Marks "keep the base input's value". */
const BASE = Symbol("base");

interface Rule {
  op: OpName;
  /** Member path, also the expected `Name`: `Tags[0].Key`. */
  path: string;
  valid: unknown;
  invalid: unknown;
  code: string;
  title: string;
}

function describeValue(v: unknown): string {
  if (v === MISSING) return "missing";
  if (v instanceof Date) return Number.isNaN(v.getTime()) ? "Invalid Date" : `Date(${v.toISOString()})`;
  if (Array.isArray(v)) return `${v.length} items`;
  if (typeof v === "string" && v.length > 24) return `${v.length} chars`;
  return JSON.stringify(v);
}

const rules: Rule[] = [];
function rule(op: OpName, path: string, valid: unknown, invalid: unknown, code: string): void {
  rules.push({ op, path, valid, invalid, code, title: `${op} ${path}: accepts ${describeValue(valid === BASE ? "base" : valid)}, rejects ${describeValue(invalid)} (${code})` });
}

const LEN = "INVALID_STRING_LENGTH";
const FMT = "INVALID_STRING_FORMAT";
const ENUM = "INVALID_ENUM_VALUE";
const REQ = "REQUIRED_FIELD_MISSING";
const VAL = "INVALID_VALUE";
const NUM = "INVALID_NUMBER_FORMAT";
const SIZE = "TOO_MANY_VALUES";

// CreateMarketplaceRevenueShare
rule("CreateMarketplaceRevenueShare", "Catalog", "Sandbox", "aws", ENUM);
rule("CreateMarketplaceRevenueShare", "Catalog", BASE, MISSING, REQ);
rule("CreateMarketplaceRevenueShare", "ClientToken", `!${str(62)}~`, str(65), LEN);
rule("CreateMarketplaceRevenueShare", "ClientToken", "a", "", LEN);
rule("CreateMarketplaceRevenueShare", "ClientToken", "uuid-like-token", "has space", FMT);
rule("CreateMarketplaceRevenueShare", "ProductId", "prod-0000000000000", "prod-ABC123DEF4567", FMT);
rule("CreateMarketplaceRevenueShare", "ProductId", PROD, "prod-abc", LEN);
rule("CreateMarketplaceRevenueShare", "ProductId", BASE, MISSING, REQ);
rule("CreateMarketplaceRevenueShare", "Tags", [], tags(51), SIZE);
rule("CreateMarketplaceRevenueShare", "Tags", tags(50), "team=emea", VAL);
rule("CreateMarketplaceRevenueShare", "Tags[0].Key", str(128, "k"), "", LEN);
rule("CreateMarketplaceRevenueShare", "Tags[0].Key", "cost center", str(129, "k"), LEN);
rule("CreateMarketplaceRevenueShare", "Tags[0].Key", "päth/ü:é", "a\tb", FMT);
rule("CreateMarketplaceRevenueShare", "Tags[0].Key", BASE, MISSING, REQ);
rule("CreateMarketplaceRevenueShare", "Tags[0].Value", "", str(257, "v"), LEN);
rule("CreateMarketplaceRevenueShare", "Tags[0].Value", str(256, "v"), "x\u007f", FMT);
rule("CreateMarketplaceRevenueShare", "Tags[0].Value", BASE, MISSING, REQ);

// GetMarketplaceRevenueShare
rule("GetMarketplaceRevenueShare", "Revision", 1, 0, VAL);
rule("GetMarketplaceRevenueShare", "Revision", 2_147_483_647, 2_147_483_648, VAL);
rule("GetMarketplaceRevenueShare", "Revision", 7, 1.5, NUM);
rule("GetMarketplaceRevenueShare", "Revision", 7, "7", NUM);
rule("GetMarketplaceRevenueShare", "ProductId", BASE, "prod_abc123def4567", FMT);
rule("GetMarketplaceRevenueShare", "Catalog", "AWS", "Production", ENUM);

// ListMarketplaceRevenueShares
rule("ListMarketplaceRevenueShares", "ProductIds", repeat(PROD, 10), [], SIZE);
rule("ListMarketplaceRevenueShares", "ProductIds", [PROD], repeat(PROD, 11), SIZE);
rule("ListMarketplaceRevenueShares", "ProductIds[1]", PROD, "prod-x", LEN);
rule("ListMarketplaceRevenueShares", "ProductCodes", repeat("code", 10), [], SIZE);
rule("ListMarketplaceRevenueShares", "ProductCodes", ["code"], repeat("code", 11), SIZE);
rule("ListMarketplaceRevenueShares", "ProductCodes[0]", "any text at all", 5, VAL);
rule("ListMarketplaceRevenueShares", "MaxResults", 1, 0, VAL);
rule("ListMarketplaceRevenueShares", "MaxResults", 100, 101, VAL);
rule("ListMarketplaceRevenueShares", "MaxResults", 20, 2.5, NUM);
rule("ListMarketplaceRevenueShares", "NextToken", str(2048), str(2049), LEN);
rule("ListMarketplaceRevenueShares", "NextToken", "a", "", LEN);
rule("ListMarketplaceRevenueShares", "NextToken", "abc+/=", "a b", FMT);
rule("ListMarketplaceRevenueShares", "SortBy", "LastModifiedDate", "EffectiveFrom", ENUM);
rule("ListMarketplaceRevenueShares", "SortOrder", "DESCENDING", "desc", ENUM);
rule("ListMarketplaceRevenueShares", "CreatedAfter", new Date(0), "2026-01-01T00:00:00Z", VAL);
rule("ListMarketplaceRevenueShares", "CreatedAfter", new Date("2030-12-31T23:59:59.999Z"), new Date(Number.NaN), VAL);
rule("ListMarketplaceRevenueShares", "CreatedBefore", new Date("2026-06-01T00:00:00Z"), 1_767_225_600, VAL);
rule("ListMarketplaceRevenueShares", "Catalog", BASE, MISSING, REQ);

// GetMarketplaceRevenueShareAllocation
rule("GetMarketplaceRevenueShareAllocation", "MarketplaceRevenueShareAllocationId", "mrsa-0000000000000", "mrsa-abc_def123456", FMT);
rule("GetMarketplaceRevenueShareAllocation", "MarketplaceRevenueShareAllocationId", BASE, "mrsa-1", LEN);
rule("GetMarketplaceRevenueShareAllocation", "MarketplaceRevenueShareAllocationId", BASE, MISSING, REQ);
rule("GetMarketplaceRevenueShareAllocation", "MarketplaceRevenueShareRevision", "1234567890123456789", "12345678901234567890", LEN);
rule("GetMarketplaceRevenueShareAllocation", "MarketplaceRevenueShareRevision", "10", "0", FMT);
rule("GetMarketplaceRevenueShareAllocation", "MarketplaceRevenueShareRevision", "10", "01", FMT);
rule("GetMarketplaceRevenueShareAllocation", "MarketplaceRevenueShareRevision", "10", 10, VAL);
rule("GetMarketplaceRevenueShareAllocation", "ProductId", BASE, MISSING, REQ);

// ListMarketplaceRevenueShareAllocations
rule("ListMarketplaceRevenueShareAllocations", "Status", "INACTIVE", "DELETED", ENUM);
rule("ListMarketplaceRevenueShareAllocations", "AfterEffectiveFrom", "2024-02-29", "2025-02-29", VAL);
rule("ListMarketplaceRevenueShareAllocations", "AfterEffectiveFrom", "2026-03-15", "2026-13-01", VAL);
rule("ListMarketplaceRevenueShareAllocations", "AfterEffectiveFrom", "2026-01-31", "2026-1-01", LEN);
rule("ListMarketplaceRevenueShareAllocations", "AfterEffectiveFrom", "2026-01-31", "2026/01/01", FMT);
rule("ListMarketplaceRevenueShareAllocations", "BeforeEffectiveFrom", "2026-04-30", "2026-04-31", VAL);
rule("ListMarketplaceRevenueShareAllocations", "SortBy", "EffectiveFrom", "LastModifiedDate", ENUM);
rule("ListMarketplaceRevenueShareAllocations", "SortOrder", "ASCENDING", "UP", ENUM);
rule("ListMarketplaceRevenueShareAllocations", "MaxResults", 100, 101, VAL);
rule("ListMarketplaceRevenueShareAllocations", "NextToken", "tok", "a\nb", FMT);
rule("ListMarketplaceRevenueShareAllocations", "MarketplaceRevenueShareRevision", "3", "abc", FMT);
rule("ListMarketplaceRevenueShareAllocations", "ProductId", BASE, MISSING, REQ);

// CreateRevenueAttribution
rule("CreateRevenueAttribution", "Name", str(128, "N"), "", LEN);
rule("CreateRevenueAttribution", "Name", "~ !", str(129, "N"), LEN);
rule("CreateRevenueAttribution", "Name", "Zurich", "Zürich", FMT);
rule("CreateRevenueAttribution", "Name", "a b", "a\tb", FMT);
rule("CreateRevenueAttribution", "Name", BASE, MISSING, REQ);
rule("CreateRevenueAttribution", "Description", "", str(1025), LEN);
rule("CreateRevenueAttribution", "Description", str(1024), "line\nbreak", FMT);
rule("CreateRevenueAttribution", "TenancyModel", "SINGLE_TENANT", "MULTI", ENUM);
rule("CreateRevenueAttribution", "TenancyModel", BASE, MISSING, REQ);
rule(
  "CreateRevenueAttribution",
  "ProductIdentifier",
  "arn:aws:aws-marketplace:us-east-1:123456789012:AWSMarketplace/SaaSProduct/prod-abc123def4567",
  "",
  LEN,
);
rule("CreateRevenueAttribution", "ProductIdentifier", str(255), str(256), LEN);
rule("CreateRevenueAttribution", "ProductIdentifier", "prod_abc.1-2", "prod abc", FMT);
rule("CreateRevenueAttribution", "Tags", tags(200), [], SIZE);
rule("CreateRevenueAttribution", "Tags", tags(1), tags(201), SIZE);
rule("CreateRevenueAttribution", "Tags[0].Key", "env", "a\u0000", FMT);
rule("CreateRevenueAttribution", "ClientToken", "t", "tok\u00e9n", FMT);
rule("CreateRevenueAttribution", "Catalog", "AWS", "SANDBOX", ENUM);

// UpdateRevenueAttribution
rule("UpdateRevenueAttribution", "Identifier", RA_ARN, "ra-0123456789ABC", FMT);
rule("UpdateRevenueAttribution", "Identifier", "ra-0123456789abc", "ra-123", LEN);
rule(
  "UpdateRevenueAttribution",
  "Identifier",
  `arn:aws-us-gov:partnercentral:us-gov-west-1:123456789012:catalog/Sandbox/revenue-attribution/${RA}`,
  `arn:aws:s3:us-east-1:123456789012:catalog/AWS/revenue-attribution/${RA}`,
  FMT,
);
rule("UpdateRevenueAttribution", "Identifier", BASE, MISSING, REQ);
rule("UpdateRevenueAttribution", "Revision", "9223372036854775807", MISSING, REQ);
rule("UpdateRevenueAttribution", "Revision", "5", "0", FMT);
rule("UpdateRevenueAttribution", "Description", "", str(1025), LEN);
rule("UpdateRevenueAttribution", "ClientToken", str(64), str(65), LEN);

// ListRevenueAttributions
rule("ListRevenueAttributions", "Identifiers", repeat(RA, 100), [], SIZE);
rule("ListRevenueAttributions", "Identifiers", [RA], repeat(RA, 101), SIZE);
rule("ListRevenueAttributions", "Identifiers[0]", RA_ARN, "ra-bad", LEN);
rule("ListRevenueAttributions", "Identifiers[0]", RA_ARN, "ra-ABC123DEF4567", FMT);
rule("ListRevenueAttributions", "CreatedAfter", new Date("2020-02-29T00:00:00Z"), "yesterday", VAL);
rule("ListRevenueAttributions", "CreatedBefore", new Date("2027-01-01T00:00:00Z"), new Date("not a date"), VAL);
rule("ListRevenueAttributions", "SortBy", "LastModifiedDate", "EffectiveFrom", ENUM);
rule("ListRevenueAttributions", "SortOrder", "ASCENDING", "ascending", ENUM);
rule("ListRevenueAttributions", "MaxResults", 100, 101, VAL);
rule("ListRevenueAttributions", "MaxResults", 1, -1, VAL);
rule("ListRevenueAttributions", "NextToken", "t", "", LEN);
rule("ListRevenueAttributions", "Catalog", BASE, MISSING, REQ);

// GetRevenueAttributionAllocation
rule("GetRevenueAttributionAllocation", "RevenueAttributionIdentifier", RA, "rb-abc123def4567", FMT);
rule("GetRevenueAttributionAllocation", "RevenueAttributionIdentifier", BASE, MISSING, REQ);
rule("GetRevenueAttributionAllocation", "RevenueAttributionAllocationId", "alloc-0000000000000", "alloc-ABC123DEF4567", FMT);
rule("GetRevenueAttributionAllocation", "RevenueAttributionAllocationId", BASE, "alloc-abc", LEN);
rule("GetRevenueAttributionAllocation", "RevenueAttributionAllocationId", BASE, MISSING, REQ);
rule("GetRevenueAttributionAllocation", "RevenueAttributionRevision", "1", "1.0", FMT);

// ListRevenueAttributionAllocations
rule("ListRevenueAttributionAllocations", "EntityTypeFilters", ["OPPORTUNITY"], [], SIZE);
rule("ListRevenueAttributionAllocations", "EntityTypeFilters", ["OFFER"], ["OFFER", "OPPORTUNITY", "OFFER"], SIZE);
rule("ListRevenueAttributionAllocations", "EntityTypeFilters[0]", "OPPORTUNITY", "DEAL", ENUM);
rule("ListRevenueAttributionAllocations", "EntityIdentifierFilters", repeat("offer-1", 50), [], SIZE);
rule("ListRevenueAttributionAllocations", "EntityIdentifierFilters", ["offer-1"], repeat("offer-1", 51), SIZE);
rule("ListRevenueAttributionAllocations", "EntityIdentifierFilters[0]", "arn:aws:x/y.z-1", "offer abc", FMT);
rule("ListRevenueAttributionAllocations", "EntityIdentifierFilters[0]", str(255), str(256), LEN);
rule("ListRevenueAttributionAllocations", "CustomerAwsAccountIdFilters", repeat(ACCOUNT, 50), [], SIZE);
rule("ListRevenueAttributionAllocations", "CustomerAwsAccountIdFilters", [ACCOUNT], repeat(ACCOUNT, 51), SIZE);
rule("ListRevenueAttributionAllocations", "CustomerAwsAccountIdFilters[0]", "000000000000", "12345678901", LEN);
rule("ListRevenueAttributionAllocations", "CustomerAwsAccountIdFilters[0]", ACCOUNT, "12345678901a", FMT);
rule("ListRevenueAttributionAllocations", "StatusFilter", "ACTIVE", "active", ENUM);
rule("ListRevenueAttributionAllocations", "AfterEffectiveFrom", "2026-02-28", "2026-02-30", VAL);
rule("ListRevenueAttributionAllocations", "BeforeEffectiveFrom", "2028-02-29", "2026-02-29", VAL);
rule("ListRevenueAttributionAllocations", "AfterEffectiveUntil", "2026-06-30", "2026-06-31", VAL);
rule("ListRevenueAttributionAllocations", "BeforeEffectiveUntil", "2026-12-31", "2026-00-10", VAL);
rule("ListRevenueAttributionAllocations", "BeforeEffectiveUntil", "2026-12-31", "20261231", LEN);
rule("ListRevenueAttributionAllocations", "SortBy", "EffectiveFrom", "LastModifiedDate", ENUM);
rule("ListRevenueAttributionAllocations", "SortOrder", "DESCENDING", "RANDOM", ENUM);
rule("ListRevenueAttributionAllocations", "RevenueAttributionRevision", "1", "-1", FMT);
rule("ListRevenueAttributionAllocations", "MaxResults", 500, 501, VAL);
rule("ListRevenueAttributionAllocations", "MaxResults", 1, 0, VAL);
rule("ListRevenueAttributionAllocations", "MaxResults", 250, "250", NUM);
rule("ListRevenueAttributionAllocations", "NextToken", str(2048), str(2049), LEN);
rule("ListRevenueAttributionAllocations", "RevenueAttributionIdentifier", BASE, MISSING, REQ);

// ListTagsForResource
rule("ListTagsForResource", "resourceArn", MRS_ARN, `arn:aws-cn:partnercentral:cn-northwest-1:123456789012:catalog/AWS/revenue-attribution/${RA}`, FMT);
rule("ListTagsForResource", "resourceArn", `arn:aws:partnercentral:eu-west-1:123456789012:catalog/Sandbox/revenue-attribution/My-Attribution-1`, RA, FMT);
rule("ListTagsForResource", "resourceArn", RA_ARN, MRS_ARN.replace(PROD, "prod-ABC123DEF4567"), FMT);
rule("ListTagsForResource", "resourceArn", RA_ARN, "", LEN);
rule("ListTagsForResource", "resourceArn", RA_ARN, `${RA_ARN.slice(0, -RA.length)}${str(1011 - RA_ARN.length + RA.length + 1)}`, LEN);
rule("ListTagsForResource", "resourceArn", BASE, MISSING, REQ);

// TagResource
rule("TagResource", "tags", tags(200), [], SIZE);
rule("TagResource", "tags", tags(1), tags(201), SIZE);
rule("TagResource", "tags", BASE, MISSING, REQ);
rule("TagResource", "tags[0].Key", str(128), str(129), LEN);
rule("TagResource", "tags[0].Value", "", "tab\there", FMT);
rule("TagResource", "tags[0].Value", BASE, MISSING, REQ);
rule("TagResource", "resourceArn", RA_ARN, "arn:aws:partnercentral:us-east-1:12345:catalog/AWS/revenue-attribution/x", FMT);
rule("TagResource", "resourceArn", BASE, MISSING, REQ);

// UntagResource
rule("UntagResource", "tagKeys", [], "team", VAL);
rule("UntagResource", "tagKeys", BASE, MISSING, REQ);
rule("UntagResource", "tagKeys[0]", str(128), "", LEN);
rule("UntagResource", "tagKeys[0]", "a b", str(129), LEN);
rule("UntagResource", "tagKeys[0]", "team", "\u0000x", FMT);
rule("UntagResource", "resourceArn", MRS_ARN, "arn:aws:partnercentral:us-east-1:123456789012:catalog/AWS/opportunity/O1", FMT);

// ------------------------------------------------------------------ helpers

function pathParts(path: string): (string | number)[] {
  return path.split(/\.|(?=\[)/).map((p) => (p.startsWith("[") ? Number(p.slice(1, -1)) : p));
}

/** A deep copy of `base` with `path` set to `value` (or removed for MISSING). */
function withValue(base: Record<string, unknown>, path: string, value: unknown): Record<string, unknown> {
  const copy = structuredClone(base);
  if (value === BASE) return copy;
  const parts = pathParts(path);
  let target: Record<string | number, unknown> = copy;
  for (const part of parts.slice(0, -1)) target = target[part] as Record<string | number, unknown>;
  const last = parts[parts.length - 1]!;
  if (value === MISSING) delete target[last];
  else target[last] = value;
  return copy;
}

function makeCommand(op: OpName, input: Record<string, unknown>): AnyCommand {
  const { command } = ops[op] as Operation;
  return new command(input as never);
}

async function rejection(op: OpName, input: Record<string, unknown>): Promise<ClientValidationError> {
  const error = await client.send(makeCommand(op, input)).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ClientValidationError);
  return error as ClientValidationError;
}

// -------------------------------------------------------------------- tests

describe("valid inputs", () => {
  it.each(Object.keys(ops) as OpName[])("%s: the representative input is accepted and sent", async (op) => {
    const before = server.requests.length;
    await client.send(makeCommand(op, ops[op].base));
    expect(server.requests).toHaveLength(before + 1);
    expect(server.requests.at(-1)!.path).toBe(`/service/PartnerCentralRevenueMeasurement/operation/${op}`);
  });
});

describe("each constraint accepts a valid value and rejects an invalid one", () => {
  it.each(rules)("$title", async ({ op, path, valid, invalid, code }) => {
    const base = ops[op].base;
    const before = server.requests.length;

    await client.send(makeCommand(op, withValue(base, path, valid)));
    expect(server.requests).toHaveLength(before + 1);

    const error = await rejection(op, withValue(base, path, invalid));
    expect(error.FieldList).toEqual([{ Name: path, Code: code, Message: expect.any(String) }]);
    expect(error.FieldList[0]!.Message.length).toBeGreaterThan(0);
    expect(error.operation).toBe(op);
    expect(server.requests).toHaveLength(before + 1); // nothing sent for the invalid input
  });
});

describe("reporting", () => {
  it("reports every problem of one input at once", async () => {
    const before = server.requests.length;
    const error = await rejection("ListRevenueAttributionAllocations", {
      Catalog: "aws",
      RevenueAttributionIdentifier: RA,
      EntityTypeFilters: ["OFFER", "DEAL"],
      AfterEffectiveUntil: "2026-09-31",
      MaxResults: 1000,
      SortBy: "Name",
    });
    expect(error.FieldList.map((f) => [f.Name, f.Code])).toEqual(
      expect.arrayContaining([
        ["Catalog", ENUM],
        ["EntityTypeFilters[1]", ENUM],
        ["AfterEffectiveUntil", VAL],
        ["MaxResults", VAL],
        ["SortBy", ENUM],
      ]),
    );
    expect(error.FieldList).toHaveLength(5);
    expect(server.requests).toHaveLength(before);
  });

  it("never echoes a customer account id in field messages or the error message", async () => {
    const secret = "98765432109x";
    const error = await rejection("ListRevenueAttributionAllocations", {
      ...ops.ListRevenueAttributionAllocations.base,
      CustomerAwsAccountIdFilters: [ACCOUNT, secret],
    });
    expect(error.FieldList).toEqual([expect.objectContaining({ Name: "CustomerAwsAccountIdFilters[1]", Code: FMT })]);
    expect(error.message).not.toContain("98765432109");
    expect(JSON.stringify(error.FieldList)).not.toContain("98765432109");
  });

  it("rejects a non-object input", async () => {
    const error = await client.send(new TagResourceCommand(null as never)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ClientValidationError);
  });
});

describe("idempotency tokens", () => {
  it.each(["CreateMarketplaceRevenueShare", "CreateRevenueAttribution", "UpdateRevenueAttribution"] as const)(
    "%s: fills ClientToken with a UUID v4 when it is left out, and keeps a given one",
    async (op) => {
      const { ClientToken: given, ...rest } = ops[op].base as Record<string, unknown>;
      await client.send(makeCommand(op, rest));
      const generated = (server.requests.at(-1)!.body as Record<string, unknown>).ClientToken;
      expect(generated).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
      await client.send(makeCommand(op, { ...rest, ClientToken: given }));
      expect((server.requests.at(-1)!.body as Record<string, unknown>).ClientToken).toBe(given);
    },
  );

  it.each(["GetMarketplaceRevenueShare", "ListRevenueAttributions", "TagResource", "UntagResource"] as const)(
    "%s: sends no ClientToken",
    async (op) => {
      await client.send(makeCommand(op, ops[op].base));
      expect(server.requests.at(-1)!.body).not.toHaveProperty("ClientToken");
    },
  );
});
