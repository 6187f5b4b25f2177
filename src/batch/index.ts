/**
 * The batch helpers' public surface, in one module so that the build keeps
 * their internals in one chunk (shorter bundles for `require()` handlers).
 */
export {
  submitAllocations,
  type SubmitAllocationsInput,
  type SubmitAllocationsOutput,
  type SubmitAllocationsProgress,
  type SubmitAllocationsDeadline,
} from "./submitAllocations.js";
export {
  planAllocations,
  MAX_ALLOCATIONS_PER_TASK,
  type AllocationsPlan,
  type AllocationsSubmissionInput,
  type PlannedChangeAction,
  type LastTaskFailure,
} from "./plan.js";
export { allocationsChunkClientToken } from "./resume.js";
export type { IndexRange } from "./ranges.js";
export type { AllocationConflict, FailedAllocation } from "./reconcile.js";
export { AllocationsSubmissionError, AllocationsConflictError, type AllocationsReport } from "./errors.js";
