/** Marketplace revenue shares (one per product and catalog), their revisions and allocations. */
import type { Tag } from "../../models.js";
import { conflict, notFound, validationError } from "../errors.js";
import { History, StateContext, checkRevision, randomId, rangesOverlap, resolveRevision, valuesAt } from "./common.js";

const MIXED_ALNUM = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

/** One marketplace revenue share allocation, as of one revision. */
export interface MpAllocation {
  MarketplaceRevenueShareAllocationId: string;
  ProductId: string;
  EffectiveFrom: string;
  EffectiveUntil?: string;
  RevenueSharePercent: string;
  Status: string;
  CreatedDate: Date;
  LastModifiedDate: Date;
}

/** A marketplace revenue share (one per product and catalog) and its allocations. */
export interface Share {
  ProductId: string;
  Arn: string;
  Catalog: string;
  ProductCode: string;
  ProductName: string;
  CreatedDate: Date;
  latestRevision: number;
  modified: History<Date>;
  allocations: Map<string, { seq: number; history: History<MpAllocation> }>;
  tags: Map<string, string>;
  seq: number;
}

/** Every marketplace revenue share, by catalog and product id. */
export class MarketplaceShares {
  readonly all = new Map<string, Share>();

  constructor(private readonly ctx: StateContext) {}

  /** The map key of a share. */
  key(catalog: string, productId: string): string {
    return `${catalog}/${productId}`;
  }

  /** Finds a share by catalog and product id. */
  find(catalog: string, productId: string): Share {
    const found = this.all.get(this.key(catalog, productId));
    if (!found) throw notFound(`Marketplace revenue share for ${productId} was not found in catalog ${catalog}`);
    return found;
  }

  /** Resolves an integer revision (absent = latest); unknown revisions are ResourceNotFound. */
  revision(share: Share, revision: unknown): number {
    return resolveRevision(share.latestRevision, revision, `the marketplace revenue share of ${share.ProductId}`);
  }

  create(input: { Catalog: string; ProductId: string; Tags?: Tag[] }): Share {
    const key = this.key(input.Catalog, input.ProductId);
    if (this.all.has(key)) {
      throw conflict("RESOURCE_ALREADY_EXISTS", `A marketplace revenue share for ${input.ProductId} already exists`);
    }
    const product = this.ctx.product(input.ProductId);
    const now = this.ctx.now();
    const modified = new History<Date>();
    modified.set(1, now);
    const share: Share = {
      ProductId: input.ProductId,
      Arn: this.ctx.arn(input.Catalog, `marketplace-revenue-share/${input.ProductId}`),
      Catalog: input.Catalog,
      ProductCode: product.ProductCode,
      ProductName: product.ProductName,
      CreatedDate: now,
      latestRevision: 1,
      modified,
      allocations: new Map(),
      tags: new Map((input.Tags ?? []).map((t) => [t.Key, t.Value])),
      seq: this.ctx.nextSeq(),
    };
    this.all.set(key, share);
    return share;
  }

  /** The share's allocations as of a revision, in creation order. */
  allocationsAt(share: Share, rev: number): { seq: number; allocation: MpAllocation }[] {
    return valuesAt(share.allocations, rev);
  }

  /** The documented overlap invariant: no two ACTIVE allocations of a share overlap. */
  private checkShareOverlap(share: Share, candidate: MpAllocation): void {
    if (candidate.Status !== "ACTIVE") return;
    for (const { allocation } of this.allocationsAt(share, share.latestRevision)) {
      if (allocation.MarketplaceRevenueShareAllocationId === candidate.MarketplaceRevenueShareAllocationId) continue;
      if (allocation.Status !== "ACTIVE") continue;
      if (rangesOverlap(candidate.EffectiveFrom, candidate.EffectiveUntil, allocation.EffectiveFrom, allocation.EffectiveUntil)) {
        const window = `${allocation.EffectiveFrom}..${allocation.EffectiveUntil ?? "open-ended"}`;
        throw validationError("BUSINESS_VALIDATION_FAILED", [
          {
            Name: "EffectiveFrom",
            Code: "INVALID_VALUE",
            Message: `overlaps ACTIVE allocation ${allocation.MarketplaceRevenueShareAllocationId} (${window})`,
          },
        ]);
      }
    }
  }

  private checkPercentCap(percent: string): void {
    if (Number(percent) > 100) {
      throw validationError("BUSINESS_VALIDATION_FAILED", [
        { Name: "RevenueSharePercent", Code: "INVALID_VALUE", Message: "must be at most 100" },
      ]);
    }
  }

  private bump(share: Share): number {
    const rev = share.latestRevision + 1;
    share.modified.set(rev, this.ctx.now());
    share.latestRevision = rev;
    return rev;
  }

  createAllocation(
    share: Share,
    input: { EffectiveFrom: string; EffectiveUntil?: string; RevenueSharePercent: string },
  ): MpAllocation {
    this.checkPercentCap(input.RevenueSharePercent);
    const now = this.ctx.now();
    let id: string;
    do id = `mrsa-${randomId(13, MIXED_ALNUM)}`;
    while (share.allocations.has(id));
    const allocation: MpAllocation = {
      MarketplaceRevenueShareAllocationId: id,
      ProductId: share.ProductId,
      EffectiveFrom: input.EffectiveFrom,
      EffectiveUntil: input.EffectiveUntil,
      RevenueSharePercent: input.RevenueSharePercent,
      Status: "ACTIVE",
      CreatedDate: now,
      LastModifiedDate: now,
    };
    this.checkShareOverlap(share, allocation);
    const rev = this.bump(share);
    const history = new History<MpAllocation>();
    history.set(rev, allocation);
    share.allocations.set(id, { seq: this.ctx.nextSeq(), history });
    return allocation;
  }

  /**
   * Updates an allocation: `EffectiveFrom`, `RevenueSharePercent` and `Status`
   * change only on future-dated allocations (EffectiveFrom after today, UTC);
   * a new `EffectiveUntil` must be on or after today.
   */
  updateAllocation(
    share: Share,
    input: {
      MarketplaceRevenueShareAllocationId: string;
      MarketplaceRevenueShareRevision: string;
      EffectiveFrom?: string;
      EffectiveUntil?: string;
      RevenueSharePercent?: string;
      Status?: string;
    },
  ): MpAllocation {
    const entry = share.allocations.get(input.MarketplaceRevenueShareAllocationId);
    if (!entry) {
      throw notFound(`Allocation ${input.MarketplaceRevenueShareAllocationId} of ${share.ProductId} was not found`);
    }
    const what = `the marketplace revenue share of ${share.ProductId}`;
    checkRevision(share.latestRevision, input.MarketplaceRevenueShareRevision, what);
    const current = entry.history.latest;
    const today = this.ctx.today();
    const futureDated = current.EffectiveFrom > today;
    const fields: { Name: string; Code: string; Message: string }[] = [];
    const guard = (name: "EffectiveFrom" | "RevenueSharePercent" | "Status") => {
      const value = input[name];
      if (value !== undefined && value !== current[name] && !futureDated) {
        fields.push({
          Name: name,
          Code: "ACTION_NOT_PERMITTED",
          Message: `can change only on future-dated allocations; this one began on ${current.EffectiveFrom}`,
        });
      }
    };
    guard("EffectiveFrom");
    guard("RevenueSharePercent");
    guard("Status");
    if (input.EffectiveUntil !== undefined && input.EffectiveUntil < today) {
      fields.push({ Name: "EffectiveUntil", Code: "INVALID_VALUE", Message: `must be on or after today (${today}, UTC)` });
    }
    const next: MpAllocation = {
      ...current,
      EffectiveFrom: input.EffectiveFrom ?? current.EffectiveFrom,
      EffectiveUntil: input.EffectiveUntil ?? current.EffectiveUntil,
      RevenueSharePercent: input.RevenueSharePercent ?? current.RevenueSharePercent,
      Status: input.Status ?? current.Status,
      LastModifiedDate: this.ctx.now(),
    };
    if (!fields.length && next.EffectiveUntil !== undefined && next.EffectiveUntil < next.EffectiveFrom) {
      const message = `must not be before EffectiveFrom (${next.EffectiveFrom})`;
      fields.push({ Name: "EffectiveUntil", Code: "INVALID_VALUE", Message: message });
    }
    if (fields.length) throw validationError("BUSINESS_VALIDATION_FAILED", fields);
    this.checkPercentCap(next.RevenueSharePercent);
    this.checkShareOverlap(share, next);
    const rev = this.bump(share);
    entry.history.set(rev, next);
    return next;
  }
}
