/**
 * Local validation of the four core inputs (API.md sections 3–4): every rule
 * has accepting and rejecting cases, with the field path and the service's code.
 */
import type { OperationSpec } from "../src/command.js";
import { collectIssues } from "../src/validation/core.js";
import { describe, expect, it } from "vitest";
import {
  ClientValidationError,
  CreateMarketplaceRevenueShareAllocationCommand,
  GetRevenueAttributionAllocationsTaskCommand,
  PartnerCentralRevenueMeasurementClient,
  StartRevenueAttributionAllocationsTaskCommand,
  UpdateMarketplaceRevenueShareAllocationCommand,
  isCalendarDate,
  isFirstDayOfMonth,
  isLastDayOfMonth,
  validateRevenueShareAllocations,
  type ValidationExceptionField,
} from "../src/index.js";
import {
  CREATE_INPUT,
  CREDS,
  FakeHandler,
  GET_TASK_INPUT,
  ManualClock,
  NOW,
  UPDATE_INPUT,
  item,
  startInput,
} from "./helpers/core-fakes.js";

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyCommand = new (input: never) => { spec: OperationSpec<any>; input: unknown };

function issuesOf(Cmd: AnyCommand, input: unknown, now = NOW): ValidationExceptionField[] {
  const cmd = new Cmd(input as never);
  return collectIssues(cmd.spec.schema, cmd.spec.rules, cmd.input, { now });
}

/** Returns a deep copy of `base` with the member at `path` (e.g. `RevenueShareAllocations[3].Status`) set or removed. */
function withValue(base: Record<string, unknown>, path: string, value: unknown): Record<string, unknown> {
  const copy = structuredClone(base);
  const parts = path.split(/\.|\[(\d+)\]/).filter((p) => p !== undefined && p !== "");
  let cur: Record<string, unknown> = copy;
  for (const p of parts.slice(0, -1)) cur = cur[p] as Record<string, unknown>;
  const last = parts.at(-1)!;
  if (value === ABSENT) delete cur[last];
  else cur[last] = value;
  return copy;
}

const ABSENT = Symbol("absent");
const OK = null;
type Case = [path: string, value: unknown, code: string | null];

function runCases(Cmd: AnyCommand, base: Record<string, unknown>, cases: Case[]): void {
  it("accepts the base input", () => {
    expect(issuesOf(Cmd, base)).toEqual([]);
  });
  it.each(cases)("%s = %j → %s", (path, value, code) => {
    const issues = issuesOf(Cmd, withValue(base, path, value));
    if (code === OK) {
      expect(issues).toEqual([]);
    } else {
      expect(issues.map(({ Name, Code }) => ({ Name, Code }))).toEqual([{ Name: path, Code: code }]);
      expect(issues[0]!.Message.length).toBeGreaterThan(0);
    }
  });
}

const long = (n: number, ch = "a"): string => ch.repeat(n);

// Rules shared by several inputs.
const catalogCases = (p = "Catalog"): Case[] => [
  [p, "AWS", OK],
  [p, "Sandbox", OK],
  [p, "aws", "INVALID_ENUM_VALUE"],
  [p, "SANDBOX", "INVALID_ENUM_VALUE"],
  [p, ABSENT, "REQUIRED_FIELD_MISSING"],
  [p, 1, "INVALID_ENUM_VALUE"],
];
const productIdCases = (p = "ProductId"): Case[] => [
  [p, "prod-0123456789abc", OK],
  [p, "prod-abc123def456", "INVALID_STRING_LENGTH"],
  [p, "prod-abc123def45678", "INVALID_STRING_LENGTH"],
  [p, "prod-ABC123DEF4567", "INVALID_STRING_FORMAT"],
  [p, "prad-abc123def4567", "INVALID_STRING_FORMAT"],
  [p, "prod-abc123def45_7", "INVALID_STRING_FORMAT"],
  [p, ABSENT, "REQUIRED_FIELD_MISSING"],
  [p, 12, "INVALID_VALUE"],
];
const clientTokenCases = (p = "ClientToken"): Case[] => [
  [p, "a", OK],
  [p, long(64, "!"), OK],
  [p, "3f0c7a3e-4a1b-4a8e-9c1e-2f6f2b7c9d10", OK],
  [p, "~!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}", OK],
  [p, "", "INVALID_STRING_LENGTH"],
  [p, long(65), "INVALID_STRING_LENGTH"],
  [p, "has space", "INVALID_STRING_FORMAT"],
  [p, "tab\there", "INVALID_STRING_FORMAT"],
  [p, "ümlaut", "INVALID_STRING_FORMAT"],
];
const percentCases = (p: string, required: boolean): Case[] => [
  [p, "0", OK],
  [p, "5", OK],
  [p, "15.5", OK],
  [p, "15.50", OK],
  [p, "100", OK],
  [p, "100.00", OK],
  [p, "100.01", "INVALID_VALUE"], // a share of more than the whole: the pattern allows it, the rule does not
  [p, "999.99", "INVALID_VALUE"],
  [p, "", "INVALID_STRING_LENGTH"],
  [p, "1000.00", "INVALID_STRING_LENGTH"],
  [p, "1000", "INVALID_STRING_FORMAT"],
  [p, "15.505", "INVALID_STRING_FORMAT"],
  [p, "15,50", "INVALID_STRING_FORMAT"],
  [p, "15.", "INVALID_STRING_FORMAT"],
  [p, ".5", "INVALID_STRING_FORMAT"],
  [p, "-1", "INVALID_STRING_FORMAT"],
  [p, "1e2", "INVALID_STRING_FORMAT"],
  [p, 15.5, "INVALID_VALUE"],
  [p, ABSENT, required ? "REQUIRED_FIELD_MISSING" : OK],
];
const revisionCases = (p: string): Case[] => [
  [p, "1", OK],
  [p, "42", OK],
  [p, "9".repeat(19), OK],
  [p, "", "INVALID_STRING_LENGTH"],
  [p, "1".repeat(20), "INVALID_STRING_LENGTH"],
  [p, "0", "INVALID_STRING_FORMAT"],
  [p, "07", "INVALID_STRING_FORMAT"],
  [p, "1a", "INVALID_STRING_FORMAT"],
  [p, "-3", "INVALID_STRING_FORMAT"],
  [p, 3, "INVALID_VALUE"],
  [p, ABSENT, "REQUIRED_FIELD_MISSING"],
];
const attributionIdCases = (p = "RevenueAttributionIdentifier"): Case[] => [
  [p, "ra-0123456789abc", OK],
  [p, "arn:aws:partnercentral:us-east-1:123456789012:catalog/AWS/revenue-attribution/ra-abcdefghij123", OK],
  [p, "arn:aws-cn:partnercentral:cn-north-1:123456789012:catalog/Sandbox/revenue-attribution/ra-abcdefghij123", OK],
  [p, "ra-abcdefghij12", "INVALID_STRING_LENGTH"],
  [p, "arn:aws:partnercentral:" + long(1000, "x"), "INVALID_STRING_LENGTH"],
  [p, "ra-ABCDEFGHIJ123", "INVALID_STRING_FORMAT"],
  [p, "ra-abcdefghij1234", "INVALID_STRING_FORMAT"],
  [p, "xx-abcdefghij123", "INVALID_STRING_FORMAT"],
  [p, "arn:aws:partnercentral:us-east-1:12345678901:catalog/AWS/revenue-attribution/ra-abcdefghij123", "INVALID_STRING_FORMAT"],
  [p, "arn:aws:partnercentral:us-east-1:123456789012:catalog/AWS/marketplace-revenue-share/ra-abcdefghij123", "INVALID_STRING_FORMAT"],
  [p, ABSENT, "REQUIRED_FIELD_MISSING"],
];
/** A required or optional date that must be the first day of a month. */
const firstDayCases = (p: string, required: boolean): Case[] => [
  [p, "2026-01-01", OK],
  [p, "2026-02-01", OK],
  [p, "2026-07-02", "INVALID_VALUE"],
  [p, "2026-02-30", "INVALID_VALUE"],
  [p, "2026-13-01", "INVALID_VALUE"],
  [p, "2026-00-01", "INVALID_VALUE"],
  [p, "2026-01-00", "INVALID_VALUE"],
  [p, "2026-1-01", "INVALID_STRING_LENGTH"],
  [p, "2026-01-001", "INVALID_STRING_LENGTH"],
  [p, "2026/01/01", "INVALID_STRING_FORMAT"],
  [p, "01-01-2026", "INVALID_STRING_FORMAT"],
  [p, "２０２６-01-01", "INVALID_STRING_FORMAT"],
  [p, new Date(Date.UTC(2026, 0, 1)), "INVALID_VALUE"],
  [p, ABSENT, required ? "REQUIRED_FIELD_MISSING" : OK],
];
/** A date that must be the last day of a month, and not before `2026-04-01` (the base inputs' EffectiveFrom or later). */
const lastDayCases = (p: string, required: boolean): Case[] => [
  [p, "2026-12-31", OK],
  [p, "2026-11-30", OK],
  [p, "2027-02-28", OK],
  [p, "2028-02-29", OK],
  [p, "2027-02-29", "INVALID_VALUE"],
  [p, "2026-11-31", "INVALID_VALUE"],
  [p, "2026-12-30", "INVALID_VALUE"],
  [p, "2026-12-01", "INVALID_VALUE"],
  [p, "2026-12-32", "INVALID_VALUE"],
  [p, "2026-12-3", "INVALID_STRING_LENGTH"],
  [p, "2026.12.31", "INVALID_STRING_FORMAT"],
  [p, ABSENT, required ? "REQUIRED_FIELD_MISSING" : OK],
];

describe("CreateMarketplaceRevenueShareAllocation input", () => {
  runCases(CreateMarketplaceRevenueShareAllocationCommand, { ...CREATE_INPUT }, [
    ...catalogCases(),
    ...productIdCases(),
    ...clientTokenCases(),
    ...firstDayCases("EffectiveFrom", true),
    ...lastDayCases("EffectiveUntil", false),
    ...percentCases("RevenueSharePercent", true),
    // EffectiveUntil not before EffectiveFrom (2026-07-01)
    ["EffectiveUntil", "2026-07-31", OK],
    ["EffectiveUntil", "2026-06-30", "INVALID_VALUE"],
  ]);

  it("reports every problem at once, one per field", () => {
    const issues = issuesOf(CreateMarketplaceRevenueShareAllocationCommand, {
      Catalog: "Nope",
      ProductId: "prod-x",
      EffectiveFrom: "2026-07-15",
      EffectiveUntil: "2026-03-31",
      RevenueSharePercent: "abc",
    });
    expect(issues.map((i) => [i.Name, i.Code])).toEqual([
      ["Catalog", "INVALID_ENUM_VALUE"],
      ["ProductId", "INVALID_STRING_LENGTH"],
      ["EffectiveFrom", "INVALID_VALUE"],
      ["RevenueSharePercent", "INVALID_STRING_FORMAT"],
      ["EffectiveUntil", "INVALID_VALUE"], // a real date, but before the (real, if misplaced) EffectiveFrom
    ]);
  });

  it("does not compare dates when EffectiveFrom is itself invalid", () => {
    const issues = issuesOf(CreateMarketplaceRevenueShareAllocationCommand, {
      ...CREATE_INPUT,
      EffectiveFrom: "garbage-xx",
      EffectiveUntil: "2026-01-31",
    });
    expect(issues.map((i) => i.Name)).toEqual(["EffectiveFrom"]);
  });

  it("rejects an input that is not an object", () => {
    expect(issuesOf(CreateMarketplaceRevenueShareAllocationCommand, null)).toEqual([
      { Name: "input", Code: "INVALID_VALUE", Message: "must be an object" },
    ]);
    expect(issuesOf(CreateMarketplaceRevenueShareAllocationCommand, [])[0]!.Code).toBe("INVALID_VALUE");
  });

  it("ignores members it does not know", () => {
    expect(issuesOf(CreateMarketplaceRevenueShareAllocationCommand, { ...CREATE_INPUT, Extra: 1 })).toEqual([]);
  });
});

describe("UpdateMarketplaceRevenueShareAllocation input (today = 2026-03-15 UTC)", () => {
  runCases(UpdateMarketplaceRevenueShareAllocationCommand, { ...UPDATE_INPUT }, [
    ...catalogCases(),
    ...productIdCases(),
    ["MarketplaceRevenueShareAllocationId", "mrsa-abcDEF0123456", OK],
    ["MarketplaceRevenueShareAllocationId", "mrsa-abcDEF012345", "INVALID_STRING_LENGTH"],
    ["MarketplaceRevenueShareAllocationId", "mrsa-abcDEF01234567", "INVALID_STRING_LENGTH"],
    ["MarketplaceRevenueShareAllocationId", "mrsa-abcDEF01234-6", "INVALID_STRING_FORMAT"],
    ["MarketplaceRevenueShareAllocationId", "MRSA-abcDEF0123456", "INVALID_STRING_FORMAT"],
    ["MarketplaceRevenueShareAllocationId", ABSENT, "REQUIRED_FIELD_MISSING"],
    ...revisionCases("MarketplaceRevenueShareRevision"),
    ...clientTokenCases(),
    ...firstDayCases("EffectiveFrom", false),
    ...lastDayCases("EffectiveUntil", false),
    // on or after today (UTC)
    ["EffectiveUntil", "2026-03-31", OK],
    ["EffectiveUntil", "2026-02-28", "INVALID_VALUE"],
    ["EffectiveUntil", "2025-12-31", "INVALID_VALUE"],
    ...percentCases("RevenueSharePercent", false),
    ["Status", "ACTIVE", OK],
    ["Status", "INACTIVE", OK],
    ["Status", "active", "INVALID_ENUM_VALUE"],
    ["Status", "DELETED", "INVALID_ENUM_VALUE"],
    ["Status", ABSENT, OK],
  ]);

  it("EffectiveUntil must not be before a given EffectiveFrom", () => {
    const input = { ...UPDATE_INPUT, EffectiveFrom: "2026-10-01", EffectiveUntil: "2026-09-30" };
    expect(issuesOf(UpdateMarketplaceRevenueShareAllocationCommand, input)).toMatchObject([
      { Name: "EffectiveUntil", Code: "INVALID_VALUE" },
    ]);
  });

  it("'today' comes from the clock, in UTC, and today itself is allowed", () => {
    const input = { ...UPDATE_INPUT, EffectiveUntil: "2026-03-31" };
    const last = Date.UTC(2026, 2, 31, 23, 59, 59);
    const next = Date.UTC(2026, 3, 1, 0, 0, 0);
    expect(issuesOf(UpdateMarketplaceRevenueShareAllocationCommand, input, last)).toEqual([]);
    expect(issuesOf(UpdateMarketplaceRevenueShareAllocationCommand, input, next)).toMatchObject([
      { Name: "EffectiveUntil", Code: "INVALID_VALUE", Message: expect.stringContaining("2026-04-01") },
    ]);
  });

  it("accepts an update that changes nothing but Status", () => {
    const { EffectiveUntil: _u, RevenueSharePercent: _p, ...rest } = UPDATE_INPUT;
    expect(issuesOf(UpdateMarketplaceRevenueShareAllocationCommand, { ...rest, Status: "INACTIVE" })).toEqual([]);
  });
});

describe("GetRevenueAttributionAllocationsTask input", () => {
  runCases(GetRevenueAttributionAllocationsTaskCommand, { ...GET_TASK_INPUT }, [
    ...catalogCases(),
    ...attributionIdCases(),
  ]);
});

describe("StartRevenueAttributionAllocationsTask input", () => {
  runCases(StartRevenueAttributionAllocationsTaskCommand, startInput([item(0), item(1)]), [
    ...catalogCases(),
    ...attributionIdCases(),
    ...revisionCases("RevenueAttributionRevision"),
    ...clientTokenCases(),
    ["Description", "", OK],
    ["Description", "Q3 changes: ~!@#$%^&*()_+ {}", OK],
    ["Description", long(1024, " "), OK],
    ["Description", long(1025), "INVALID_STRING_LENGTH"],
    ["Description", "line\nbreak", "INVALID_STRING_FORMAT"],
    ["Description", "café", "INVALID_STRING_FORMAT"],
    ["Description", "\x7f", "INVALID_STRING_FORMAT"],
    ["RevenueShareAllocations", ABSENT, "REQUIRED_FIELD_MISSING"],
    ["RevenueShareAllocations", [], "TOO_MANY_VALUES"],
    ["RevenueShareAllocations", Array.from({ length: 251 }, (_, i) => item(i)), "TOO_MANY_VALUES"],
    ["RevenueShareAllocations", Array.from({ length: 250 }, (_, i) => item(i)), OK],
    ["RevenueShareAllocations", "not a list", "INVALID_VALUE"],
    ["RevenueShareAllocations[1]", null, "INVALID_VALUE"],
    ["RevenueShareAllocations[1]", "x", "INVALID_VALUE"],
    // item members
    ["RevenueShareAllocations[1].Action", "CREATE", OK],
    ["RevenueShareAllocations[1].Action", "DELETE", "INVALID_ENUM_VALUE"],
    ["RevenueShareAllocations[1].Action", "create", "INVALID_ENUM_VALUE"],
    ["RevenueShareAllocations[1].Action", ABSENT, "REQUIRED_FIELD_MISSING"],
    ["RevenueShareAllocations[1].RevenueAttributionAllocationId", "alloc-0123456789abc", OK],
    ["RevenueShareAllocations[1].RevenueAttributionAllocationId", "alloc-0123456789ab", "INVALID_STRING_LENGTH"],
    ["RevenueShareAllocations[1].RevenueAttributionAllocationId", "alloc-0123456789ABC", "INVALID_STRING_FORMAT"],
    ["RevenueShareAllocations[1].RevenueAttributionAllocationId", "alloc_0123456789abc", "INVALID_STRING_FORMAT"],
    ["RevenueShareAllocations[1].EntityType", "OPPORTUNITY", OK],
    ["RevenueShareAllocations[1].EntityType", "ACCOUNT", "INVALID_ENUM_VALUE"],
    ["RevenueShareAllocations[1].EntityType", ABSENT, "REQUIRED_FIELD_MISSING"],
    ["RevenueShareAllocations[1].EntityIdentifier", "O-12_ab:c/d.e", OK],
    ["RevenueShareAllocations[1].EntityIdentifier", long(255, "z"), OK],
    ["RevenueShareAllocations[1].EntityIdentifier", "", "INVALID_STRING_LENGTH"],
    ["RevenueShareAllocations[1].EntityIdentifier", long(256, "z"), "INVALID_STRING_LENGTH"],
    ["RevenueShareAllocations[1].EntityIdentifier", "offer 1", "INVALID_STRING_FORMAT"],
    ["RevenueShareAllocations[1].EntityIdentifier", "offer#1", "INVALID_STRING_FORMAT"],
    ["RevenueShareAllocations[1].EntityIdentifier", ABSENT, "REQUIRED_FIELD_MISSING"],
    ["RevenueShareAllocations[1].CustomerAwsAccountId", "000000000000", OK],
    ["RevenueShareAllocations[1].CustomerAwsAccountId", "12345678901", "INVALID_STRING_LENGTH"],
    ["RevenueShareAllocations[1].CustomerAwsAccountId", "1234567890123", "INVALID_STRING_LENGTH"],
    ["RevenueShareAllocations[1].CustomerAwsAccountId", "12345678901a", "INVALID_STRING_FORMAT"],
    ["RevenueShareAllocations[1].CustomerAwsAccountId", 123456789012, "INVALID_VALUE"],
    ["RevenueShareAllocations[1].CustomerAwsAccountId", ABSENT, "REQUIRED_FIELD_MISSING"],
    ...percentCases("RevenueShareAllocations[1].RevenueSharePercent", true),
    ...firstDayCases("RevenueShareAllocations[1].EffectiveFrom", true),
    ...lastDayCases("RevenueShareAllocations[1].EffectiveUntil", true),
    ["RevenueShareAllocations[1].EffectiveUntil", "2026-04-30", OK],
    ["RevenueShareAllocations[1].EffectiveUntil", "2026-03-31", "INVALID_VALUE"],
    ["RevenueShareAllocations[1].Status", "INACTIVE", OK],
    ["RevenueShareAllocations[1].Status", "PENDING", "INVALID_ENUM_VALUE"],
  ]);

  it("requires RevenueAttributionAllocationId on UPDATE items, not on CREATE items", () => {
    const items = [item(0), item(1, { Action: "UPDATE" }), item(2, { Action: "UPDATE", RevenueAttributionAllocationId: "alloc-aaaaaaaaaaaaa" })];
    expect(issuesOf(StartRevenueAttributionAllocationsTaskCommand, startInput(items))).toMatchObject([
      { Name: "RevenueShareAllocations[1].RevenueAttributionAllocationId", Code: "REQUIRED_FIELD_MISSING" },
    ]);
  });

  it("refuses to update the same allocation twice in one batch", () => {
    const id = "alloc-bbbbbbbbbbbbb";
    const items = [
      item(0, { Action: "UPDATE", RevenueAttributionAllocationId: id }),
      item(1, { Action: "UPDATE", RevenueAttributionAllocationId: "alloc-ccccccccccccc" }),
      item(2, { Action: "UPDATE", RevenueAttributionAllocationId: id }),
      item(3, { Action: "CREATE", RevenueAttributionAllocationId: id }),
    ];
    const issues = issuesOf(StartRevenueAttributionAllocationsTaskCommand, startInput(items));
    expect(issues).toMatchObject([
      {
        Name: "RevenueShareAllocations[2].RevenueAttributionAllocationId",
        Code: "DUPLICATE_VALUE",
        Message: expect.stringContaining("RevenueShareAllocations[0]"),
      },
    ]);
  });

  it("names problems by absolute index, e.g. RevenueShareAllocations[17].EffectiveUntil", () => {
    const items = Array.from({ length: 40 }, (_, i) => item(i));
    items[17] = item(17, { EffectiveUntil: "2026-06-29" });
    items[33] = item(33, { CustomerAwsAccountId: "12345" });
    const issues = issuesOf(StartRevenueAttributionAllocationsTaskCommand, startInput(items));
    expect(issues.map((i) => [i.Name, i.Code])).toEqual([
      ["RevenueShareAllocations[17].EffectiveUntil", "INVALID_VALUE"],
      ["RevenueShareAllocations[33].CustomerAwsAccountId", "INVALID_STRING_LENGTH"],
    ]);
  });

  it("never puts a CustomerAwsAccountId into a message", () => {
    const items = [
      item(0, { CustomerAwsAccountId: "98765432109x" }),
      item(1, { CustomerAwsAccountId: "9876543210987" }),
      item(2, { CustomerAwsAccountId: 987654321098 }),
    ];
    const issues = issuesOf(StartRevenueAttributionAllocationsTaskCommand, startInput(items));
    expect(issues).toHaveLength(3);
    const error = new ClientValidationError("StartRevenueAttributionAllocationsTask", issues);
    for (const text of [error.message, JSON.stringify(issues)]) {
      expect(text).not.toMatch(/98765432109|987654321098/);
    }
  });
});

describe("validateRevenueShareAllocations (lists of any length)", () => {
  it("accepts 600 valid items and names problems by absolute index", () => {
    const items = Array.from({ length: 600 }, (_, i) => item(i));
    expect(validateRevenueShareAllocations(items)).toEqual([]);
    items[599] = item(599, { EffectiveUntil: "2026-06-31" });
    expect(validateRevenueShareAllocations(items)).toMatchObject([
      { Name: "RevenueShareAllocations[599].EffectiveUntil", Code: "INVALID_VALUE" },
    ]);
  });

  it("rejects a non-array", () => {
    expect(validateRevenueShareAllocations("x" as never)).toMatchObject([{ Code: "INVALID_VALUE" }]);
  });
});

describe("date helpers", () => {
  it.each([
    ["2024-02-29", true],
    ["2000-02-29", true],
    ["1900-02-29", false],
    ["2026-04-31", false],
    ["2026-4-30", false],
    ["2026-04-30 ", false],
  ])("isCalendarDate(%j) = %s", (s, ok) => {
    expect(isCalendarDate(s)).toBe(ok);
  });

  it("first and last day of month", () => {
    expect(isFirstDayOfMonth("2026-05-01")).toBe(true);
    expect(isFirstDayOfMonth("2026-05-02")).toBe(false);
    expect(isLastDayOfMonth("2026-04-30")).toBe(true);
    expect(isLastDayOfMonth("2026-05-30")).toBe(false);
    expect(isLastDayOfMonth("2026-02-29")).toBe(false);
    expect(isFirstDayOfMonth(20260501)).toBe(false);
  });
});

describe("validation in the client", () => {
  const make = (extra: Record<string, unknown> = {}) => {
    const handler = new FakeHandler();
    const client = new PartnerCentralRevenueMeasurementClient({
      region: "us-east-1",
      credentials: CREDS,
      requestHandler: handler,
      clock: new ManualClock(NOW),
      ...extra,
    });
    return { handler, client };
  };

  it("throws ClientValidationError before any I/O, with the whole FieldList", async () => {
    const { handler, client } = make();
    const credentials = { calls: 0 };
    const { client: c2, handler: h2 } = make({
      credentials: async () => {
        credentials.calls++;
        return CREDS;
      },
    });
    const bad = { ...CREATE_INPUT, ProductId: "nope", RevenueSharePercent: "" };
    for (const [cl, h] of [
      [client, handler],
      [c2, h2],
    ] as const) {
      const error = await cl.send(new CreateMarketplaceRevenueShareAllocationCommand(bad)).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ClientValidationError);
      expect((error as ClientValidationError).operation).toBe("CreateMarketplaceRevenueShareAllocation");
      expect((error as ClientValidationError).FieldList.map((f) => f.Name)).toEqual(["ProductId", "RevenueSharePercent"]);
      expect(h.requests).toHaveLength(0);
    }
    expect(credentials.calls).toBe(0);
  });

  it("checks update's EffectiveUntil against the client's clock", async () => {
    const { client, handler } = make({ clock: new ManualClock(Date.UTC(2027, 0, 5)) });
    const error = await client.send(new UpdateMarketplaceRevenueShareAllocationCommand({ ...UPDATE_INPUT })).catch((e) => e);
    expect(error).toBeInstanceOf(ClientValidationError);
    expect(error.FieldList).toMatchObject([{ Name: "EffectiveUntil", Code: "INVALID_VALUE" }]);
    expect(handler.requests).toHaveLength(0);
  });

  it("sends invalid input unchecked with validation: false", async () => {
    const { client, handler } = make({ validation: false });
    const bad = startInput([item(0, { EffectiveFrom: "2026-02-30", Action: "UPDATE" })], { RevenueAttributionRevision: "0" });
    await client.send(new StartRevenueAttributionAllocationsTaskCommand(bad as never));
    expect(handler.requests).toHaveLength(1);
    expect(handler.requests[0]!.body).toMatchObject({
      RevenueAttributionRevision: "0",
      RevenueShareAllocations: [{ EffectiveFrom: "2026-02-30", Action: "UPDATE" }],
    });
  });

  it("caps the message at five problems and counts the rest", () => {
    const fields = Array.from({ length: 8 }, (_, i) => ({ Name: `F${i}`, Message: "bad", Code: "INVALID_VALUE" }));
    const error = new ClientValidationError("Op", fields);
    expect(error.message).toContain("8 problems");
    expect(error.message).toContain("F4: bad");
    expect(error.message).not.toContain("F5:");
    expect(error.message).toContain("and 3 more");
    expect(error.name).toBe("ClientValidationError");
  });
});
