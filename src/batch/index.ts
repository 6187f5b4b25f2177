/**
 * `partnercentral-revenue-measurement/batch`: any number of allocation changes to one revenue attribution,
 * checked against the service's rules, applied in tasks of 250, resumable. Its own entry point, so that a
 * handler that only sends commands does not carry it (a `require()` of the package cannot be tree-shaken).
 * @packageDocumentation
 */
export {
  submitAllocations,
  type SubmitAllocationsConfiguration,
  type SubmitAllocationsInput,
  type SubmitAllocationsOutput,
  type SubmitAllocationsProgress,
  type SubmitAllocationsDeadline,
} from "./submitAllocations.js";
export {
  planAllocations,
  MAX_ALLOCATIONS_PER_TASK,
  type AllocationsPlan,
  type PlanAllocationsConfiguration,
  type PlanAllocationsInput,
  type AllocationsSubmissionInput,
  type PlannedChangeAction,
  type LastTaskFailure,
} from "./plan.js";
export type { IndexRange } from "./ranges.js";
export type { AllocationConflict, FailedAllocation } from "./reconcile.js";
export { AllocationsSubmissionError, AllocationsConflictError, type AllocationsReport } from "./errors.js";
