/**
 * The emulator's in-memory model, one store per resource (in `state/`):
 * revenue attributions with their allocations and tasks, marketplace revenue
 * shares with their allocations, tags, and the ClientToken store.
 *
 * Every record keeps its history by revision, so reads "as of revision N"
 * (GetRevenueAttribution `Revision`, list `...Revision` members) see what the
 * service would have shown then.
 */
import { RevenueAttributions } from "./state/attributions.js";
import { StateContext, type StateOptions } from "./state/common.js";
import { ClientTokens } from "./state/idempotency.js";
import { MarketplaceShares } from "./state/marketplace.js";
import { Tags } from "./state/tags.js";

export type { AllocationsTask, Attribution, AttributionInfo, RaAllocation } from "./state/attributions.js";
export type { EmulatorProduct, StateOptions } from "./state/common.js";
export { History, endOfMonth, randomId, rangesOverlap } from "./state/common.js";
export { fingerprintOf } from "./state/idempotency.js";
export type { MpAllocation, Share } from "./state/marketplace.js";

/** The whole in-memory service. */
export class EmulatorState {
  readonly ctx: StateContext;
  readonly attributions: RevenueAttributions;
  readonly shares: MarketplaceShares;
  readonly tags: Tags;
  readonly tokens = new ClientTokens();

  constructor(readonly options: StateOptions) {
    this.ctx = new StateContext(options);
    this.attributions = new RevenueAttributions(this.ctx);
    this.shares = new MarketplaceShares(this.ctx);
    this.tags = new Tags(this.ctx, this.attributions, this.shares);
  }

  /** Runs `action` once per ClientToken (see {@link ClientTokens.idempotent}). */
  idempotent(operation: string, input: Record<string, unknown>, action: () => Record<string, unknown>): Record<string, unknown> {
    return this.tokens.idempotent(operation, input, action);
  }

  /** Forgets everything and cancels running tasks. */
  reset(): void {
    this.attributions.reset();
    this.shares.all.clear();
    this.tokens.reset();
    this.ctx.reset();
  }

  /** Cancels the timers of running tasks. */
  dispose(): void {
    this.attributions.dispose();
  }
}
