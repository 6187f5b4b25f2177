/**
 * Schemas are built on first use (src/validation/lazy.ts): evaluating the
 * package's modules builds no member schema, as a `require()` of the CommonJS
 * build evaluates every module. Every function of zod/mini is counted; only
 * `z.object`, whose members are getters, may run at import.
 */
import { describe, expect, it, vi } from "vitest";

const calls = vi.hoisted(() => new Map<string, number>());
vi.mock("zod/mini", async (importOriginal) => {
  const z = await importOriginal<Record<string, unknown>>();
  return Object.fromEntries(
    Object.entries(z).map(([name, value]) => [
      name,
      // Functions (z.string, z.optional, z.regex, …); classes (ZodMiniString, …) and namespaces stay as they are.
      typeof value === "function" && /^[a-z]/.test(name)
        ? (...args: unknown[]) => {
            calls.set(name, (calls.get(name) ?? 0) + 1);
            return (value as (...a: unknown[]) => unknown)(...args);
          }
        : value,
    ]),
  );
});

const sdk = await import("../src/index.js");

/** Every `XxxInputSchema` the package exports, and the batch item schema. */
const exportedSchemas = Object.entries(sdk).filter(([name]) => name.endsWith("InputSchema") || name === "RevenueShareAllocationSchema");

describe("schemas built on first use", () => {
  it("importing the package runs no zod/mini function but z.object (whose members are getters)", () => {
    expect([...calls.keys()]).toEqual(["object"]);
    expect(exportedSchemas.length).toBe(19);
  });

  it("shapes: a schema is built on its first read (before any parse), the same schema on every read", () => {
    const before = calls.get("regex") ?? 0;
    const token = sdk.shapes.ResourceARN;
    expect(sdk.shapes.ResourceARN).toBe(token);
    expect(token.safeParse("arn:nope").success).toBe(false);
    expect(calls.get("regex")).toBe(before + 1);
  });

  it("an input schema builds its members on its first parse, once: later reads and parses build nothing", () => {
    const schema = sdk.CreateMarketplaceRevenueShareAllocationInputSchema;
    const input = { Catalog: "AWS", ProductId: "prod-abc123def4567", EffectiveFrom: "2026-07-01", RevenueSharePercent: "15.50" };
    expect(schema.safeParse(input).success).toBe(true);
    expect(schema.safeParse({ ...input, Catalog: "Nope" }).success).toBe(false);
    const built = new Map(calls);
    expect(built.get("string")).toBeGreaterThan(0);
    const { shape } = schema;
    expect(schema.shape.EffectiveUntil).toBe(shape.EffectiveUntil);
    expect(schema.safeParse(input).success).toBe(true);
    expect(calls).toEqual(built);
  });

  it("every schema parses: its members build (a getter that throws would surface here)", () => {
    for (const [name, schema] of exportedSchemas) {
      expect(typeof (schema as { safeParse(v: unknown): { success: boolean } }).safeParse({}).success, name).toBe("boolean");
    }
  });
});
