/**
 * Typed client for the AWS Partner Central Revenue Measurement API.
 * @packageDocumentation
 */
export {
  PartnerCentralRevenueMeasurementClient,
  type PartnerCentralRevenueMeasurementClientConfig,
  type RequestHandlerOption,
  type PartnerCentralRevenueMeasurementClientResolvedConfig,
  type ResolvedClientConfig,
  type SendOptions,
  type ServiceInputTypes,
  type ServiceOutputTypes,
  type Logger,
  type Clock,
} from "./client.js";
export { Command, type MetadataBearer } from "./command.js";
export { InvalidConfigurationError, type ResolvedEndpoint } from "./endpoints.js";
export {
  PartnerCentralRevenueMeasurementError,
  PartnerCentralRevenueMeasurementServiceException,
  PartnerCentralRevenueMeasurementProtocolError,
  AccessDeniedException,
  ConflictException,
  InternalServerException,
  ResourceNotFoundException,
  ServiceQuotaExceededException,
  ThrottlingException,
  ValidationException,
  ClientValidationError,
  NetworkError,
  CredentialsUnavailableError,
  AbortError,
  type ResponseMetadata,
  type ValidationExceptionField,
  type ValidationExceptionErrorCode,
} from "./errors.js";
export { CborDecodeError, CborEncodeError } from "./protocol/cbor.js";
export {
  type OpenEnum,
  CatalogName,
  AllocationStatus,
  EntityType,
  TenancyModel,
  SortOrder,
  AttributionSortBy,
  MarketplaceRevenueShareSortBy,
  MarketplaceRevenueShareAllocationSortField,
  RevenueAttributionAllocationSortField,
  RevenueAttributionAllocationAction,
  RevenueAttributionAllocationTaskStatus,
  RevenueAttributionAllocationErrorCode,
  AccessDeniedExceptionReason,
  ConflictExceptionReason,
  ResourceNotFoundExceptionReason,
  ServiceQuotaExceededExceptionReason,
  ValidationExceptionReason,
  FieldValidationCode,
  type Tag,
  type RevenueShareAllocation,
  type RevenueAttributionAllocationErrorDetail,
  type RevenueAttributionAllocationSummary,
  type MarketplaceRevenueShareAllocationSummary,
  type MarketplaceRevenueShareSummary,
  type MarketplaceProductSummary,
  type AttributionSummary,
} from "./models.js";
export type { CredentialsOption } from "./auth/credentials.js";
export type { RetryMode } from "./transport/retry-strategy.js";
export type { UserAgentOption } from "./middleware.js";
// The handlers' own contract, which their public `handle` signatures name.
export type { HttpHandler, HttpRequestSpec, HttpResponseSpec } from "./transport/types.js";
export { NodeHttpHandler, type NodeHttpHandlerOptions } from "./transport/node-http-handler.js";
export type { SmithyHttpHandler } from "./transport/smithy-http-handler.js";
export { FetchHttpHandler, type FetchLike } from "./transport/fetch-http-handler.js";

// Commands
export {
  StartRevenueAttributionAllocationsTaskCommand,
  type StartRevenueAttributionAllocationsTaskInput,
  type StartRevenueAttributionAllocationsTaskOutput,
  type StartRevenueAttributionAllocationsTaskCommandInput,
  type StartRevenueAttributionAllocationsTaskCommandOutput,
} from "./commands/StartRevenueAttributionAllocationsTaskCommand.js";
export {
  GetRevenueAttributionAllocationsTaskCommand,
  type GetRevenueAttributionAllocationsTaskInput,
  type GetRevenueAttributionAllocationsTaskOutput,
  type GetRevenueAttributionAllocationsTaskCommandInput,
  type GetRevenueAttributionAllocationsTaskCommandOutput,
} from "./commands/GetRevenueAttributionAllocationsTaskCommand.js";
export {
  CreateMarketplaceRevenueShareAllocationCommand,
  type CreateMarketplaceRevenueShareAllocationInput,
  type CreateMarketplaceRevenueShareAllocationOutput,
  type CreateMarketplaceRevenueShareAllocationCommandInput,
  type CreateMarketplaceRevenueShareAllocationCommandOutput,
} from "./commands/CreateMarketplaceRevenueShareAllocationCommand.js";
export {
  UpdateMarketplaceRevenueShareAllocationCommand,
  type UpdateMarketplaceRevenueShareAllocationInput,
  type UpdateMarketplaceRevenueShareAllocationOutput,
  type UpdateMarketplaceRevenueShareAllocationCommandInput,
  type UpdateMarketplaceRevenueShareAllocationCommandOutput,
} from "./commands/UpdateMarketplaceRevenueShareAllocationCommand.js";
export {
  CreateMarketplaceRevenueShareCommand,
  type CreateMarketplaceRevenueShareInput,
  type CreateMarketplaceRevenueShareOutput,
  type CreateMarketplaceRevenueShareCommandInput,
  type CreateMarketplaceRevenueShareCommandOutput,
} from "./commands/CreateMarketplaceRevenueShareCommand.js";
export {
  GetMarketplaceRevenueShareCommand,
  type GetMarketplaceRevenueShareInput,
  type GetMarketplaceRevenueShareOutput,
  type GetMarketplaceRevenueShareCommandInput,
  type GetMarketplaceRevenueShareCommandOutput,
} from "./commands/GetMarketplaceRevenueShareCommand.js";
export {
  ListMarketplaceRevenueSharesCommand,
  type ListMarketplaceRevenueSharesInput,
  type ListMarketplaceRevenueSharesOutput,
  type ListMarketplaceRevenueSharesCommandInput,
  type ListMarketplaceRevenueSharesCommandOutput,
} from "./commands/ListMarketplaceRevenueSharesCommand.js";
export {
  GetMarketplaceRevenueShareAllocationCommand,
  type GetMarketplaceRevenueShareAllocationInput,
  type GetMarketplaceRevenueShareAllocationOutput,
  type GetMarketplaceRevenueShareAllocationCommandInput,
  type GetMarketplaceRevenueShareAllocationCommandOutput,
} from "./commands/GetMarketplaceRevenueShareAllocationCommand.js";
export {
  ListMarketplaceRevenueShareAllocationsCommand,
  type ListMarketplaceRevenueShareAllocationsInput,
  type ListMarketplaceRevenueShareAllocationsOutput,
  type ListMarketplaceRevenueShareAllocationsCommandInput,
  type ListMarketplaceRevenueShareAllocationsCommandOutput,
} from "./commands/ListMarketplaceRevenueShareAllocationsCommand.js";
export {
  CreateRevenueAttributionCommand,
  type CreateRevenueAttributionInput,
  type CreateRevenueAttributionOutput,
  type CreateRevenueAttributionCommandInput,
  type CreateRevenueAttributionCommandOutput,
} from "./commands/CreateRevenueAttributionCommand.js";
export {
  UpdateRevenueAttributionCommand,
  type UpdateRevenueAttributionInput,
  type UpdateRevenueAttributionOutput,
  type UpdateRevenueAttributionCommandInput,
  type UpdateRevenueAttributionCommandOutput,
} from "./commands/UpdateRevenueAttributionCommand.js";
export {
  ListRevenueAttributionsCommand,
  type ListRevenueAttributionsInput,
  type ListRevenueAttributionsOutput,
  type ListRevenueAttributionsCommandInput,
  type ListRevenueAttributionsCommandOutput,
} from "./commands/ListRevenueAttributionsCommand.js";
export {
  GetRevenueAttributionAllocationCommand,
  type GetRevenueAttributionAllocationInput,
  type GetRevenueAttributionAllocationOutput,
  type GetRevenueAttributionAllocationCommandInput,
  type GetRevenueAttributionAllocationCommandOutput,
} from "./commands/GetRevenueAttributionAllocationCommand.js";
export {
  ListRevenueAttributionAllocationsCommand,
  type ListRevenueAttributionAllocationsInput,
  type ListRevenueAttributionAllocationsOutput,
  type ListRevenueAttributionAllocationsCommandInput,
  type ListRevenueAttributionAllocationsCommandOutput,
} from "./commands/ListRevenueAttributionAllocationsCommand.js";
export {
  ListTagsForResourceCommand,
  type ListTagsForResourceInput,
  type ListTagsForResourceOutput,
  type ListTagsForResourceCommandInput,
  type ListTagsForResourceCommandOutput,
} from "./commands/ListTagsForResourceCommand.js";
export {
  TagResourceCommand,
  type TagResourceInput,
  type TagResourceOutput,
  type TagResourceCommandInput,
  type TagResourceCommandOutput,
} from "./commands/TagResourceCommand.js";
export {
  UntagResourceCommand,
  type UntagResourceInput,
  type UntagResourceOutput,
  type UntagResourceCommandInput,
  type UntagResourceCommandOutput,
} from "./commands/UntagResourceCommand.js";
export {
  GetRevenueAttributionCommand,
  type GetRevenueAttributionInput,
  type GetRevenueAttributionOutput,
  type GetRevenueAttributionCommandInput,
  type GetRevenueAttributionCommandOutput,
} from "./commands/GetRevenueAttributionCommand.js";

// Paginators
export {
  PaginationLoopError,
  type PaginationConfiguration,
  type PartnerCentralRevenueMeasurementPaginationConfiguration,
} from "./paginators/paginate.js";
export { paginateListRevenueAttributions } from "./paginators/paginateListRevenueAttributions.js";
export { paginateListRevenueAttributionAllocations } from "./paginators/paginateListRevenueAttributionAllocations.js";
export { paginateListMarketplaceRevenueShares } from "./paginators/paginateListMarketplaceRevenueShares.js";
export { paginateListMarketplaceRevenueShareAllocations } from "./paginators/paginateListMarketplaceRevenueShareAllocations.js";

// Aggregated client
export { PartnerCentralRevenueMeasurement } from "./PartnerCentralRevenueMeasurement.js";

// Waiters (batches: the "partnercentral-revenue-measurement/batch" entry)
export {
  waitUntilAllocationsTaskComplete,
  ALLOCATIONS_TASK_WAITER_DEFAULTS,
  type AllocationsTaskWaiterConfiguration,
  type AllocationsTaskWaiterOptions,
  type AllocationsTaskWaiterInput,
} from "./waiters/waitUntilAllocationsTaskComplete.js";
export {
  AllocationsTaskFailedError,
  AllocationsTaskSupersededError,
  WaiterTimeoutError,
  type ObservedAllocationsTask,
} from "./waiters/errors.js";

// Validation: functions only, so that no zod type is part of the public contract.
export { validateCommandInput } from "./validation/command-input.js";
export { validateRevenueShareAllocations } from "./validation/allocations.js";
export { isCalendarDate, isFirstDayOfMonth, isLastDayOfMonth } from "./validation/dates.js";
