/**
 * Allocation changes from files: read CSV or JSON Lines (streaming, every row
 * located by its file line), plan and apply them to a revenue attribution,
 * write the per-row results, export what is stored in the same layout.
 *
 * ```ts
 * import { PartnerCentralRevenueMeasurementClient } from "partnercentral-revenue-measurement";
 * import { readAllocationChanges, applyAllocationsFile, writeAllocationResults } from "partnercentral-revenue-measurement/files";
 *
 * const client = new PartnerCentralRevenueMeasurementClient({});
 * const changes = await readAllocationChanges("changes.csv");
 * const outcome = await applyAllocationsFile({ client }, { Catalog: "AWS", RevenueAttributionIdentifier: "ra-abc123def4567", changes });
 * await writeAllocationResults("results.csv", outcome.results);
 * ```
 * @packageDocumentation
 */
export { AllocationsFileError, describeProblem, type AllocationFileProblem } from "./errors.js";
export {
  readAllocationChanges,
  streamAllocationChanges,
  ALLOCATION_COLUMNS,
  type AllocationColumn,
  type AllocationChanges,
  type AllocationChangeLine,
  type AllocationChangesSource,
  type AllocationFileFormat,
  type ReadAllocationChangesOptions,
} from "./read.js";
export { writeAllocationResults, RESULT_COLUMNS, type AllocationOutcome, type AllocationRowResult } from "./results.js";
export type { AllocationFileDestination } from "./write.js";
export {
  planAllocationsFile,
  applyAllocationsFile,
  exportAllocations,
  type AllocationsTarget,
  type AllocationsFilePlan,
  type AllocationsFileConfiguration,
  type AllocationsFileInput,
  type ApplyAllocationsFileConfiguration,
  type ExportAllocationsConfiguration,
  type AllocationsFileOutcome,
} from "./jobs.js";
