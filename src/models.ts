/**
 * Structures and enums shared by several operations (the service model's shared shapes).
 *
 * Each enum is a constant object with the official client's names
 * (`CatalogName.SANDBOX`) and a type of the same name. Inputs take only the
 * known values, so a typo is a compile error; outputs are typed
 * {@link OpenEnum}, so values the service adds later pass through.
 */

/** An enum value in an output: one of the known values, or one the service added after this release. */
export type OpenEnum<T extends string> = T | (string & {});

/** The catalog: `AWS` or `Sandbox`. */
export const CatalogName = { AWS: "AWS", SANDBOX: "Sandbox" } as const;
/** The catalog: `AWS` or `Sandbox`. */
export type CatalogName = (typeof CatalogName)[keyof typeof CatalogName];

/** Status of an allocation. */
export const AllocationStatus = { ACTIVE: "ACTIVE", INACTIVE: "INACTIVE" } as const;
/** Status of an allocation: `ACTIVE` or `INACTIVE`. */
export type AllocationStatus = (typeof AllocationStatus)[keyof typeof AllocationStatus];

/** The kind of entity a revenue attribution allocation points at. */
export const EntityType = { OFFER: "OFFER", OPPORTUNITY: "OPPORTUNITY" } as const;
/** `OFFER` or `OPPORTUNITY`. */
export type EntityType = (typeof EntityType)[keyof typeof EntityType];

/** Tenancy of a revenue attribution. */
export const TenancyModel = { MULTI_TENANT: "MULTI_TENANT", SINGLE_TENANT: "SINGLE_TENANT" } as const;
/** `MULTI_TENANT` or `SINGLE_TENANT`. */
export type TenancyModel = (typeof TenancyModel)[keyof typeof TenancyModel];

/** Sort direction of the list operations. */
export const SortOrder = { ASCENDING: "ASCENDING", DESCENDING: "DESCENDING" } as const;
/** `ASCENDING` or `DESCENDING`. */
export type SortOrder = (typeof SortOrder)[keyof typeof SortOrder];

/** Sort field of {@link ListRevenueAttributionsCommand}. */
export const AttributionSortBy = { LAST_MODIFIED_DATE: "LastModifiedDate" } as const;
/** `LastModifiedDate`. */
export type AttributionSortBy = (typeof AttributionSortBy)[keyof typeof AttributionSortBy];

/** Sort field of {@link ListMarketplaceRevenueSharesCommand}. */
export const MarketplaceRevenueShareSortBy = { LAST_MODIFIED_DATE: "LastModifiedDate" } as const;
/** `LastModifiedDate`. */
export type MarketplaceRevenueShareSortBy = (typeof MarketplaceRevenueShareSortBy)[keyof typeof MarketplaceRevenueShareSortBy];

/** Sort field of {@link ListMarketplaceRevenueShareAllocationsCommand}. */
export const MarketplaceRevenueShareAllocationSortField = { EFFECTIVE_FROM: "EffectiveFrom" } as const;
/** `EffectiveFrom`. */
export type MarketplaceRevenueShareAllocationSortField =
  (typeof MarketplaceRevenueShareAllocationSortField)[keyof typeof MarketplaceRevenueShareAllocationSortField];

/** Sort field of {@link ListRevenueAttributionAllocationsCommand}. */
export const RevenueAttributionAllocationSortField = { EFFECTIVE_FROM: "EffectiveFrom" } as const;
/** `EffectiveFrom`. */
export type RevenueAttributionAllocationSortField =
  (typeof RevenueAttributionAllocationSortField)[keyof typeof RevenueAttributionAllocationSortField];

/** What one change of an allocations task does. */
export const RevenueAttributionAllocationAction = { CREATE: "CREATE", UPDATE: "UPDATE" } as const;
/** `CREATE` or `UPDATE`. */
export type RevenueAttributionAllocationAction =
  (typeof RevenueAttributionAllocationAction)[keyof typeof RevenueAttributionAllocationAction];

/** State of an allocations task. */
export const RevenueAttributionAllocationTaskStatus = { COMPLETE: "COMPLETE", FAILED: "FAILED", IN_PROGRESS: "IN_PROGRESS" } as const;
/** `IN_PROGRESS`, `COMPLETE` or `FAILED`. */
export type RevenueAttributionAllocationTaskStatus =
  (typeof RevenueAttributionAllocationTaskStatus)[keyof typeof RevenueAttributionAllocationTaskStatus];

/** Why one record of a FAILED task failed. */
export const RevenueAttributionAllocationErrorCode = {
  ACCESS_DENIED: "ACCESS_DENIED",
  ALLOCATION_CAP_EXCEEDED: "ALLOCATION_CAP_EXCEEDED",
  CONCURRENT_MODIFICATION: "CONCURRENT_MODIFICATION",
  IMMUTABLE_ALLOCATION: "IMMUTABLE_ALLOCATION",
  INTERNAL_ERROR: "INTERNAL_ERROR",
  INVALID_VALUE: "INVALID_VALUE",
  RESOURCE_NOT_FOUND: "RESOURCE_NOT_FOUND",
} as const;
/** Why one record of a FAILED task failed. */
export type RevenueAttributionAllocationErrorCode =
  (typeof RevenueAttributionAllocationErrorCode)[keyof typeof RevenueAttributionAllocationErrorCode];

/** `Reason` of {@link AccessDeniedException}. */
export const AccessDeniedExceptionReason = { ACCESS_DENIED: "ACCESS_DENIED" } as const;
/** `Reason` of {@link AccessDeniedException}. */
export type AccessDeniedExceptionReason = (typeof AccessDeniedExceptionReason)[keyof typeof AccessDeniedExceptionReason];

/** `Reason` of {@link ConflictException}. */
export const ConflictExceptionReason = {
  CONCURRENT_MODIFICATION: "CONCURRENT_MODIFICATION",
  CONFLICT_CLIENT_TOKEN: "CONFLICT_CLIENT_TOKEN",
  RESOURCE_ALREADY_EXISTS: "RESOURCE_ALREADY_EXISTS",
  REVISION_MISMATCH: "REVISION_MISMATCH",
} as const;
/** `Reason` of {@link ConflictException}. */
export type ConflictExceptionReason = (typeof ConflictExceptionReason)[keyof typeof ConflictExceptionReason];

/** `Reason` of {@link ResourceNotFoundException}. */
export const ResourceNotFoundExceptionReason = { RESOURCE_NOT_FOUND: "RESOURCE_NOT_FOUND" } as const;
/** `Reason` of {@link ResourceNotFoundException}. */
export type ResourceNotFoundExceptionReason =
  (typeof ResourceNotFoundExceptionReason)[keyof typeof ResourceNotFoundExceptionReason];

/** `Reason` of {@link ServiceQuotaExceededException}. */
export const ServiceQuotaExceededExceptionReason = {
  ATTRIBUTION_LIMIT_EXCEEDED: "ATTRIBUTION_LIMIT_EXCEEDED",
  TAG_LIMIT_EXCEEDED: "TAG_LIMIT_EXCEEDED",
} as const;
/** `Reason` of {@link ServiceQuotaExceededException}. */
export type ServiceQuotaExceededExceptionReason =
  (typeof ServiceQuotaExceededExceptionReason)[keyof typeof ServiceQuotaExceededExceptionReason];

/** `Reason` of {@link ValidationException}. */
export const ValidationExceptionReason = {
  BUSINESS_VALIDATION_FAILED: "BUSINESS_VALIDATION_FAILED",
  REQUEST_VALIDATION_FAILED: "REQUEST_VALIDATION_FAILED",
} as const;
/** `Reason` of {@link ValidationException}. */
export type ValidationExceptionReason = (typeof ValidationExceptionReason)[keyof typeof ValidationExceptionReason];

/** `Code` of a `ValidationExceptionField` (in {@link ValidationException} and {@link ClientValidationError}). */
export const FieldValidationCode = {
  ACTION_NOT_PERMITTED: "ACTION_NOT_PERMITTED",
  DUPLICATE_VALUE: "DUPLICATE_VALUE",
  INVALID_ENUM_VALUE: "INVALID_ENUM_VALUE",
  INVALID_NUMBER_FORMAT: "INVALID_NUMBER_FORMAT",
  INVALID_STRING_FORMAT: "INVALID_STRING_FORMAT",
  INVALID_STRING_LENGTH: "INVALID_STRING_LENGTH",
  INVALID_VALUE: "INVALID_VALUE",
  REQUIRED_FIELD_MISSING: "REQUIRED_FIELD_MISSING",
  TOO_MANY_VALUES: "TOO_MANY_VALUES",
} as const;
/** `Code` of a `ValidationExceptionField`. */
export type FieldValidationCode = (typeof FieldValidationCode)[keyof typeof FieldValidationCode];

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
  EntityType: OpenEnum<EntityType>;
  EntityId: string;
  CustomerAwsAccountId: string;
  EffectiveFrom: string;
  EffectiveUntil: string;
  Action: OpenEnum<RevenueAttributionAllocationAction>;
  ErrorCode: OpenEnum<RevenueAttributionAllocationErrorCode>;
  ErrorMessage: string;
}

/** One revenue attribution allocation, as listed. */
export interface RevenueAttributionAllocationSummary {
  RevenueAttributionAllocationId: string;
  RevenueAttributionIdentifier: string;
  EntityType: OpenEnum<EntityType>;
  EntityIdentifier: string;
  EntityName?: string;
  /** 12 digits. Sensitive: never log it in full. */
  CustomerAwsAccountId: string;
  RevenueSharePercent: string;
  EffectiveFrom: string;
  EffectiveUntil: string;
  Status: OpenEnum<AllocationStatus>;
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
  Status: OpenEnum<AllocationStatus>;
  CreatedDate?: Date;
  LastModifiedDate?: Date;
}

/** One marketplace revenue share, as listed. */
export interface MarketplaceRevenueShareSummary {
  ProductId: string;
  Arn: string;
  Catalog?: OpenEnum<CatalogName>;
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
  Catalog?: OpenEnum<CatalogName>;
  Name?: string;
  TenancyModel: OpenEnum<TenancyModel>;
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
