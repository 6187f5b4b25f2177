import type { MetadataBearer } from "../command.js";
import {
  ListMarketplaceRevenueShareAllocationsCommand,
  type ListMarketplaceRevenueShareAllocationsInput,
  type ListMarketplaceRevenueShareAllocationsOutput,
} from "../commands/ListMarketplaceRevenueShareAllocationsCommand.js";
import { paginate, type PaginationConfiguration } from "./paginate.js";

/**
 * Iterates over every page of ListMarketplaceRevenueShareAllocations (items in `MarketplaceRevenueShareAllocationSummaries`).
 *
 * ```ts
 * for await (const page of paginateListMarketplaceRevenueShareAllocations({ client, pageSize: 50 }, input)) {
 *   for (const item of page.MarketplaceRevenueShareAllocationSummaries ?? []) console.log(item);
 * }
 * ```
 */
export function paginateListMarketplaceRevenueShareAllocations(
  config: PaginationConfiguration,
  input: ListMarketplaceRevenueShareAllocationsInput,
): AsyncGenerator<ListMarketplaceRevenueShareAllocationsOutput & MetadataBearer, void, undefined> {
  return paginate(config, input, (pageInput) => new ListMarketplaceRevenueShareAllocationsCommand(pageInput));
}
