import type { MetadataBearer } from "../command.js";
import {
  ListRevenueAttributionsCommand,
  type ListRevenueAttributionsInput,
  type ListRevenueAttributionsOutput,
} from "../commands/ListRevenueAttributionsCommand.js";
import { paginate, type PaginationConfiguration } from "./paginate.js";

/**
 * Iterates over every page of ListRevenueAttributions (items in `RevenueAttributionSummaries`).
 *
 * ```ts
 * for await (const page of paginateListRevenueAttributions({ client, pageSize: 50 }, input)) {
 *   for (const item of page.RevenueAttributionSummaries ?? []) console.log(item);
 * }
 * ```
 */
export function paginateListRevenueAttributions(
  config: PaginationConfiguration,
  input: ListRevenueAttributionsInput,
): AsyncGenerator<ListRevenueAttributionsOutput & MetadataBearer, void, undefined> {
  return paginate(config, input, (pageInput) => new ListRevenueAttributionsCommand(pageInput));
}
