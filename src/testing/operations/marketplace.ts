/** Marketplace revenue shares and their allocations. */
import type { Tag } from "../../models.js";
import { notFound } from "../errors.js";
import { pageOf, readToken, sortBy } from "../pagination.js";
import type { EmulatorState, MpAllocation, Share } from "../state.js";
import type { Handler } from "./types.js";

function allocationSummary(share: Share, a: MpAllocation): Record<string, unknown> {
  return {
    MarketplaceRevenueShareAllocationId: a.MarketplaceRevenueShareAllocationId,
    ProductId: a.ProductId,
    ProductName: share.ProductName,
    Arn: share.Arn,
    EffectiveFrom: a.EffectiveFrom,
    EffectiveUntil: a.EffectiveUntil,
    RevenueSharePercent: a.RevenueSharePercent,
    Status: a.Status,
    CreatedDate: a.CreatedDate,
    LastModifiedDate: a.LastModifiedDate,
  };
}

/** The allocation output shared by Create, Update and Get. */
function allocationOutput(share: Share, a: MpAllocation): Record<string, unknown> {
  return { ...allocationSummary(share, a), LatestMarketplaceRevenueShareRevision: String(share.latestRevision) };
}

/** The share's own members, as of revision `rev`. */
function shareIdentity(share: Share, rev: number): Record<string, unknown> {
  return {
    ProductId: share.ProductId,
    Arn: share.Arn,
    Catalog: share.Catalog,
    ProductCode: share.ProductCode,
    ProductName: share.ProductName,
    CreatedDate: share.CreatedDate,
    LastModifiedDate: share.modified.at(rev),
  };
}

function shareView(state: EmulatorState, share: Share, rev: number): Record<string, unknown> {
  const allocations = state.shares.allocationsAt(share, rev).map((a) => a.allocation);
  return {
    ...shareIdentity(share, rev),
    LatestRevision: share.latestRevision,
    TotalActiveMarketplaceRevenueShareAllocationCount: allocations.filter((a) => a.Status === "ACTIVE").length,
    TotalMarketplaceRevenueShareAllocationCount: allocations.length,
  };
}

const createShare: Handler = (input, state) => {
  const share = state.shares.create({
    Catalog: input.Catalog as string,
    ProductId: input.ProductId as string,
    Tags: input.Tags as Tag[] | undefined,
  });
  return { ...shareIdentity(share, share.latestRevision), Revision: share.latestRevision };
};

const getShare: Handler = (input, state) => {
  const share = state.shares.find(input.Catalog as string, input.ProductId as string);
  const rev = state.shares.revision(share, input.Revision);
  return { ...shareView(state, share, rev), Revision: rev };
};

const listShares: Handler = (input, state) => {
  const { offset } = readToken(input);
  const catalog = input.Catalog as string;
  const productIds = input.ProductIds as string[] | undefined;
  const productCodes = input.ProductCodes as string[] | undefined;
  const after = input.CreatedAfter as Date | undefined;
  const before = input.CreatedBefore as Date | undefined;
  const rows: { seq: number; share: Share }[] = [];
  for (const share of state.shares.all.values()) {
    if (share.Catalog !== catalog) continue;
    if (productIds && !productIds.includes(share.ProductId)) continue;
    if (productCodes && !productCodes.includes(share.ProductCode)) continue;
    if (after && share.CreatedDate.getTime() < after.getTime()) continue;
    if (before && share.CreatedDate.getTime() >= before.getTime()) continue;
    rows.push({ seq: share.seq, share });
  }
  const order = input.SortOrder === "ASCENDING" ? "ASCENDING" : "DESCENDING";
  sortBy(rows, (r) => r.share.modified.latest.getTime(), order);
  const page = pageOf(rows, input, offset, 100);
  return {
    MarketplaceRevenueShareSummaries: page.items.map(({ share }) => shareView(state, share, share.latestRevision)),
    NextToken: page.NextToken,
  };
};

const createAllocation: Handler = (input, state) => {
  const share = state.shares.find(input.Catalog as string, input.ProductId as string);
  const allocation = state.shares.createAllocation(share, {
    EffectiveFrom: input.EffectiveFrom as string,
    EffectiveUntil: input.EffectiveUntil as string | undefined,
    RevenueSharePercent: input.RevenueSharePercent as string,
  });
  return allocationOutput(share, allocation);
};

const updateAllocation: Handler = (input, state) => {
  const share = state.shares.find(input.Catalog as string, input.ProductId as string);
  const allocation = state.shares.updateAllocation(share, {
    MarketplaceRevenueShareAllocationId: input.MarketplaceRevenueShareAllocationId as string,
    MarketplaceRevenueShareRevision: input.MarketplaceRevenueShareRevision as string,
    EffectiveFrom: input.EffectiveFrom as string | undefined,
    EffectiveUntil: input.EffectiveUntil as string | undefined,
    RevenueSharePercent: input.RevenueSharePercent as string | undefined,
    Status: input.Status as string | undefined,
  });
  return allocationOutput(share, allocation);
};

const getAllocation: Handler = (input, state) => {
  const share = state.shares.find(input.Catalog as string, input.ProductId as string);
  const rev = state.shares.revision(share, input.MarketplaceRevenueShareRevision);
  const id = input.MarketplaceRevenueShareAllocationId as string;
  const allocation = share.allocations.get(id)?.history.at(rev);
  if (!allocation) throw notFound(`Allocation ${id} of ${share.ProductId} was not found at revision ${rev}`);
  return allocationOutput(share, allocation);
};

const listAllocations: Handler = (input, state) => {
  const share = state.shares.find(input.Catalog as string, input.ProductId as string);
  const token = readToken(input);
  const rev = token.revision ?? state.shares.revision(share, input.MarketplaceRevenueShareRevision);
  const status = input.Status as string | undefined;
  const afterFrom = input.AfterEffectiveFrom as string | undefined;
  const beforeFrom = input.BeforeEffectiveFrom as string | undefined;
  const rows = state.shares.allocationsAt(share, rev).filter(({ allocation: a }) => {
    if (status && a.Status !== status) return false;
    if (afterFrom && a.EffectiveFrom < afterFrom) return false;
    if (beforeFrom && a.EffectiveFrom >= beforeFrom) return false;
    return true;
  });
  const order = input.SortOrder === "ASCENDING" ? "ASCENDING" : "DESCENDING";
  sortBy(rows, (r) => r.allocation.EffectiveFrom, order);
  const page = pageOf(rows, input, token.offset, 100, rev);
  return {
    MarketplaceRevenueShareAllocationSummaries: page.items.map((r) => allocationSummary(share, r.allocation)),
    NextToken: page.NextToken,
  };
};

/** Handlers by operation name. */
export const marketplaceHandlers: Record<string, Handler> = {
  CreateMarketplaceRevenueShare: createShare,
  GetMarketplaceRevenueShare: getShare,
  ListMarketplaceRevenueShares: listShares,
  CreateMarketplaceRevenueShareAllocation: createAllocation,
  UpdateMarketplaceRevenueShareAllocation: updateAllocation,
  GetMarketplaceRevenueShareAllocation: getAllocation,
  ListMarketplaceRevenueShareAllocations: listAllocations,
};
