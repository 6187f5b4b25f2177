/** Revenue attributions: Create, Get, Update and List. */
import type { Tag } from "../../models.js";
import { pageOf, readToken, sortBy } from "../pagination.js";
import type { Attribution, EmulatorState } from "../state.js";
import type { Handler } from "./types.js";

/** The members of an attribution as of a revision, shared by Get and List. */
export function attributionView(state: EmulatorState, attr: Attribution, rev: number): Record<string, unknown> {
  const info = attr.info.at(rev)!;
  const allocations = state.attributions.allocationsAt(attr, rev).map((a) => a.allocation);
  const active = allocations.filter((a) => a.Status === "ACTIVE");
  let from: string | undefined;
  let until: string | undefined;
  for (const a of active) {
    if (from === undefined || a.EffectiveFrom < from) from = a.EffectiveFrom;
    if (until === undefined || a.EffectiveUntil > until) until = a.EffectiveUntil;
  }
  return {
    Arn: attr.Arn,
    Id: attr.Id,
    Catalog: attr.Catalog,
    Name: attr.Name,
    TenancyModel: attr.TenancyModel,
    MarketplaceProduct: attr.MarketplaceProduct,
    CreatedDate: attr.CreatedDate,
    LastModifiedDate: info.LastModifiedDate,
    LatestRevision: String(attr.latestRevision),
    EffectiveFrom: from,
    EffectiveUntil: until,
    TotalActiveRevenueAttributionAllocationCount: active.length,
    TotalRevenueAttributionAllocationCount: allocations.length,
  };
}

const createRevenueAttribution: Handler = (input, state) => {
  const attr = state.attributions.create({
    Catalog: input.Catalog as string,
    Name: input.Name as string,
    Description: input.Description as string | undefined,
    TenancyModel: input.TenancyModel as string,
    ProductIdentifier: input.ProductIdentifier as string | undefined,
    Tags: input.Tags as Tag[] | undefined,
  });
  return {
    Id: attr.Id,
    Arn: attr.Arn,
    Name: attr.Name,
    Description: attr.info.latest.Description,
    TenancyModel: attr.TenancyModel,
    MarketplaceProduct: attr.MarketplaceProduct,
    Revision: String(attr.latestRevision),
  };
};

const getRevenueAttribution: Handler = (input, state) => {
  const attr = state.attributions.find(input.Catalog as string, input.Identifier as string);
  const rev = state.attributions.revision(attr, input.Revision);
  return {
    ...attributionView(state, attr, rev),
    Description: attr.info.at(rev)!.Description,
    Revision: String(rev),
  };
};

const updateRevenueAttribution: Handler = (input, state) => {
  const attr = state.attributions.find(input.Catalog as string, input.Identifier as string);
  state.attributions.update(attr, input.Revision as string, input.Description as string | undefined);
  const info = attr.info.latest;
  return {
    Id: attr.Id,
    Arn: attr.Arn,
    Description: info.Description,
    LastModifiedDate: info.LastModifiedDate,
    LatestRevision: String(attr.latestRevision),
  };
};

const listRevenueAttributions: Handler = (input, state) => {
  const { offset } = readToken(input);
  const catalog = input.Catalog as string;
  const identifiers = input.Identifiers as string[] | undefined;
  const wanted = identifiers && new Set(identifiers.map((i) => i.slice(i.lastIndexOf("/") + 1)));
  const after = input.CreatedAfter as Date | undefined;
  const before = input.CreatedBefore as Date | undefined;
  const rows: { seq: number; attr: Attribution }[] = [];
  for (const attr of state.attributions.all.values()) {
    if (attr.Catalog !== catalog) continue;
    if (wanted && !wanted.has(attr.Id)) continue;
    if (after && attr.CreatedDate.getTime() < after.getTime()) continue;
    if (before && attr.CreatedDate.getTime() >= before.getTime()) continue;
    rows.push({ seq: attr.seq, attr });
  }
  const order = input.SortOrder === "ASCENDING" ? "ASCENDING" : "DESCENDING";
  sortBy(rows, (r) => r.attr.info.latest.LastModifiedDate.getTime(), order);
  const page = pageOf(rows, input, offset, 100);
  return {
    RevenueAttributionSummaries: page.items.map(({ attr }) => attributionView(state, attr, attr.latestRevision)),
    NextToken: page.NextToken,
  };
};

/** Handlers by operation name. */
export const attributionHandlers: Record<string, Handler> = {
  CreateRevenueAttribution: createRevenueAttribution,
  GetRevenueAttribution: getRevenueAttribution,
  UpdateRevenueAttribution: updateRevenueAttribution,
  ListRevenueAttributions: listRevenueAttributions,
};
