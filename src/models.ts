/**
 * Structures and enums shared by several operations (API.md section 5).
 * Enum-typed members also accept unknown strings, so that values the service
 * adds later pass through.
 */

/** `AWS` or `Sandbox`. */
export type CatalogName = "AWS" | "Sandbox" | (string & {});
export const TenancyModel = { MULTI_TENANT: "MULTI_TENANT", SINGLE_TENANT: "SINGLE_TENANT" } as const;
/** `ACTIVE` or `INACTIVE`. */
export type AllocationStatus = "ACTIVE" | "INACTIVE" | (string & {});
/** `OFFER` or `OPPORTUNITY`. */
export type EntityType = "OFFER" | "OPPORTUNITY" | (string & {});
/** `MULTI_TENANT` or `SINGLE_TENANT`. */
export type TenancyModel = "MULTI_TENANT" | "SINGLE_TENANT" | (string & {});
/** `ASCENDING` or `DESCENDING`. */
export type SortOrder = "ASCENDING" | "DESCENDING" | (string & {});
/** `CREATE` or `UPDATE`. */
export type RevenueAttributionAllocationAction = "CREATE" | "UPDATE" | (string & {});
/** State of an allocations task: `IN_PROGRESS`, `COMPLETE` or `FAILED`. */
export type RevenueAttributionAllocationTaskStatus = "IN_PROGRESS" | "COMPLETE" | "FAILED" | (string & {});
/** Why one record of a task failed. */
export type RevenueAttributionAllocationErrorCode =
  | "ALLOCATION_CAP_EXCEEDED"
  | "RESOURCE_NOT_FOUND"
  | "IMMUTABLE_ALLOCATION"
  | "ACCESS_DENIED"
  | "INVALID_VALUE"
  | "CONCURRENT_MODIFICATION"
  | "INTERNAL_ERROR"
  | (string & {});

/** A key/value tag. */
export interface Tag {
  /** 1..128 characters, no control characters. */
  Key: string;
  /** 0..256 characters, no control characters. */
  Value: string;
}

/** One change in an allocations task: create or update a revenue attribution allocation. */
export interface RevenueShareAllocation {
  /** `CREATE` or `UPDATE`. */
  Action: RevenueAttributionAllocationAction;
  /** Required when `Action` is `UPDATE`: `alloc-` and 13 lowercase letters or digits. */
  RevenueAttributionAllocationId?: string;
  /** `OFFER` or `OPPORTUNITY`. */
  EntityType: EntityType;
  /** The offer or opportunity id. */
  EntityIdentifier: string;
  /** 12 digits. Sensitive: never logged in full. */
  CustomerAwsAccountId: string;
  /** Up to three digits with up to two decimals, e.g. `"15.50"`. */
  RevenueSharePercent: string;
  /** First day of the effective month, `YYYY-MM-DD`. */
  EffectiveFrom: string;
  /** Last day of the effective month, `YYYY-MM-DD`. */
  EffectiveUntil: string;
  /** Defaults to `ACTIVE` on `CREATE`. */
  Status?: AllocationStatus;
}

/** Why one record of a FAILED task failed. */
export interface RevenueAttributionAllocationErrorDetail {
  RevenueAttributionAllocationId?: string;
  EntityType: EntityType;
  EntityId: string;
  CustomerAwsAccountId: string;
  EffectiveFrom: string;
  EffectiveUntil: string;
  Action: RevenueAttributionAllocationAction;
  ErrorCode: RevenueAttributionAllocationErrorCode;
  ErrorMessage: string;
}

/** One revenue attribution allocation, as listed. */
export interface RevenueAttributionAllocationSummary {
  RevenueAttributionAllocationId: string;
  RevenueAttributionIdentifier: string;
  EntityType: EntityType;
  EntityIdentifier: string;
  EntityName?: string;
  /** 12 digits. Sensitive: never log it in full. */
  CustomerAwsAccountId: string;
  RevenueSharePercent: string;
  EffectiveFrom: string;
  EffectiveUntil: string;
  Status: AllocationStatus;
}

/** One marketplace revenue share allocation, as listed. */
export interface MarketplaceRevenueShareAllocationSummary {
  MarketplaceRevenueShareAllocationId: string;
  ProductId: string;
  ProductName?: string;
  Arn: string;
  EffectiveFrom: string;
  EffectiveUntil?: string;
  RevenueSharePercent: string;
  Status: AllocationStatus;
  CreatedDate?: Date;
  LastModifiedDate?: Date;
}

/** One marketplace revenue share, as listed. */
export interface MarketplaceRevenueShareSummary {
  ProductId: string;
  Arn: string;
  Catalog?: CatalogName;
  ProductCode?: string;
  ProductName?: string;
  CreatedDate?: Date;
  LastModifiedDate?: Date;
  LatestRevision?: number;
  TotalActiveMarketplaceRevenueShareAllocationCount?: number;
  TotalMarketplaceRevenueShareAllocationCount?: number;
}

/** The marketplace product a revenue attribution refers to. */
export interface MarketplaceProductSummary {
  ProductId?: string;
  ProductCode?: string;
  ProductName?: string;
}

/** One revenue attribution, as listed. */
export interface AttributionSummary {
  Arn?: string;
  Id?: string;
  Catalog?: CatalogName;
  Name?: string;
  TenancyModel: TenancyModel;
  MarketplaceProduct?: MarketplaceProductSummary;
  CreatedDate?: Date;
  LastModifiedDate?: Date;
  LatestRevision?: string;
  EffectiveFrom?: string;
  EffectiveUntil?: string;
  TotalActiveRevenueAttributionAllocationCount?: number;
  TotalRevenueAttributionAllocationCount?: number;
}

/** The output members shared by the marketplace revenue share allocation operations. */
export interface MarketplaceRevenueShareAllocationOutputMembers extends MarketplaceRevenueShareAllocationSummary {
  /** The revision to pass as `MarketplaceRevenueShareRevision` on the next update. */
  LatestMarketplaceRevenueShareRevision?: string;
}
