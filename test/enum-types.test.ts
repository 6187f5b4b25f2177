/**
 * Inputs take only the documented enum values (a typo is a compile error,
 * checked by `npm run typecheck` through the @ts-expect-error lines below);
 * outputs accept values the service may add later.
 */
import { describe, expect, it } from "vitest";
import * as sdk from "../src/index.js";
import * as shapes from "../src/validation/shapes.js";
import {
  CatalogName,
  CreateRevenueAttributionCommand,
  ListRevenueAttributionAllocationsCommand,
  TenancyModel,
  type CreateRevenueAttributionInput,
  type GetRevenueAttributionOutput,
  type RevenueAttributionAllocationSummary,
  type RevenueShareAllocation,
} from "../src/index.js";

describe("enum types", () => {
  it("inputs reject misspelled values at compile time and accept the constants", () => {
    const good: CreateRevenueAttributionInput = { Catalog: CatalogName.SANDBOX, Name: "n", TenancyModel: TenancyModel.SINGLE_TENANT };
    // @ts-expect-error lower-case catalog
    const badCatalog: CreateRevenueAttributionInput = { Catalog: "aws", Name: "n", TenancyModel: "MULTI_TENANT" };
    // @ts-expect-error dash instead of underscore
    const badTenancy: CreateRevenueAttributionInput = { Catalog: "AWS", Name: "n", TenancyModel: "MULTI-TENANT" };
    // @ts-expect-error unknown action in a batch item
    const badAction: RevenueShareAllocation["Action"] = "DELETE";
    // @ts-expect-error unknown sort field
    new ListRevenueAttributionAllocationsCommand({ Catalog: "AWS", RevenueAttributionIdentifier: "ra-abcdefghij123", SortBy: "Name" });
    expect(new CreateRevenueAttributionCommand(good).input.TenancyModel).toBe("SINGLE_TENANT");
    expect([badCatalog.Catalog, badTenancy.TenancyModel, badAction]).toEqual(["aws", "MULTI-TENANT", "DELETE"]);
  });

  it("outputs keep values added after this release", () => {
    const out: Pick<GetRevenueAttributionOutput, "TenancyModel" | "Catalog"> = { TenancyModel: "HYBRID_TENANT", Catalog: "Partner" };
    const summary: Pick<RevenueAttributionAllocationSummary, "Status" | "EntityType"> = { Status: "PAUSED", EntityType: "AGREEMENT" };
    expect([out.TenancyModel, out.Catalog, summary.Status, summary.EntityType]).toEqual(["HYBRID_TENANT", "Partner", "PAUSED", "AGREEMENT"]);
  });

  it("the constants carry the official names and wire values", () => {
    expect(CatalogName).toEqual({ AWS: "AWS", SANDBOX: "Sandbox" });
    expect(TenancyModel.MULTI_TENANT).toBe("MULTI_TENANT");
  });

  it("the validation schemas accept exactly the constants' values (the two lists cannot drift apart)", () => {
    const shared = Object.keys(shapes).filter((name) => name in sdk && typeof (sdk as Record<string, unknown>)[name] === "object");
    expect(shared.length).toBeGreaterThanOrEqual(10);
    for (const name of shared) {
      const schema = (shapes as unknown as Record<string, () => { _zod: { def: { entries?: Record<string, string> } } }>)[name]!();
      const values = Object.values((sdk as unknown as Record<string, Record<string, string>>)[name]!).sort();
      expect(Object.values(schema._zod.def.entries ?? {}).sort(), name).toEqual(values);
    }
  });
});
