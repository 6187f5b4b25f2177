/**
 * The 18 operations the emulator serves. Input validation reuses each
 * command's own spec (schema + rules), so the emulator and the client apply
 * one set of rules: a client with `validation: false` hears from the
 * emulator what it would have caught locally.
 */
import type { OperationSpec } from "../../command.js";
import { CreateMarketplaceRevenueShareAllocationCommand } from "../../commands/CreateMarketplaceRevenueShareAllocationCommand.js";
import { CreateMarketplaceRevenueShareCommand } from "../../commands/CreateMarketplaceRevenueShareCommand.js";
import { CreateRevenueAttributionCommand } from "../../commands/CreateRevenueAttributionCommand.js";
import { GetMarketplaceRevenueShareAllocationCommand } from "../../commands/GetMarketplaceRevenueShareAllocationCommand.js";
import { GetMarketplaceRevenueShareCommand } from "../../commands/GetMarketplaceRevenueShareCommand.js";
import { GetRevenueAttributionAllocationCommand } from "../../commands/GetRevenueAttributionAllocationCommand.js";
import { GetRevenueAttributionAllocationsTaskCommand } from "../../commands/GetRevenueAttributionAllocationsTaskCommand.js";
import { GetRevenueAttributionCommand } from "../../commands/GetRevenueAttributionCommand.js";
import { ListMarketplaceRevenueShareAllocationsCommand } from "../../commands/ListMarketplaceRevenueShareAllocationsCommand.js";
import { ListMarketplaceRevenueSharesCommand } from "../../commands/ListMarketplaceRevenueSharesCommand.js";
import { ListRevenueAttributionAllocationsCommand } from "../../commands/ListRevenueAttributionAllocationsCommand.js";
import { ListRevenueAttributionsCommand } from "../../commands/ListRevenueAttributionsCommand.js";
import { ListTagsForResourceCommand } from "../../commands/ListTagsForResourceCommand.js";
import { StartRevenueAttributionAllocationsTaskCommand } from "../../commands/StartRevenueAttributionAllocationsTaskCommand.js";
import { TagResourceCommand } from "../../commands/TagResourceCommand.js";
import { UntagResourceCommand } from "../../commands/UntagResourceCommand.js";
import { UpdateMarketplaceRevenueShareAllocationCommand } from "../../commands/UpdateMarketplaceRevenueShareAllocationCommand.js";
import { UpdateRevenueAttributionCommand } from "../../commands/UpdateRevenueAttributionCommand.js";
import { allocationHandlers } from "./allocations.js";
import { attributionHandlers } from "./attributions.js";
import { marketplaceHandlers } from "./marketplace.js";
import { tagHandlers } from "./tags.js";
import type { Handler } from "./types.js";

export type { Handler } from "./types.js";

/** One served operation: its input spec and its implementation. */
export interface EmulatedOperation {
  spec: OperationSpec<never>;
  handler: Handler;
}

type AnyCommandClass = new (input: never) => { spec: OperationSpec<never> };

const commands: AnyCommandClass[] = [
  StartRevenueAttributionAllocationsTaskCommand,
  GetRevenueAttributionAllocationsTaskCommand,
  CreateMarketplaceRevenueShareAllocationCommand,
  UpdateMarketplaceRevenueShareAllocationCommand,
  GetMarketplaceRevenueShareAllocationCommand,
  ListMarketplaceRevenueShareAllocationsCommand,
  CreateMarketplaceRevenueShareCommand,
  GetMarketplaceRevenueShareCommand,
  ListMarketplaceRevenueSharesCommand,
  CreateRevenueAttributionCommand,
  GetRevenueAttributionCommand,
  UpdateRevenueAttributionCommand,
  ListRevenueAttributionsCommand,
  GetRevenueAttributionAllocationCommand,
  ListRevenueAttributionAllocationsCommand,
  ListTagsForResourceCommand,
  TagResourceCommand,
  UntagResourceCommand,
];

const handlers: Record<string, Handler> = {
  ...attributionHandlers,
  ...allocationHandlers,
  ...marketplaceHandlers,
  ...tagHandlers,
};

/** Every operation by its wire name. */
export const OPERATIONS: ReadonlyMap<string, EmulatedOperation> = new Map(
  commands.map((Command) => {
    const { spec } = new Command({} as never);
    const handler = handlers[spec.name];
    if (!handler) throw new Error(`The emulator has no handler for ${spec.name}`);
    return [spec.name, { spec, handler }] as const;
  }),
);
