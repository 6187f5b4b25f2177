/**
 * The aggregated client: one camelCase method per operation, each a shortcut
 * for `send(new XxxCommand(input), options)`.
 */
import { PartnerCentralRevenueMeasurementClient, type SendOptions } from "./client.js";
import type { MetadataBearer } from "./command.js";
import {
  CreateMarketplaceRevenueShareCommand,
  type CreateMarketplaceRevenueShareInput,
  type CreateMarketplaceRevenueShareOutput,
} from "./commands/CreateMarketplaceRevenueShareCommand.js";
import {
  GetMarketplaceRevenueShareCommand,
  type GetMarketplaceRevenueShareInput,
  type GetMarketplaceRevenueShareOutput,
} from "./commands/GetMarketplaceRevenueShareCommand.js";
import {
  ListMarketplaceRevenueSharesCommand,
  type ListMarketplaceRevenueSharesInput,
  type ListMarketplaceRevenueSharesOutput,
} from "./commands/ListMarketplaceRevenueSharesCommand.js";
import {
  CreateMarketplaceRevenueShareAllocationCommand,
  type CreateMarketplaceRevenueShareAllocationInput,
  type CreateMarketplaceRevenueShareAllocationOutput,
} from "./commands/CreateMarketplaceRevenueShareAllocationCommand.js";
import {
  GetMarketplaceRevenueShareAllocationCommand,
  type GetMarketplaceRevenueShareAllocationInput,
  type GetMarketplaceRevenueShareAllocationOutput,
} from "./commands/GetMarketplaceRevenueShareAllocationCommand.js";
import {
  ListMarketplaceRevenueShareAllocationsCommand,
  type ListMarketplaceRevenueShareAllocationsInput,
  type ListMarketplaceRevenueShareAllocationsOutput,
} from "./commands/ListMarketplaceRevenueShareAllocationsCommand.js";
import {
  UpdateMarketplaceRevenueShareAllocationCommand,
  type UpdateMarketplaceRevenueShareAllocationInput,
  type UpdateMarketplaceRevenueShareAllocationOutput,
} from "./commands/UpdateMarketplaceRevenueShareAllocationCommand.js";
import {
  CreateRevenueAttributionCommand,
  type CreateRevenueAttributionInput,
  type CreateRevenueAttributionOutput,
} from "./commands/CreateRevenueAttributionCommand.js";
import {
  GetRevenueAttributionCommand,
  type GetRevenueAttributionInput,
  type GetRevenueAttributionOutput,
} from "./commands/GetRevenueAttributionCommand.js";
import {
  UpdateRevenueAttributionCommand,
  type UpdateRevenueAttributionInput,
  type UpdateRevenueAttributionOutput,
} from "./commands/UpdateRevenueAttributionCommand.js";
import {
  ListRevenueAttributionsCommand,
  type ListRevenueAttributionsInput,
  type ListRevenueAttributionsOutput,
} from "./commands/ListRevenueAttributionsCommand.js";
import {
  GetRevenueAttributionAllocationCommand,
  type GetRevenueAttributionAllocationInput,
  type GetRevenueAttributionAllocationOutput,
} from "./commands/GetRevenueAttributionAllocationCommand.js";
import {
  ListRevenueAttributionAllocationsCommand,
  type ListRevenueAttributionAllocationsInput,
  type ListRevenueAttributionAllocationsOutput,
} from "./commands/ListRevenueAttributionAllocationsCommand.js";
import {
  StartRevenueAttributionAllocationsTaskCommand,
  type StartRevenueAttributionAllocationsTaskInput,
  type StartRevenueAttributionAllocationsTaskOutput,
} from "./commands/StartRevenueAttributionAllocationsTaskCommand.js";
import {
  GetRevenueAttributionAllocationsTaskCommand,
  type GetRevenueAttributionAllocationsTaskInput,
  type GetRevenueAttributionAllocationsTaskOutput,
} from "./commands/GetRevenueAttributionAllocationsTaskCommand.js";
import {
  ListTagsForResourceCommand,
  type ListTagsForResourceInput,
  type ListTagsForResourceOutput,
} from "./commands/ListTagsForResourceCommand.js";
import {
  TagResourceCommand,
  type TagResourceInput,
  type TagResourceOutput,
} from "./commands/TagResourceCommand.js";
import {
  UntagResourceCommand,
  type UntagResourceInput,
  type UntagResourceOutput,
} from "./commands/UntagResourceCommand.js";

type Out<O> = Promise<O & MetadataBearer>;

/**
 * {@link PartnerCentralRevenueMeasurementClient} with a method per operation.
 * Importing it pulls in every command; for the smallest bundle, use the bare
 * client with only the commands you need.
 *
 * ```ts
 * const prm = new PartnerCentralRevenueMeasurement({ region: "us-east-1" });
 * const ra = await prm.createRevenueAttribution({ Catalog: "AWS", Name: "EMEA resale", TenancyModel: "MULTI_TENANT" });
 * ```
 */
export class PartnerCentralRevenueMeasurement extends PartnerCentralRevenueMeasurementClient {
  createMarketplaceRevenueShare(input: CreateMarketplaceRevenueShareInput, options?: SendOptions): Out<CreateMarketplaceRevenueShareOutput> { return this.send(new CreateMarketplaceRevenueShareCommand(input), options); }
  getMarketplaceRevenueShare(input: GetMarketplaceRevenueShareInput, options?: SendOptions): Out<GetMarketplaceRevenueShareOutput> { return this.send(new GetMarketplaceRevenueShareCommand(input), options); }
  listMarketplaceRevenueShares(input: ListMarketplaceRevenueSharesInput, options?: SendOptions): Out<ListMarketplaceRevenueSharesOutput> { return this.send(new ListMarketplaceRevenueSharesCommand(input), options); }
  createMarketplaceRevenueShareAllocation(input: CreateMarketplaceRevenueShareAllocationInput, options?: SendOptions): Out<CreateMarketplaceRevenueShareAllocationOutput> { return this.send(new CreateMarketplaceRevenueShareAllocationCommand(input), options); }
  getMarketplaceRevenueShareAllocation(input: GetMarketplaceRevenueShareAllocationInput, options?: SendOptions): Out<GetMarketplaceRevenueShareAllocationOutput> { return this.send(new GetMarketplaceRevenueShareAllocationCommand(input), options); }
  listMarketplaceRevenueShareAllocations(input: ListMarketplaceRevenueShareAllocationsInput, options?: SendOptions): Out<ListMarketplaceRevenueShareAllocationsOutput> { return this.send(new ListMarketplaceRevenueShareAllocationsCommand(input), options); }
  updateMarketplaceRevenueShareAllocation(input: UpdateMarketplaceRevenueShareAllocationInput, options?: SendOptions): Out<UpdateMarketplaceRevenueShareAllocationOutput> { return this.send(new UpdateMarketplaceRevenueShareAllocationCommand(input), options); }
  createRevenueAttribution(input: CreateRevenueAttributionInput, options?: SendOptions): Out<CreateRevenueAttributionOutput> { return this.send(new CreateRevenueAttributionCommand(input), options); }
  getRevenueAttribution(input: GetRevenueAttributionInput, options?: SendOptions): Out<GetRevenueAttributionOutput> { return this.send(new GetRevenueAttributionCommand(input), options); }
  updateRevenueAttribution(input: UpdateRevenueAttributionInput, options?: SendOptions): Out<UpdateRevenueAttributionOutput> { return this.send(new UpdateRevenueAttributionCommand(input), options); }
  listRevenueAttributions(input: ListRevenueAttributionsInput, options?: SendOptions): Out<ListRevenueAttributionsOutput> { return this.send(new ListRevenueAttributionsCommand(input), options); }
  getRevenueAttributionAllocation(input: GetRevenueAttributionAllocationInput, options?: SendOptions): Out<GetRevenueAttributionAllocationOutput> { return this.send(new GetRevenueAttributionAllocationCommand(input), options); }
  listRevenueAttributionAllocations(input: ListRevenueAttributionAllocationsInput, options?: SendOptions): Out<ListRevenueAttributionAllocationsOutput> { return this.send(new ListRevenueAttributionAllocationsCommand(input), options); }
  startRevenueAttributionAllocationsTask(input: StartRevenueAttributionAllocationsTaskInput, options?: SendOptions): Out<StartRevenueAttributionAllocationsTaskOutput> { return this.send(new StartRevenueAttributionAllocationsTaskCommand(input), options); }
  getRevenueAttributionAllocationsTask(input: GetRevenueAttributionAllocationsTaskInput, options?: SendOptions): Out<GetRevenueAttributionAllocationsTaskOutput> { return this.send(new GetRevenueAttributionAllocationsTaskCommand(input), options); }
  listTagsForResource(input: ListTagsForResourceInput, options?: SendOptions): Out<ListTagsForResourceOutput> { return this.send(new ListTagsForResourceCommand(input), options); }
  tagResource(input: TagResourceInput, options?: SendOptions): Out<TagResourceOutput> { return this.send(new TagResourceCommand(input), options); }
  untagResource(input: UntagResourceInput, options?: SendOptions): Out<UntagResourceOutput> { return this.send(new UntagResourceCommand(input), options); }
}
