/**
 * Two readings of the model checked against each other: the client's local
 * validation (src/validation, src/commands: `ClientValidationError.FieldList`)
 * and the emulator's own (src/testing/model.ts: `ValidationException`, reached
 * with `validation: false`). For valid and invalid inputs of every operation
 * both must agree on whether the input is invalid, and on the field names and
 * codes. A wrong rule on either side shows up here as a disagreement.
 */
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as ours from "../src/index.js";
import { ClientValidationError, PartnerCentralRevenueMeasurementClient, ValidationException, validateCommandInput } from "../src/index.js";
import { OPERATION_MODELS, validateInput } from "../src/testing/model.js";
import { startEmulator, type Emulator } from "../src/testing/index.js";

type Input = Record<string, unknown>;
type CommandClass = new (input: never) => never;

const RA = "ra-abcdefghij123";
const RA_ARN = "arn:aws:partnercentral:us-east-1:111122223333:catalog/AWS/revenue-attribution/ra-abcdefghij123";
const PRODUCT = "prod-abc123def4567";
const SHARE_ARN = `arn:aws:partnercentral:us-east-1:111122223333:catalog/AWS/marketplace-revenue-share/${PRODUCT}`;
const TAG = { Key: "team", Value: "sales" };

function item(over: Input = {}): Input {
  return {
    Action: "CREATE",
    EntityType: "OFFER",
    EntityIdentifier: "offer-aaa",
    CustomerAwsAccountId: "123456789012",
    RevenueSharePercent: "25",
    EffectiveFrom: "2099-03-01",
    EffectiveUntil: "2099-03-31",
    ...over,
  };
}
const update = (id: string, over: Input = {}) => item({ Action: "UPDATE", RevenueAttributionAllocationId: id, ...over });

/** A valid input per operation, and inputs aimed at its particular rules (each may be valid or not). */
const CASES: Record<string, { valid: Input; targeted: Record<string, Input> }> = {
  StartRevenueAttributionAllocationsTask: {
    valid: { Catalog: "AWS", RevenueAttributionIdentifier: RA, RevenueAttributionRevision: "1", RevenueShareAllocations: [item()], Description: "Q2" },
    targeted: {
      "ARN identifier": { RevenueAttributionIdentifier: RA_ARN },
      "no items": { RevenueShareAllocations: [] },
      "250 items": { RevenueShareAllocations: Array.from({ length: 250 }, (_, i) => item({ EntityIdentifier: `offer-${i}` })) },
      "251 items": { RevenueShareAllocations: Array.from({ length: 251 }, (_, i) => item({ EntityIdentifier: `offer-${i}` })) },
      "from not first of month": { RevenueShareAllocations: [item({ EffectiveFrom: "2099-03-02" })] },
      "until not a real day": { RevenueShareAllocations: [item({ EffectiveUntil: "2099-02-31" })] },
      "until not last of month": { RevenueShareAllocations: [item({ EffectiveUntil: "2099-03-30" })] },
      "until before from": { RevenueShareAllocations: [item({ EffectiveFrom: "2099-05-01", EffectiveUntil: "2099-03-31" })] },
      "from mid-month and until before it": { RevenueShareAllocations: [item({ EffectiveFrom: "2099-05-15", EffectiveUntil: "2099-03-31" })] },
      "leap day": { RevenueShareAllocations: [item({ EffectiveFrom: "2096-02-01", EffectiveUntil: "2096-02-29" })] },
      "not a leap year": { RevenueShareAllocations: [item({ EffectiveFrom: "2099-02-01", EffectiveUntil: "2099-02-29" })] },
      "UPDATE without id": { RevenueShareAllocations: [item({ Action: "UPDATE" })] },
      "UPDATE with id": { RevenueShareAllocations: [update("alloc-aaaaaaaaaaaaa", { Status: "INACTIVE" })] },
      "same allocation updated twice": { RevenueShareAllocations: [update("alloc-aaaaaaaaaaaaa"), item(), update("alloc-aaaaaaaaaaaaa")] },
      "bad allocation id": { RevenueShareAllocations: [update("alloc-AAAAAAAAAAAAA")] },
      "percent with three decimals": { RevenueShareAllocations: [item({ RevenueSharePercent: "12.345" })] },
      "percent 100.00": { RevenueShareAllocations: [item({ RevenueSharePercent: "100.00" })] },
      "status unknown": { RevenueShareAllocations: [item({ Status: "PAUSED" })] },
      "action unknown": { RevenueShareAllocations: [item({ Action: "DELETE" })] },
      "entity type missing": { RevenueShareAllocations: [item({ EntityType: undefined })] },
      "entity id with a space": { RevenueShareAllocations: [item({ EntityIdentifier: "offer aaa" })] },
      "short account id": { RevenueShareAllocations: [item({ CustomerAwsAccountId: "12345" })] },
      "item not a structure": { RevenueShareAllocations: ["offer-aaa"] },
      "several bad items": { RevenueShareAllocations: [item({ EffectiveFrom: "2099-02-30", RevenueSharePercent: "12.345" }), item({ Action: "UPDATE", CustomerAwsAccountId: "12345" })] },
      "revision zero": { RevenueAttributionRevision: "0" },
      "description with a newline": { Description: "a\nb" },
      "description empty": { Description: "" },
      "client token with a space": { ClientToken: "a b" },
      "client token 64": { ClientToken: "t".repeat(64) },
      "client token 65": { ClientToken: "t".repeat(65) },
    },
  },
  GetRevenueAttributionAllocationsTask: {
    valid: { Catalog: "AWS", RevenueAttributionIdentifier: RA },
    targeted: {
      "sandbox catalog": { Catalog: "Sandbox" },
      "catalog lower case": { Catalog: "aws" },
      "identifier with upper case": { RevenueAttributionIdentifier: "ra-ABCDEFGHIJ123" },
      "ARN of another partition": { RevenueAttributionIdentifier: RA_ARN.replace("arn:aws:", "arn:aws-cn:") },
    },
  },
  CreateMarketplaceRevenueShareAllocation: {
    valid: { Catalog: "AWS", ProductId: PRODUCT, EffectiveFrom: "2099-03-01", EffectiveUntil: "2099-12-31", RevenueSharePercent: "15.5" },
    targeted: {
      "open-ended": { EffectiveUntil: undefined },
      "until before from": { EffectiveUntil: "2099-01-31" },
      "from mid-month": { EffectiveFrom: "2099-03-15" },
      "percent 1000": { RevenueSharePercent: "1000" },
      "percent 7 characters": { RevenueSharePercent: "100.005" },
      "product id upper case": { ProductId: "prod-ABC123DEF4567" },
    },
  },
  UpdateMarketplaceRevenueShareAllocation: {
    valid: {
      Catalog: "AWS",
      ProductId: PRODUCT,
      MarketplaceRevenueShareAllocationId: "mrsa-ABCdef1234567",
      MarketplaceRevenueShareRevision: "3",
      EffectiveUntil: "2099-12-31",
    },
    targeted: {
      "until in the past": { EffectiveUntil: "2001-01-31" },
      "until in the past and before from": { EffectiveFrom: "2099-03-01", EffectiveUntil: "2001-01-31" },
      "from only": { EffectiveUntil: undefined, EffectiveFrom: "2099-03-01" },
      "status only": { EffectiveUntil: undefined, Status: "INACTIVE" },
      "status unknown": { Status: "DELETED" },
      "revision with a leading zero": { MarketplaceRevenueShareRevision: "03" },
      "revision 20 digits": { MarketplaceRevenueShareRevision: "1".repeat(20) },
      "allocation id too short": { MarketplaceRevenueShareAllocationId: "mrsa-ABC" },
    },
  },
  GetMarketplaceRevenueShareAllocation: {
    valid: { Catalog: "AWS", ProductId: PRODUCT, MarketplaceRevenueShareAllocationId: "mrsa-ABCdef1234567", MarketplaceRevenueShareRevision: "2" },
    targeted: { "allocation id with a dash": { MarketplaceRevenueShareAllocationId: "mrsa-ABCdef-234567" } },
  },
  ListMarketplaceRevenueShareAllocations: {
    valid: { Catalog: "AWS", ProductId: PRODUCT, Status: "ACTIVE", AfterEffectiveFrom: "2099-01-15", SortBy: "EffectiveFrom", SortOrder: "ASCENDING", MaxResults: 100 },
    targeted: {
      "sort by another field": { SortBy: "LastModifiedDate" },
      "101 results": { MaxResults: 101 },
      "zero results": { MaxResults: 0 },
      "fractional results": { MaxResults: 2.5 },
      "date not real": { BeforeEffectiveFrom: "2099-13-01" },
      "next token with a space": { NextToken: "a b" },
      "next token": { NextToken: "abc" },
    },
  },
  CreateMarketplaceRevenueShare: {
    valid: { Catalog: "AWS", ProductId: PRODUCT, Tags: [TAG] },
    targeted: {
      "no tags": { Tags: [] },
      "51 tags": { Tags: Array.from({ length: 51 }, (_, i) => ({ Key: `k${i}`, Value: "v" })) },
      "tag without value": { Tags: [{ Key: "k" }] },
      "tag with empty value": { Tags: [{ Key: "k", Value: "" }] },
      "tag key with a tab": { Tags: [{ Key: "a\tb", Value: "v" }] },
      "tag key of 128 characters": { Tags: [{ Key: "k".repeat(128), Value: "v" }] },
      "tag key of 129 characters": { Tags: [{ Key: "k".repeat(129), Value: "v" }] },
    },
  },
  GetMarketplaceRevenueShare: {
    valid: { Catalog: "AWS", ProductId: PRODUCT, Revision: 1 },
    targeted: { "revision zero": { Revision: 0 }, "revision as text": { Revision: "1" }, "revision past int32": { Revision: 2 ** 31 } },
  },
  ListMarketplaceRevenueShares: {
    valid: { Catalog: "AWS", ProductIds: [PRODUCT], ProductCodes: ["abc"], CreatedAfter: new Date(0), SortBy: "LastModifiedDate" },
    targeted: {
      "11 product ids": { ProductIds: Array.from({ length: 11 }, () => PRODUCT) },
      "bad product id in the list": { ProductIds: [PRODUCT, "prod-x"] },
      "empty product code": { ProductCodes: [""] },
      "date as text": { CreatedBefore: "2099-01-01" },
      "sort by effective date": { SortBy: "EffectiveFrom" },
    },
  },
  CreateRevenueAttribution: {
    valid: { Catalog: "AWS", Name: "EMEA resellers", Description: "d", TenancyModel: "MULTI_TENANT", ProductIdentifier: PRODUCT, Tags: [TAG] },
    targeted: {
      "empty tags": { Tags: [] },
      "name with a newline": { Name: "a\nb" },
      "empty name": { Name: "" },
      "tenancy unknown": { TenancyModel: "SHARED" },
      "product identifier with a space": { ProductIdentifier: "prod abc" },
      "201 tags": { Tags: Array.from({ length: 201 }, (_, i) => ({ Key: `k${i}`, Value: "v" })) },
    },
  },
  GetRevenueAttribution: {
    valid: { Catalog: "AWS", Identifier: RA_ARN, Revision: "4" },
    targeted: { "revision as a number": { Revision: 4 } },
  },
  UpdateRevenueAttribution: {
    valid: { Catalog: "AWS", Identifier: RA, Description: "new", Revision: "2" },
    targeted: { "description of 1025 characters": { Description: "d".repeat(1025) }, "description of 1024 characters": { Description: "d".repeat(1024) } },
  },
  ListRevenueAttributions: {
    valid: { Catalog: "AWS", Identifiers: [RA, RA_ARN], CreatedAfter: new Date(0), CreatedBefore: new Date(), SortBy: "LastModifiedDate", SortOrder: "DESCENDING", MaxResults: 5 },
    targeted: {
      "no identifiers": { Identifiers: [] },
      "101 identifiers": { Identifiers: Array.from({ length: 101 }, () => RA) },
      "sort order unknown": { SortOrder: "UP" },
    },
  },
  GetRevenueAttributionAllocation: {
    valid: { Catalog: "AWS", RevenueAttributionIdentifier: RA, RevenueAttributionAllocationId: "alloc-aaaaaaaaaaaaa", RevenueAttributionRevision: "1" },
    targeted: { "allocation id 20 characters": { RevenueAttributionAllocationId: "alloc-aaaaaaaaaaaaaa" } },
  },
  ListRevenueAttributionAllocations: {
    valid: {
      Catalog: "AWS",
      RevenueAttributionIdentifier: RA,
      EntityTypeFilters: ["OFFER", "OPPORTUNITY"],
      EntityIdentifierFilters: ["offer-aaa"],
      CustomerAwsAccountIdFilters: ["123456789012"],
      StatusFilter: "ACTIVE",
      AfterEffectiveUntil: "2099-01-31",
      MaxResults: 500,
    },
    targeted: {
      "501 results": { MaxResults: 501 },
      "3 entity types": { EntityTypeFilters: ["OFFER", "OPPORTUNITY", "OFFER"] },
      "unknown entity type": { EntityTypeFilters: ["ACCOUNT"] },
      "51 customers": { CustomerAwsAccountIdFilters: Array.from({ length: 51 }, () => "123456789012") },
      "short customer": { CustomerAwsAccountIdFilters: ["1234"] },
      "status filter unknown": { StatusFilter: "ALL" },
    },
  },
  ListTagsForResource: {
    valid: { resourceArn: RA_ARN },
    targeted: {
      "marketplace share ARN": { resourceArn: SHARE_ARN },
      "ARN of another service": { resourceArn: "arn:aws:s3:::bucket" },
      "upper-case member name": { resourceArn: undefined, ResourceArn: RA_ARN },
    },
  },
  TagResource: {
    valid: { resourceArn: SHARE_ARN, tags: [TAG] },
    targeted: { "no tags": { tags: [] }, "tag value of 257 characters": { tags: [{ Key: "k", Value: "v".repeat(257) }] } },
  },
  UntagResource: {
    valid: { resourceArn: RA_ARN, tagKeys: ["team"] },
    targeted: { "no keys": { tagKeys: [] }, "empty key": { tagKeys: [""] }, "key with a DEL": { tagKeys: ["a\x7F"] } },
  },
};

/** Inputs made from a valid one by breaking each member in turn: absent, of the wrong type, empty, too long. */
function generated(valid: Input): Record<string, Input> {
  const out: Record<string, Input> = {};
  for (const [name, value] of Object.entries(valid)) {
    out[`${name} absent`] = { [name]: undefined };
    if (typeof value === "number") {
      out[`${name} as text`] = { [name]: String(value) };
    } else {
      out[`${name} as a number`] = { [name]: 7 };
    }
    if (typeof value === "string") {
      out[`${name} empty`] = { [name]: "" };
      out[`${name} of 2000 characters`] = { [name]: "a".repeat(2000) };
      out[`${name} as a list`] = { [name]: [value] };
    }
    if (Array.isArray(value)) {
      out[`${name} empty list`] = { [name]: [] };
      out[`${name} with a number item`] = { [name]: [...value, 7] };
      out[`${name} as a structure`] = { [name]: { first: value[0] } };
    }
  }
  return out;
}

function apply(valid: Input, change: Input): Input {
  const input: Input = { ...valid };
  for (const [k, v] of Object.entries(change)) {
    if (v === undefined) delete input[k];
    else input[k] = v;
  }
  return input;
}

let emulator: Emulator;
let checked: PartnerCentralRevenueMeasurementClient;
let unchecked: PartnerCentralRevenueMeasurementClient;
beforeAll(async () => {
  emulator = await startEmulator();
  const config = { endpoint: emulator.endpoint, region: emulator.region, credentials: emulator.credentials, maxAttempts: 1 };
  checked = new PartnerCentralRevenueMeasurementClient(config);
  unchecked = new PartnerCentralRevenueMeasurementClient({ ...config, validation: false });
});
afterAll(async () => {
  checked.destroy();
  unchecked.destroy();
  await emulator.close();
});

type Verdict = { valid: true } | { valid: false; fields: string[] };

const verdictOf = (fields: ReadonlyArray<{ Name: string; Code: string }>): Verdict =>
  fields.length === 0 ? { valid: true } : { valid: false, fields: fields.map((f) => `${f.Name} ${f.Code}`).sort() };

/** The client's local validation: the error it throws before sending, or none. */
async function clientVerdict(Command: CommandClass, input: Input): Promise<Verdict> {
  const error = await checked.send(new Command(structuredClone(input) as never)).then(
    () => undefined,
    (e: unknown) => e,
  );
  return verdictOf(error instanceof ClientValidationError ? error.FieldList : []);
}

/** The emulator's: a ValidationException REQUEST_VALIDATION_FAILED, or any other outcome (it accepted the shape). */
async function emulatorVerdict(Command: CommandClass, input: Input): Promise<Verdict> {
  const error = await unchecked.send(new Command(structuredClone(input) as never)).then(
    () => undefined,
    (e: unknown) => e,
  );
  if (error instanceof ClientValidationError) throw new Error("the unchecked client validated");
  const rejected = error instanceof ValidationException && error.Reason === "REQUEST_VALIDATION_FAILED";
  return verdictOf(rejected ? (error.FieldList ?? []) : []);
}

const commandOf = (operation: string) => (ours as unknown as Record<string, CommandClass>)[`${operation}Command`]!;

it("covers every operation the emulator models", () => {
  expect(Object.keys(CASES).sort()).toEqual(Object.keys(OPERATION_MODELS).sort());
});

describe.each(Object.keys(CASES))("%s", (operation) => {
  const { valid, targeted } = CASES[operation]!;
  const Command = commandOf(operation);

  it("the valid input is valid on both sides", async () => {
    expect(await clientVerdict(Command, valid)).toEqual({ valid: true });
    expect(await emulatorVerdict(Command, valid)).toEqual({ valid: true });
  });

  it("both sides agree on every targeted and generated input", async () => {
    const inputs = { ...targeted, ...generated(valid) };
    const disagreements: string[] = [];
    let invalid = 0;
    for (const [what, change] of Object.entries(inputs)) {
      const input = apply(valid, change);
      const local = await clientVerdict(Command, input);
      const remote = await emulatorVerdict(Command, input);
      if (!local.valid) invalid++;
      if (JSON.stringify(local) !== JSON.stringify(remote)) {
        disagreements.push(`${what}: client ${JSON.stringify(local)}, emulator ${JSON.stringify(remote)}`);
      }
    }
    expect(disagreements).toEqual([]);
    expect(invalid).toBeGreaterThan(0);
  });
});

// The model's length trait counts a string's Unicode scalar values (Smithy spec, constraint traits: "length"), not
// UTF-16 code units: both sides must accept a tag key of 100 emoji and refuse one of 129.
describe("lengths of strings outside the Basic Multilingual Plane", () => {
  it.each([
    [100, { valid: true }],
    [129, { valid: false, fields: ["tags[0].Key INVALID_STRING_LENGTH"] }],
  ])("a tag key of %i emoji: both sides agree", async (count, verdict) => {
    const input = { resourceArn: RA_ARN, tags: [{ Key: "\u{1F600}".repeat(count), Value: "v" }] };
    expect(await emulatorVerdict(commandOf("TagResource"), input)).toEqual(verdict);
    expect(await clientVerdict(commandOf("TagResource"), input)).toEqual(verdict);
  });
});

describe("the emulator's validator", () => {
  it("reports a field once, with the first rule it breaks", () => {
    const fields = validateInput(OPERATION_MODELS.CreateMarketplaceRevenueShareAllocation!, { Catalog: "AWS", ProductId: PRODUCT, EffectiveFrom: "2099-3-1", RevenueSharePercent: "5" }, Date.now());
    expect(fields).toEqual([{ Name: "EffectiveFrom", Code: "INVALID_STRING_LENGTH", Message: expect.stringContaining("10") }]);
  });

  it("counts a string's length in characters (code points), as the model's length trait does", () => {
    const key = "\u{1F600}".repeat(100); // 100 characters, 200 UTF-16 code units
    const model = OPERATION_MODELS.TagResource!;
    expect(validateInput(model, { resourceArn: RA_ARN, tags: [{ Key: key, Value: "v" }] }, Date.now())).toEqual([]);
    expect(validateInput(model, { resourceArn: RA_ARN, tags: [{ Key: key + key, Value: "v" }] }, Date.now())).toEqual([
      expect.objectContaining({ Name: "tags[0].Key", Code: "INVALID_STRING_LENGTH" }),
    ]);
  });

  it("ignores members the model does not declare", () => {
    expect(validateInput(OPERATION_MODELS.ListTagsForResource!, { resourceArn: RA_ARN, Extra: 1 }, Date.now())).toEqual([]);
  });
});

// Random edits of the valid inputs, judged in process by both readings (the wire path is covered above): the
// characters come from the alphabets the model's patterns draw their lines in.
describe("random edits of valid inputs", () => {
  const CHARS = [..."aZ09-_:/. \t\u007f#\u00e9\u{1F600}"];
  const char = fc.constantFrom(...CHARS);
  /** A string edited at one place: a character replaced, inserted or removed, or the string repeated. */
  const edited = (value: string): fc.Arbitrary<string> =>
    fc.oneof(
      fc.tuple(fc.nat(value.length), char).map(([at, c]) => value.slice(0, at) + c + value.slice(at + 1)),
      fc.tuple(fc.nat(value.length), char).map(([at, c]) => value.slice(0, at) + c + value.slice(at)),
      fc.nat(Math.max(0, value.length - 1)).map((at) => value.slice(0, at) + value.slice(at + 1)),
      fc.integer({ min: 2, max: 40 }).map((n) => value.repeat(n)),
    );
  const variant = (value: unknown): fc.Arbitrary<unknown> => {
    // Mostly edits: a member is kept or left out now and then, so that several edits meet in one input.
    const options: Array<{ arbitrary: fc.Arbitrary<unknown>; weight: number }> = [
      { arbitrary: fc.constant(value), weight: 2 },
      { arbitrary: fc.constant(undefined), weight: 1 },
    ];
    if (typeof value === "string") {
      options.push({ arbitrary: edited(value), weight: 6 }, { arbitrary: fc.string({ unit: char, maxLength: 30 }), weight: 1 });
    }
    if (typeof value === "number") options.push({ arbitrary: fc.oneof(fc.integer({ min: -2, max: 600 }), fc.constant(2 ** 31)), weight: 3 });
    if (Array.isArray(value)) options.push({ arbitrary: fc.array(variant(value[0]), { minLength: 1, maxLength: 3 }), weight: 6 });
    if (value !== null && typeof value === "object" && !Array.isArray(value) && !(value instanceof Date)) {
      options.push({ arbitrary: fc.record(Object.fromEntries(Object.entries(value).map(([k, v]) => [k, variant(v)]))), weight: 6 });
    }
    return fc.oneof(...options);
  };

  const names = (fields: ReadonlyArray<{ Name: string; Code: string }>) => fields.map((f) => `${f.Name} ${f.Code}`).sort();

  it.each(Object.keys(CASES))("%s", (operation) => {
    const { valid } = CASES[operation]!;
    const Command = commandOf(operation);
    const now = Date.UTC(2030, 0, 15);
    const arbitrary = fc.record(Object.fromEntries(Object.entries(valid).map(([k, v]) => [k, variant(v)])));
    fc.assert(
      fc.property(arbitrary, (raw) => {
        const input = JSON.parse(JSON.stringify(raw, (_k, v) => (v === undefined ? undefined : v))) as Input;
        for (const [k, v] of Object.entries(valid)) if (v instanceof Date && raw[k] instanceof Date) input[k] = raw[k];
        const local = names(validateCommandInput(new Command(input as never), { now }));
        const emulated = names(validateInput(OPERATION_MODELS[operation]!, input, now));
        expect(emulated).toEqual(local);
      }),
      { numRuns: 400, seed: 21 },
    );
  });
});
