/** Validation: the engine, the shape schemas, date rules and batch-item rules. */
export * from "./core.js";
export * from "./dates.js";
export * from "./allocations.js";
import * as shapeModule from "./shapes.js";

/**
 * The shape schemas (src/validation/shapes.ts), one object. A plain object
 * literal rather than `export * as shapes`: a bundler drops an unused literal,
 * while a module namespace object keeps every shape schema of the package in
 * every bundle (`shapeModule.X` is read as a plain reference, so no namespace
 * object is made). `satisfies` makes the compiler check that none is missing.
 */
export const shapes = {
  constrainedString: shapeModule.constrainedString,
  stringEnum: shapeModule.stringEnum,
  list: shapeModule.list,
  integer: shapeModule.integer,
  timestamp: shapeModule.timestamp,
  CatalogName: shapeModule.CatalogName,
  ClientToken: shapeModule.ClientToken,
  MarketplaceProductId: shapeModule.MarketplaceProductId,
  MarketplaceRevenueShareAllocationId: shapeModule.MarketplaceRevenueShareAllocationId,
  RevenueAttributionAllocationId: shapeModule.RevenueAttributionAllocationId,
  RevenueAttributionAllocationTaskId: shapeModule.RevenueAttributionAllocationTaskId,
  RevenueAttributionIdentifier: shapeModule.RevenueAttributionIdentifier,
  RevenueSharePercent: shapeModule.RevenueSharePercent,
  RevisionToken: shapeModule.RevisionToken,
  CustomerAwsAccountId: shapeModule.CustomerAwsAccountId,
  EntityIdentifier: shapeModule.EntityIdentifier,
  NextToken: shapeModule.NextToken,
  ResourceARN: shapeModule.ResourceARN,
  TagKey: shapeModule.TagKey,
  TagValue: shapeModule.TagValue,
  Tag: shapeModule.Tag,
  Description: shapeModule.Description,
  RevenueAttributionName: shapeModule.RevenueAttributionName,
  ProductIdentifier: shapeModule.ProductIdentifier,
  AllocationStatus: shapeModule.AllocationStatus,
  EntityType: shapeModule.EntityType,
  TenancyModel: shapeModule.TenancyModel,
  SortOrder: shapeModule.SortOrder,
  RevenueAttributionAllocationAction: shapeModule.RevenueAttributionAllocationAction,
  DateString: shapeModule.DateString,
  FirstDayOfMonth: shapeModule.FirstDayOfMonth,
  LastDayOfMonth: shapeModule.LastDayOfMonth,
  INT32_MAX: shapeModule.INT32_MAX,
  MaxResults100: shapeModule.MaxResults100,
  MaxResults500: shapeModule.MaxResults500,
  MarketplaceRevenueShareRevisionNumber: shapeModule.MarketplaceRevenueShareRevisionNumber,
  AttributionSortBy: shapeModule.AttributionSortBy,
  MarketplaceRevenueShareSortBy: shapeModule.MarketplaceRevenueShareSortBy,
  MarketplaceRevenueShareAllocationSortField: shapeModule.MarketplaceRevenueShareAllocationSortField,
  RevenueAttributionAllocationSortField: shapeModule.RevenueAttributionAllocationSortField,
  ProductCode: shapeModule.ProductCode,
  TagList: shapeModule.TagList,
  MarketplaceRevenueShareTagList: shapeModule.MarketplaceRevenueShareTagList,
  TagKeyList: shapeModule.TagKeyList,
} satisfies typeof shapeModule;
