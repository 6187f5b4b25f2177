/** Allocation changes for the batch tests: distinct, future-dated (2031, so they stay updatable), deterministic. */
import type { RevenueShareAllocation } from "../../src/index.js";

/** `count` distinct CREATE changes, one entity and customer account each, months of 2031, small percents. */
export function rows(count: number, prefix = "row"): RevenueShareAllocation[] {
  return Array.from({ length: count }, (_, n) => {
    const month = (n % 12) + 1;
    const mm = String(month).padStart(2, "0");
    const last = new Date(Date.UTC(2031, month, 0)).getUTCDate();
    return {
      Action: "CREATE",
      EntityType: n % 3 ? "OFFER" : "OPPORTUNITY",
      EntityIdentifier: `${prefix}-${String(n).padStart(4, "0")}`,
      CustomerAwsAccountId: String(400000000000 + n),
      // 0.01..0.5 %: 3,000 rows stay under the 100 % cap of one attribution in each month (API.md section 8).
      RevenueSharePercent: String(((n % 50) + 1) / 100),
      EffectiveFrom: `2031-${mm}-01`,
      EffectiveUntil: `2031-${mm}-${last}`,
    };
  });
}

/** An UPDATE of a stored allocation (by id) with a new percent. */
export function updateOf(
  stored: { RevenueAttributionAllocationId: string; EntityType: string; EntityIdentifier: string; CustomerAwsAccountId: string; EffectiveFrom: string; EffectiveUntil: string },
  RevenueSharePercent: string,
): RevenueShareAllocation {
  return {
    Action: "UPDATE",
    RevenueAttributionAllocationId: stored.RevenueAttributionAllocationId,
    EntityType: stored.EntityType as RevenueShareAllocation["EntityType"], // as stored (outputs are open enums)
    EntityIdentifier: stored.EntityIdentifier,
    CustomerAwsAccountId: stored.CustomerAwsAccountId,
    RevenueSharePercent,
    EffectiveFrom: stored.EffectiveFrom,
    EffectiveUntil: stored.EffectiveUntil,
  };
}

/** Which input indexes the stored allocations hold (CREATE by natural key and values), and how often each. */
export function storedCounts(
  input: readonly RevenueShareAllocation[],
  stored: ReadonlyArray<{ EntityType: string; EntityIdentifier: string; CustomerAwsAccountId: string; EffectiveFrom: string; EffectiveUntil: string; RevenueSharePercent: string }>,
): number[] {
  const key = (a: { EntityType: string; EntityIdentifier: string; CustomerAwsAccountId: string; EffectiveFrom: string; EffectiveUntil: string; RevenueSharePercent: string }) =>
    [a.EntityType, a.EntityIdentifier, a.CustomerAwsAccountId, a.EffectiveFrom, a.EffectiveUntil, Number(a.RevenueSharePercent)].join("|");
  const counts = new Map<string, number>();
  for (const a of stored) counts.set(key(a), (counts.get(key(a)) ?? 0) + 1);
  return input.map((item) => counts.get(key(item)) ?? 0);
}
