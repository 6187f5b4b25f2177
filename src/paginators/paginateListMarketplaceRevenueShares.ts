import type { MetadataBearer } from "../command.js";
import {
  ListMarketplaceRevenueSharesCommand,
  type ListMarketplaceRevenueSharesInput,
  type ListMarketplaceRevenueSharesOutput,
} from "../commands/ListMarketplaceRevenueSharesCommand.js";
import { paginate, type PaginationConfiguration } from "./paginate.js";

/**
 * Iterates over every page of ListMarketplaceRevenueShares (items in `MarketplaceRevenueShareSummaries`).
 *
 * ```ts
 * for await (const page of paginateListMarketplaceRevenueShares({ client, pageSize: 50 }, input)) {
 *   for (const item of page.MarketplaceRevenueShareSummaries ?? []) console.log(item);
 * }
 * ```
 */
export function paginateListMarketplaceRevenueShares(
  config: PaginationConfiguration,
  input: ListMarketplaceRevenueSharesInput,
): AsyncGenerator<ListMarketplaceRevenueSharesOutput & MetadataBearer, void, undefined> {
  return paginate(config, input, (pageInput) => new ListMarketplaceRevenueSharesCommand(pageInput));
}
