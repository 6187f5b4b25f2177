/** Tags of revenue attributions and marketplace revenue shares, found by ARN. */
import type { Tag } from "../../models.js";
import { notFound, quotaExceeded } from "../errors.js";
import type { RevenueAttributions } from "./attributions.js";
import type { StateContext } from "./common.js";
import type { MarketplaceShares } from "./marketplace.js";

const RESOURCE_ARN =
  /^arn:aws:partnercentral:([a-z0-9-]+):(\d{12}):catalog\/([a-zA-Z]+)\/(revenue-attribution|marketplace-revenue-share)\/(.+)$/;
const TAG_LIMIT_ATTRIBUTION = 200;
const TAG_LIMIT_SHARE = 50;

/** Tagging over the resources of both stores. */
export class Tags {
  constructor(
    private readonly ctx: StateContext,
    private readonly attributions: RevenueAttributions,
    private readonly shares: MarketplaceShares,
  ) {}

  /** Finds the tag map of a resource by ARN. */
  of(resourceArn: string): { tags: Map<string, string>; limit: number } {
    const match = RESOURCE_ARN.exec(resourceArn);
    if (match && match[1] === this.ctx.options.region && match[2] === this.ctx.options.accountId) {
      const [, , , catalog, kind, id] = match as unknown as [string, string, string, string, string, string];
      if (kind === "revenue-attribution") {
        const attr = this.attributions.all.get(id);
        if (attr && attr.Catalog === catalog) return { tags: attr.tags, limit: TAG_LIMIT_ATTRIBUTION };
      } else {
        const share = this.shares.all.get(this.shares.key(catalog, id));
        if (share) return { tags: share.tags, limit: TAG_LIMIT_SHARE };
      }
    }
    throw notFound(`Resource ${resourceArn} was not found`);
  }

  add(resourceArn: string, tags: Tag[]): void {
    const target = this.of(resourceArn);
    const next = new Map(target.tags);
    for (const t of tags) next.set(t.Key, t.Value);
    if (next.size > target.limit) {
      throw quotaExceeded("TAG_LIMIT_EXCEEDED", `A resource can hold at most ${target.limit} tags (would hold ${next.size})`);
    }
    for (const t of tags) target.tags.set(t.Key, t.Value);
  }

  remove(resourceArn: string, keys: string[]): void {
    const target = this.of(resourceArn);
    for (const k of keys) target.tags.delete(k);
  }
}
