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
export { Command, type MetadataBearer, type OperationSpec } from "./command.js";
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
  MAX_RESPONSE_BODY_BYTES,
  type ResponseMetadata,
  type ValidationExceptionField,
  type ValidationExceptionErrorCode,
} from "./errors.js";
export { CborDecodeError, CborEncodeError } from "./protocol/cbor.js";
export * from "./models.js";
export type { CredentialsOption } from "./auth/credentials.js";
export type { RetryMode } from "./transport/retry-strategy.js";
export type { UserAgentOption } from "./middleware.js";
export type { HttpHandler, HttpRequestSpec, HttpResponseSpec } from "./transport/types.js";
export { NodeHttpHandler, type NodeHttpHandlerOptions } from "./transport/node-http-handler.js";
export type { SmithyHttpHandler } from "./transport/smithy-http-handler.js";
export { FetchHttpHandler, type FetchLike } from "./transport/fetch-http-handler.js";

// Commands
export * from "./commands/StartRevenueAttributionAllocationsTaskCommand.js";
export * from "./commands/GetRevenueAttributionAllocationsTaskCommand.js";
export * from "./commands/CreateMarketplaceRevenueShareAllocationCommand.js";
export * from "./commands/UpdateMarketplaceRevenueShareAllocationCommand.js";
export * from "./commands/CreateMarketplaceRevenueShareCommand.js";
export * from "./commands/GetMarketplaceRevenueShareCommand.js";
export * from "./commands/ListMarketplaceRevenueSharesCommand.js";
export * from "./commands/GetMarketplaceRevenueShareAllocationCommand.js";
export * from "./commands/ListMarketplaceRevenueShareAllocationsCommand.js";
export * from "./commands/CreateRevenueAttributionCommand.js";
export * from "./commands/UpdateRevenueAttributionCommand.js";
export * from "./commands/ListRevenueAttributionsCommand.js";
export * from "./commands/GetRevenueAttributionAllocationCommand.js";
export * from "./commands/ListRevenueAttributionAllocationsCommand.js";
export * from "./commands/ListTagsForResourceCommand.js";
export * from "./commands/TagResourceCommand.js";
export * from "./commands/UntagResourceCommand.js";
export * from "./commands/GetRevenueAttributionCommand.js";

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

// Validation
export { validateCommandInput } from "./validation/command-input.js";
export {
  validateRevenueShareAllocations,
  RevenueShareAllocationSchema,
  isCalendarDate,
  isFirstDayOfMonth,
  isLastDayOfMonth,
  shapes,
  type ValidationContext,
  type InputRules,
  type IssueCollector,
} from "./validation/index.js";
