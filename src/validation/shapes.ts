/**
 * Schemas of the service's simple shapes (the service model), each built on
 * first use and shared by every operation's input schema: `ClientToken()`
 * returns the one `ClientToken` schema (see `lazy.ts`). Each check carries a
 * message that names the rule; codes are derived from the check kind in
 * `core.ts`.
 *
 * Every definition here is made by a call marked free of side effects, so that
 * a bundler drops the ones a handler's commands do not use.
 */
import * as z from "zod/mini";
import { isDate } from "../protocol/cbor.js";
import { isCalendarDate, isFirstDayOfMonth, isLastDayOfMonth } from "./dates.js";
import { lazy } from "./lazy.js";
import * as model from "../models.js";

/** The values of one of the model's enum constants, as `stringEnum` takes them. */
function valuesOf<T extends Record<string, string>>(constant: T): [T[keyof T], ...T[keyof T][]] {
  return Object.values(constant) as [T[keyof T], ...T[keyof T][]];
}

/** A constrained string: length range, then an anchored pattern. */
/* @__NO_SIDE_EFFECTS__ */
export function constrainedString(min: number, max: number, pattern?: RegExp) {
  const lengthRule = min === max ? `exactly ${min} characters` : `${min} to ${max} characters`;
  const checks = [
    z.minLength(min, { error: `must be ${lengthRule} long` }),
    z.maxLength(max, { error: `must be ${lengthRule} long` }),
  ];
  if (pattern) checks.push(z.regex(pattern, { error: `must match ${pattern.source}` }) as never);
  return z.string().check(...checks);
}

/** A string enum whose error message lists the allowed values. */
/* @__NO_SIDE_EFFECTS__ */
export function stringEnum<const T extends readonly [string, ...string[]]>(values: T) {
  return z.enum(values);
}

/** A list with a length range (TOO_MANY_VALUES outside it). */
/* @__NO_SIDE_EFFECTS__ */
export function list<T extends z.ZodMiniType>(item: T, min: number, max: number) {
  const rule = `must hold ${min} to ${max} items`;
  return z.array(item).check(z.minLength(min, { error: rule }), z.maxLength(max, { error: rule }));
}

/** An integer with optional bounds. */
/* @__NO_SIDE_EFFECTS__ */
export function integer(min?: number, max?: number) {
  const checks = [];
  if (min !== undefined) checks.push(z.minimum(min, { error: `must be at least ${min}` }));
  if (max !== undefined) checks.push(z.maximum(max, { error: `must be at most ${max}` }));
  return checks.length ? z.int().check(...(checks as [never])) : z.int();
}

/** A timestamp: a valid `Date`, also one made in another realm (a `vm` context, a test sandbox). */
export const timestamp = lazy(() =>
  z.custom<Date>((value) => isDate(value) && !Number.isNaN(value.getTime()), {
    error: (issue) =>
      isDate(issue.input)
        ? "must be a valid date (got Invalid Date)"
        : `must be a date (got ${issue.input === null ? "null" : Array.isArray(issue.input) ? "array" : typeof issue.input})`,
  }),
);

// ------------------------------------------------------------ simple shapes

export const CatalogName = lazy(() => stringEnum(valuesOf(model.CatalogName)));
export const ClientToken = lazy(() => constrainedString(1, 64, /^[!-~]{1,64}$/));
export const MarketplaceProductId = lazy(() => constrainedString(18, 18, /^prod-[a-z0-9]{13}$/));
export const MarketplaceRevenueShareAllocationId = lazy(() => constrainedString(18, 18, /^mrsa-[A-Za-z0-9]{13}$/));
export const RevenueAttributionAllocationId = lazy(() => constrainedString(19, 19, /^alloc-[a-z0-9]{13}$/));
export const RevenueAttributionAllocationTaskId = lazy(() => constrainedString(21, 21, /^raatask-[a-z0-9]{13}$/));
export const RevenueAttributionIdentifier = lazy(() =>
  constrainedString(
    16,
    1011,
    /^(arn:[a-z-]+:partnercentral:[a-z0-9-]+:[0-9]{12}:catalog\/[a-zA-Z]+\/revenue-attribution\/ra-[a-z0-9]{13}|ra-[a-z0-9]{13})$/,
  ),
);
export const RevenueSharePercent = lazy(() => constrainedString(1, 6, /^\d{1,3}(\.\d{1,2})?$/));
/**
 * A percent an allocation can hold: the model's `RevenueSharePercent` pattern, and at most 100 (a share of
 * more than the whole; the pattern alone lets `999.99` through). Used by the allocation inputs of the commands
 * and of the batch helpers; the exported shape `RevenueSharePercent` stays the model's.
 */
export const AllocationPercent = lazy(() =>
  RevenueSharePercent().check(z.refine((s: string) => Number(s) <= 100, { error: "must be at most 100" })),
);
export const RevisionToken = lazy(() => constrainedString(1, 19, /^[1-9][0-9]*$/));
export const CustomerAwsAccountId = lazy(() => constrainedString(12, 12, /^[0-9]{12}$/));
export const EntityIdentifier = lazy(() => constrainedString(1, 255, /^[\w\-:/.]+$/));
export const NextToken = lazy(() => constrainedString(1, 2048, /^[\S]+$/));
export const ResourceARN = lazy(() =>
  constrainedString(
    1,
    1011,
    /^arn:aws:partnercentral:[a-z0-9-]+:[0-9]{12}:catalog\/[a-zA-Z]+\/(revenue-attribution\/[a-zA-Z0-9-]+|marketplace-revenue-share\/prod-[a-z0-9]{13})$/,
  ),
);
export const TagKey = lazy(() => constrainedString(1, 128, /^[^\x00-\x1F\x7F]+$/));
export const TagValue = lazy(() => constrainedString(0, 256, /^[^\x00-\x1F\x7F]*$/));
export const Tag = lazy(() => z.object({ Key: TagKey(), Value: TagValue() }));
export const Description = lazy(() => constrainedString(0, 1024, /^[\x20-\x7E]*$/));
export const RevenueAttributionName = lazy(() => constrainedString(1, 128, /^[\x20-\x7E]+$/));
export const ProductIdentifier = lazy(() => constrainedString(1, 255, /^[\w\-:/.]+$/));

// The enums' values come from the model's constants (src/models.ts), written once.
export const AllocationStatus = lazy(() => stringEnum(valuesOf(model.AllocationStatus)));
export const EntityType = lazy(() => stringEnum(valuesOf(model.EntityType)));
export const TenancyModel = lazy(() => stringEnum(valuesOf(model.TenancyModel)));
export const SortOrder = lazy(() => stringEnum(valuesOf(model.SortOrder)));
export const RevenueAttributionAllocationAction = lazy(() => stringEnum(valuesOf(model.RevenueAttributionAllocationAction)));

const DATE_PATTERN = /^\d{4}-\d{2}-\d{2}$/;

/** `YYYY-MM-DD` that names a real calendar day. */
export const DateString = lazy(() =>
  constrainedString(10, 10, DATE_PATTERN).check(z.refine(isCalendarDate, { error: "must be a real calendar day (YYYY-MM-DD)" })),
);

/** A real date on the first day of its month. */
export const FirstDayOfMonth = lazy(() => DateString().check(z.refine(isFirstDayOfMonth, { error: "must be the first day of a month" })));

/** A real date on the last day of its month. */
export const LastDayOfMonth = lazy(() => DateString().check(z.refine(isLastDayOfMonth, { error: "must be the last day of a month" })));

// ------------------------------------------ list filters, sorting, paging, tags

/** Largest value of a Smithy `Integer` (a signed 32-bit integer). */
export const INT32_MAX = 2_147_483_647;

/** Page size of the list operations with at most 100 items per page. */
export const MaxResults100 = lazy(() => integer(1, 100));
/** Page size of ListRevenueAttributionAllocations (at most 500 items per page). */
export const MaxResults500 = lazy(() => integer(1, 500));
/** Integer revision of a marketplace revenue share (GetMarketplaceRevenueShare `Revision`). */
export const MarketplaceRevenueShareRevisionNumber = lazy(() => integer(1, INT32_MAX));

/** Sort field of ListRevenueAttributions. */
export const AttributionSortBy = lazy(() => stringEnum(valuesOf(model.AttributionSortBy)));
/** Sort field of ListMarketplaceRevenueShares. */
export const MarketplaceRevenueShareSortBy = lazy(() => stringEnum(valuesOf(model.MarketplaceRevenueShareSortBy)));
/** Sort field of ListMarketplaceRevenueShareAllocations. */
export const MarketplaceRevenueShareAllocationSortField = lazy(() => stringEnum(valuesOf(model.MarketplaceRevenueShareAllocationSortField)));
/** Sort field of ListRevenueAttributionAllocations. */
export const RevenueAttributionAllocationSortField = lazy(() => stringEnum(valuesOf(model.RevenueAttributionAllocationSortField)));

/** A marketplace product code filter: the model sets no constraint on it. */
export const ProductCode = lazy(() => z.string());

/** Tags given on CreateRevenueAttribution and TagResource: 1..200. */
export const TagList = lazy(() => list(Tag(), 1, 200));
/** Tags given on CreateMarketplaceRevenueShare: 0..50. */
export const MarketplaceRevenueShareTagList = lazy(() => list(Tag(), 0, 50));
/** Tag keys to remove (UntagResource); the model sets no size limit on the list. */
export const TagKeyList = lazy(() => z.array(TagKey()));
