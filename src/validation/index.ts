/** Validation: the engine, the shape schemas, date rules and batch-item rules. */
export * from "./core.js";
export * from "./dates.js";
export * from "./allocations.js";
import * as shapeModule from "./shapes.js";

/**
 * The shape schemas (src/validation/shapes.ts) and their builders, one object.
 * Each schema is a getter: it is built on first read (and the same schema is
 * returned after), so that requiring the package builds none.
 * A plain object literal rather than `export * as shapes`: a bundler drops an
 * unused literal, while a module namespace object keeps every shape of the
 * package in every bundle (`shapeModule.X` is read as a plain reference, so no
 * namespace object is made). `satisfies` makes the compiler check that none is
 * missing.
 */
export const shapes = {
  constrainedString: shapeModule.constrainedString,
  stringEnum: shapeModule.stringEnum,
  list: shapeModule.list,
  integer: shapeModule.integer,
  get timestamp() { return shapeModule.timestamp(); },
  get CatalogName() { return shapeModule.CatalogName(); },
  get ClientToken() { return shapeModule.ClientToken(); },
  get MarketplaceProductId() { return shapeModule.MarketplaceProductId(); },
  get MarketplaceRevenueShareAllocationId() { return shapeModule.MarketplaceRevenueShareAllocationId(); },
  get RevenueAttributionAllocationId() { return shapeModule.RevenueAttributionAllocationId(); },
  get RevenueAttributionAllocationTaskId() { return shapeModule.RevenueAttributionAllocationTaskId(); },
  get RevenueAttributionIdentifier() { return shapeModule.RevenueAttributionIdentifier(); },
  get RevenueSharePercent() { return shapeModule.RevenueSharePercent(); },
  get AllocationPercent() { return shapeModule.AllocationPercent(); },
  get RevisionToken() { return shapeModule.RevisionToken(); },
  get CustomerAwsAccountId() { return shapeModule.CustomerAwsAccountId(); },
  get EntityIdentifier() { return shapeModule.EntityIdentifier(); },
  get NextToken() { return shapeModule.NextToken(); },
  get ResourceARN() { return shapeModule.ResourceARN(); },
  get TagKey() { return shapeModule.TagKey(); },
  get TagValue() { return shapeModule.TagValue(); },
  get Tag() { return shapeModule.Tag(); },
  get Description() { return shapeModule.Description(); },
  get RevenueAttributionName() { return shapeModule.RevenueAttributionName(); },
  get ProductIdentifier() { return shapeModule.ProductIdentifier(); },
  get AllocationStatus() { return shapeModule.AllocationStatus(); },
  get EntityType() { return shapeModule.EntityType(); },
  get TenancyModel() { return shapeModule.TenancyModel(); },
  get SortOrder() { return shapeModule.SortOrder(); },
  get RevenueAttributionAllocationAction() { return shapeModule.RevenueAttributionAllocationAction(); },
  get DateString() { return shapeModule.DateString(); },
  get FirstDayOfMonth() { return shapeModule.FirstDayOfMonth(); },
  get LastDayOfMonth() { return shapeModule.LastDayOfMonth(); },
  INT32_MAX: shapeModule.INT32_MAX,
  get MaxResults100() { return shapeModule.MaxResults100(); },
  get MaxResults500() { return shapeModule.MaxResults500(); },
  get MarketplaceRevenueShareRevisionNumber() { return shapeModule.MarketplaceRevenueShareRevisionNumber(); },
  get AttributionSortBy() { return shapeModule.AttributionSortBy(); },
  get MarketplaceRevenueShareSortBy() { return shapeModule.MarketplaceRevenueShareSortBy(); },
  get MarketplaceRevenueShareAllocationSortField() { return shapeModule.MarketplaceRevenueShareAllocationSortField(); },
  get RevenueAttributionAllocationSortField() { return shapeModule.RevenueAttributionAllocationSortField(); },
  get ProductCode() { return shapeModule.ProductCode(); },
  get TagList() { return shapeModule.TagList(); },
  get MarketplaceRevenueShareTagList() { return shapeModule.MarketplaceRevenueShareTagList(); },
  get TagKeyList() { return shapeModule.TagKeyList(); },
} as const satisfies Record<keyof typeof shapeModule, unknown>;
