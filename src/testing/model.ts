/**
 * The emulator's own reading of the service model: every operation's input
 * members with their constraints (the Smithy model's length, pattern, enum,
 * range and required traits, plus the documented date rules of allocations),
 * and the validator that answers a request breaking them with the service's
 * ValidationException field list.
 *
 * Written apart from the client's schemas (src/validation, src/commands) on
 * purpose: an integration test against the emulator then checks the client's
 * rules against a second reading instead of against themselves.
 */
import type { ValidationExceptionField } from "../errors.js";
import { isDate } from "../protocol/cbor.js";

type FieldCode = ValidationExceptionField["Code"];

// ------------------------------------------------------------------ shapes

/** Which calendar rule a `YYYY-MM-DD` string follows beyond its pattern. */
type DateRule = "day" | "first-of-month" | "last-of-month";

/** A constrained value, as the model describes one. */
export type Shape =
  | { type: "string"; min: number; max: number; pattern?: RegExp; date?: DateRule }
  | { type: "enum"; values: readonly string[] }
  | { type: "integer"; min: number; max: number }
  | { type: "timestamp" }
  | { type: "list"; item: Shape; min: number; max: number }
  | { type: "structure"; members: Members };

/** A structure member: its shape and whether the model marks it required. */
export interface Member {
  shape: Shape;
  required: boolean;
}

/** A structure's members by wire name. */
export type Members = Readonly<Record<string, Member>>;

const INT32_MAX = 2_147_483_647;
const NO_LIMIT = Number.MAX_SAFE_INTEGER;

const text = (min: number, max: number, pattern?: RegExp): Shape => ({ type: "string", min, max, pattern });
const oneOf = (...values: string[]): Shape => ({ type: "enum", values });
const int = (min: number, max: number): Shape => ({ type: "integer", min, max });
const listOf = (item: Shape, min = 0, max = NO_LIMIT): Shape => ({ type: "list", item, min, max });
const date = (rule: DateRule): Shape => ({ type: "string", min: 10, max: 10, pattern: /^\d{4}-\d{2}-\d{2}$/, date: rule });
const timestamp: Shape = { type: "timestamp" };
const structure = (members: Members): Shape => ({ type: "structure", members });

/** A required member. */
const req = (shape: Shape): Member => ({ shape, required: true });
/** An optional member. */
const opt = (shape: Shape): Member => ({ shape, required: false });

// Simple shapes: length, then anchored pattern, as the model states them.
const Catalog = oneOf("AWS", "Sandbox");
const ClientToken = text(1, 64, /^[!-~]{1,64}$/);
const ProductId = text(18, 18, /^prod-[a-z0-9]{13}$/);
const MarketplaceAllocationId = text(18, 18, /^mrsa-[A-Za-z0-9]{13}$/);
const AttributionAllocationId = text(19, 19, /^alloc-[a-z0-9]{13}$/);
const AttributionIdentifier = text(
  16,
  1011,
  /^(arn:[a-z-]+:partnercentral:[a-z0-9-]+:[0-9]{12}:catalog\/[a-zA-Z]+\/revenue-attribution\/ra-[a-z0-9]{13}|ra-[a-z0-9]{13})$/,
);
const SharePercent = text(1, 6, /^\d{1,3}(\.\d{1,2})?$/);
const RevisionToken = text(1, 19, /^[1-9][0-9]*$/);
const AccountId = text(12, 12, /^[0-9]{12}$/);
const EntityIdentifier = text(1, 255, /^[\w\-:/.]+$/);
const NextToken = text(1, 2048, /^[\S]+$/);
const ResourceArn = text(
  1,
  1011,
  /^arn:aws:partnercentral:[a-z0-9-]+:[0-9]{12}:catalog\/[a-zA-Z]+\/(revenue-attribution\/[a-zA-Z0-9-]+|marketplace-revenue-share\/prod-[a-z0-9]{13})$/,
);
const TagKey = text(1, 128, /^[^\x00-\x1F\x7F]+$/);
const Tag = structure({ Key: req(TagKey), Value: req(text(0, 256, /^[^\x00-\x1F\x7F]*$/)) });
const Description = text(0, 1024, /^[\x20-\x7E]*$/);
const AttributionName = text(1, 128, /^[\x20-\x7E]+$/);
const ProductIdentifier = text(1, 255, /^[\w\-:/.]+$/);
const ProductCode = text(0, NO_LIMIT);
const AllocationStatus = oneOf("ACTIVE", "INACTIVE");
const EntityType = oneOf("OFFER", "OPPORTUNITY");
const SortOrder = oneOf("ASCENDING", "DESCENDING");

/** RevenueShareAllocation, one item of an allocations task. */
const RevenueShareAllocation = structure({
  Action: req(oneOf("CREATE", "UPDATE")),
  RevenueAttributionAllocationId: opt(AttributionAllocationId),
  EntityType: req(EntityType),
  EntityIdentifier: req(EntityIdentifier),
  CustomerAwsAccountId: req(AccountId),
  RevenueSharePercent: req(SharePercent),
  EffectiveFrom: req(date("first-of-month")),
  EffectiveUntil: req(date("last-of-month")),
  Status: opt(AllocationStatus),
});

// --------------------------------------------------------------- operations

/** Reports one problem of an input; the first problem reported for a name wins. */
export type Report = (name: string, code: FieldCode, message: string) => void;

/** A rule across members, run after every member passed or failed its own shape. */
type CrossRule = (input: Record<string, unknown>, now: number, report: Report, failed: (name: string) => boolean) => void;

/** One operation's input as the model declares it. */
export interface OperationModel {
  members: Members;
  /** True when the operation has an idempotency token (`ClientToken`). */
  idempotent: boolean;
  /** Rules across members: the documented date rules and the allocation task's UPDATE rules. */
  rules?: CrossRule[];
}

/** `EffectiveUntil` is not before `EffectiveFrom`, when both are real days (`YYYY-MM-DD` compares as text). */
function untilNotBeforeFrom(at = ""): CrossRule {
  return (input, _now, report, failed) => {
    const from = input.EffectiveFrom;
    const until = input.EffectiveUntil;
    const name = `${at}EffectiveUntil`;
    if (!isRealDay(from) || !isRealDay(until) || failed(name)) return;
    if (until < from) report(name, "INVALID_VALUE", `must be on or after EffectiveFrom (${from})`);
  };
}

/** UpdateMarketplaceRevenueShareAllocation: a new `EffectiveUntil` is today (UTC) or later. */
const untilNotInThePast: CrossRule = (input, now, report, failed) => {
  const until = input.EffectiveUntil;
  const today = new Date(now).toISOString().slice(0, 10);
  if (typeof until === "string" && !failed("EffectiveUntil") && until < today) {
    report("EffectiveUntil", "INVALID_VALUE", `must not be in the past (today is ${today} UTC)`);
  }
};

/** StartRevenueAttributionAllocationsTask: an UPDATE names its allocation, and names it once per task. */
const allocationItems: CrossRule = (input, now, report, failed) => {
  const items = input.RevenueShareAllocations;
  if (!Array.isArray(items) || failed("RevenueShareAllocations")) return;
  const updatedAt = new Map<string, number>();
  items.forEach((item: unknown, i) => {
    if (item === null || typeof item !== "object" || Array.isArray(item)) return;
    const record = item as Record<string, unknown>;
    const at = `RevenueShareAllocations[${i}].`;
    if (record.Action === "UPDATE") {
      const id = record.RevenueAttributionAllocationId;
      if (id === undefined) report(`${at}RevenueAttributionAllocationId`, "REQUIRED_FIELD_MISSING", "is required for an UPDATE");
      else if (typeof id === "string") {
        const first = updatedAt.get(id);
        if (first === undefined) updatedAt.set(id, i);
        else report(`${at}RevenueAttributionAllocationId`, "DUPLICATE_VALUE", `is also updated by RevenueShareAllocations[${first}]`);
      }
    }
    untilNotBeforeFrom(at)(record, now, report, failed);
  });
};

const listPaging = { MaxResults: opt(int(1, 100)), NextToken: opt(NextToken) };

/** Every operation's input, by operation name. */
export const OPERATION_MODELS: Readonly<Record<string, OperationModel>> = {
  StartRevenueAttributionAllocationsTask: {
    idempotent: true,
    members: {
      Catalog: req(Catalog),
      RevenueAttributionIdentifier: req(AttributionIdentifier),
      RevenueAttributionRevision: req(RevisionToken),
      RevenueShareAllocations: req(listOf(RevenueShareAllocation, 1, 250)),
      ClientToken: opt(ClientToken),
      Description: opt(Description),
    },
    rules: [allocationItems],
  },
  GetRevenueAttributionAllocationsTask: {
    idempotent: false,
    members: { Catalog: req(Catalog), RevenueAttributionIdentifier: req(AttributionIdentifier) },
  },
  CreateMarketplaceRevenueShareAllocation: {
    idempotent: true,
    members: {
      Catalog: req(Catalog),
      ProductId: req(ProductId),
      ClientToken: opt(ClientToken),
      EffectiveFrom: req(date("first-of-month")),
      EffectiveUntil: opt(date("last-of-month")),
      RevenueSharePercent: req(SharePercent),
    },
    rules: [untilNotBeforeFrom()],
  },
  UpdateMarketplaceRevenueShareAllocation: {
    idempotent: true,
    members: {
      Catalog: req(Catalog),
      ProductId: req(ProductId),
      MarketplaceRevenueShareAllocationId: req(MarketplaceAllocationId),
      MarketplaceRevenueShareRevision: req(RevisionToken),
      ClientToken: opt(ClientToken),
      EffectiveFrom: opt(date("first-of-month")),
      EffectiveUntil: opt(date("last-of-month")),
      RevenueSharePercent: opt(SharePercent),
      Status: opt(AllocationStatus),
    },
    rules: [untilNotInThePast, untilNotBeforeFrom()],
  },
  GetMarketplaceRevenueShareAllocation: {
    idempotent: false,
    members: {
      Catalog: req(Catalog),
      ProductId: req(ProductId),
      MarketplaceRevenueShareAllocationId: req(MarketplaceAllocationId),
      MarketplaceRevenueShareRevision: opt(RevisionToken),
    },
  },
  ListMarketplaceRevenueShareAllocations: {
    idempotent: false,
    members: {
      Catalog: req(Catalog),
      ProductId: req(ProductId),
      Status: opt(AllocationStatus),
      AfterEffectiveFrom: opt(date("day")),
      BeforeEffectiveFrom: opt(date("day")),
      SortBy: opt(oneOf("EffectiveFrom")),
      SortOrder: opt(SortOrder),
      ...listPaging,
      MarketplaceRevenueShareRevision: opt(RevisionToken),
    },
  },
  CreateMarketplaceRevenueShare: {
    idempotent: true,
    members: { Catalog: req(Catalog), ClientToken: opt(ClientToken), ProductId: req(ProductId), Tags: opt(listOf(Tag, 0, 50)) },
  },
  GetMarketplaceRevenueShare: {
    idempotent: false,
    members: { Catalog: req(Catalog), ProductId: req(ProductId), Revision: opt(int(1, INT32_MAX)) },
  },
  ListMarketplaceRevenueShares: {
    idempotent: false,
    members: {
      Catalog: req(Catalog),
      ProductIds: opt(listOf(ProductId, 1, 10)),
      ProductCodes: opt(listOf(ProductCode, 1, 10)),
      ...listPaging,
      SortBy: opt(oneOf("LastModifiedDate")),
      SortOrder: opt(SortOrder),
      CreatedAfter: opt(timestamp),
      CreatedBefore: opt(timestamp),
    },
  },
  CreateRevenueAttribution: {
    idempotent: true,
    members: {
      Catalog: req(Catalog),
      ClientToken: opt(ClientToken),
      Name: req(AttributionName),
      Description: opt(Description),
      TenancyModel: req(oneOf("MULTI_TENANT", "SINGLE_TENANT")),
      ProductIdentifier: opt(ProductIdentifier),
      Tags: opt(listOf(Tag, 1, 200)),
    },
  },
  GetRevenueAttribution: {
    idempotent: false,
    members: { Catalog: req(Catalog), Identifier: req(AttributionIdentifier), Revision: opt(RevisionToken) },
  },
  UpdateRevenueAttribution: {
    idempotent: true,
    members: {
      Catalog: req(Catalog),
      Identifier: req(AttributionIdentifier),
      ClientToken: opt(ClientToken),
      Description: opt(Description),
      Revision: req(RevisionToken),
    },
  },
  ListRevenueAttributions: {
    idempotent: false,
    members: {
      Catalog: req(Catalog),
      Identifiers: opt(listOf(AttributionIdentifier, 1, 100)),
      CreatedAfter: opt(timestamp),
      CreatedBefore: opt(timestamp),
      SortBy: opt(oneOf("LastModifiedDate")),
      SortOrder: opt(SortOrder),
      ...listPaging,
    },
  },
  GetRevenueAttributionAllocation: {
    idempotent: false,
    members: {
      Catalog: req(Catalog),
      RevenueAttributionIdentifier: req(AttributionIdentifier),
      RevenueAttributionAllocationId: req(AttributionAllocationId),
      RevenueAttributionRevision: opt(RevisionToken),
    },
  },
  ListRevenueAttributionAllocations: {
    idempotent: false,
    members: {
      Catalog: req(Catalog),
      RevenueAttributionIdentifier: req(AttributionIdentifier),
      EntityTypeFilters: opt(listOf(EntityType, 1, 2)),
      EntityIdentifierFilters: opt(listOf(EntityIdentifier, 1, 50)),
      CustomerAwsAccountIdFilters: opt(listOf(AccountId, 1, 50)),
      StatusFilter: opt(AllocationStatus),
      AfterEffectiveFrom: opt(date("day")),
      BeforeEffectiveFrom: opt(date("day")),
      AfterEffectiveUntil: opt(date("day")),
      BeforeEffectiveUntil: opt(date("day")),
      SortBy: opt(oneOf("EffectiveFrom")),
      SortOrder: opt(SortOrder),
      RevenueAttributionRevision: opt(RevisionToken),
      MaxResults: opt(int(1, 500)),
      NextToken: opt(NextToken),
    },
  },
  ListTagsForResource: { idempotent: false, members: { resourceArn: req(ResourceArn) } },
  TagResource: { idempotent: false, members: { resourceArn: req(ResourceArn), tags: req(listOf(Tag, 1, 200)) } },
  UntagResource: { idempotent: false, members: { resourceArn: req(ResourceArn), tagKeys: req(listOf(TagKey)) } },
};

// ---------------------------------------------------------------- validator

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** The calendar rule a `YYYY-MM-DD` string breaks, or undefined. */
function dateProblem(value: string, rule: DateRule): string | undefined {
  const [year, month, day] = value.split("-").map(Number) as [number, number, number];
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return "must be a real calendar day";
  if (rule === "first-of-month" && day !== 1) return "must be the first day of a month";
  if (rule === "last-of-month" && day !== daysInMonth(year, month)) return "must be the last day of a month";
  return undefined;
}

function isRealDay(value: unknown): value is string {
  return typeof value === "string" && /^\d{4}-\d{2}-\d{2}$/.test(value) && dateProblem(value, "day") === undefined;
}

function kindOf(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "a list";
  if (isDate(value)) return "a timestamp";
  if (value instanceof Uint8Array) return "a blob";
  return `a ${typeof value}`;
}

/** Checks one value against its shape, reporting under `name`. */
function checkValue(shape: Shape, value: unknown, name: string, report: Report): void {
  switch (shape.type) {
    case "string": {
      if (typeof value !== "string") return report(name, "INVALID_VALUE", `must be a string, not ${kindOf(value)}`);
      // Lengths count characters (code points), as the model's length trait does.
      const length = [...value].length;
      if (length < shape.min || length > shape.max) {
        const allowed = shape.min === shape.max ? `${shape.min}` : `between ${shape.min} and ${shape.max}`;
        return report(name, "INVALID_STRING_LENGTH", `must be ${allowed} characters long, not ${length}`);
      }
      if (shape.pattern && !shape.pattern.test(value)) {
        return report(name, "INVALID_STRING_FORMAT", `must match the pattern ${shape.pattern.source}`);
      }
      const problem = shape.date && dateProblem(value, shape.date);
      if (problem) report(name, "INVALID_VALUE", problem);
      return;
    }
    case "enum":
      if (typeof value !== "string" || !shape.values.includes(value)) {
        report(name, "INVALID_ENUM_VALUE", `must be one of: ${shape.values.join(", ")}`);
      }
      return;
    case "integer":
      if (typeof value !== "number" || !Number.isInteger(value)) {
        return report(name, "INVALID_NUMBER_FORMAT", `must be an integer, not ${kindOf(value)}`);
      }
      if (value < shape.min || value > shape.max) report(name, "INVALID_VALUE", `must be between ${shape.min} and ${shape.max}`);
      return;
    case "timestamp":
      if (!isDate(value) || Number.isNaN(value.getTime())) report(name, "INVALID_VALUE", `must be a timestamp, not ${kindOf(value)}`);
      return;
    case "list":
      if (!Array.isArray(value)) return report(name, "INVALID_VALUE", `must be a list, not ${kindOf(value)}`);
      // A list of the wrong size is refused as a whole: its items are not looked at (the client's reading too).
      if (value.length < shape.min || value.length > shape.max) {
        return report(name, "TOO_MANY_VALUES", `must hold between ${shape.min} and ${shape.max} items, not ${value.length}`);
      }
      value.forEach((item, i) => checkValue(shape.item, item, `${name}[${i}]`, report));
      return;
    case "structure":
      if (value === null || typeof value !== "object" || Array.isArray(value) || isDate(value) || value instanceof Uint8Array) {
        return report(name, "INVALID_VALUE", `must be a structure, not ${kindOf(value)}`);
      }
      checkMembers(shape.members, value as Record<string, unknown>, `${name}.`, report);
      return;
  }
}

function checkMembers(members: Members, record: Record<string, unknown>, prefix: string, report: Report): void {
  for (const [member, { shape, required }] of Object.entries(members)) {
    const value = record[member];
    if (value === undefined) {
      if (required) report(`${prefix}${member}`, "REQUIRED_FIELD_MISSING", "is required");
      continue;
    }
    checkValue(shape, value, `${prefix}${member}`, report);
  }
}

/**
 * Validates a decoded request body against the operation's model; returns the
 * ValidationException field list, empty when the input is valid. Members the
 * model does not declare are ignored, as a Smithy service ignores them.
 * `now` (epoch milliseconds) is the emulator's clock, for the date rules.
 */
export function validateInput(model: OperationModel, input: Record<string, unknown>, now: number): ValidationExceptionField[] {
  const fields: ValidationExceptionField[] = [];
  const named = new Set<string>();
  const report: Report = (name, code, message) => {
    if (named.has(name)) return;
    named.add(name);
    fields.push({ Name: name, Message: message, Code: code });
  };
  checkMembers(model.members, input, "", report);
  for (const rule of model.rules ?? []) rule(input, now, report, (name) => named.has(name));
  return fields;
}
