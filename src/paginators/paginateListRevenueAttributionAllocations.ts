import type { MetadataBearer } from "../command.js";
import {
  ListRevenueAttributionAllocationsCommand,
  type ListRevenueAttributionAllocationsInput,
  type ListRevenueAttributionAllocationsOutput,
} from "../commands/ListRevenueAttributionAllocationsCommand.js";
import { paginate, type PaginationConfiguration } from "./paginate.js";

/**
 * Iterates over every page of ListRevenueAttributionAllocations (items in `RevenueAttributionAllocationSummaries`).
 *
 * ```ts
 * for await (const page of paginateListRevenueAttributionAllocations({ client, pageSize: 50 }, input)) {
 *   for (const item of page.RevenueAttributionAllocationSummaries ?? []) console.log(item);
 * }
 * ```
 */
export function paginateListRevenueAttributionAllocations(
  config: PaginationConfiguration,
  input: ListRevenueAttributionAllocationsInput,
): AsyncGenerator<ListRevenueAttributionAllocationsOutput & MetadataBearer, void, undefined> {
  return paginate(config, input, (pageInput) => new ListRevenueAttributionAllocationsCommand(pageInput));
}
