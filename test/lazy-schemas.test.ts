/**
 * Schemas are built on first use (src/validation/lazy.ts): evaluating the
 * package's modules builds no member schema, as a `require()` of the CommonJS
 * build evaluates every module. Every function of zod/mini is counted; only
 * `z.object`, whose members are getters, may run at import.
 */
import { readdirSync } from "node:fs";
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

await import("../src/index.js");
// Already evaluated by the import above (no longer exported by the package): the schemas come from their modules.
const shapes = await import("../src/validation/shapes.js");
const { RevenueShareAllocationSchema } = await import("../src/validation/allocations.js");
const commandModules = await Promise.all(
  readdirSync(new URL("../src/commands/", import.meta.url)).map((file) => import(/* @vite-ignore */ `../src/commands/${file.replace(/\.ts$/, ".js")}`)),
);

/** Every command module's `XxxInputSchema`, and the batch item schema. */
const inputSchemas: [string, unknown][] = [
  ...commandModules.flatMap((module: Record<string, unknown>) => Object.entries(module).filter(([name]) => name.endsWith("InputSchema"))),
  ["RevenueShareAllocationSchema", RevenueShareAllocationSchema],
];

describe("schemas built on first use", () => {
  it("importing the package runs no zod/mini function but z.object (whose members are getters)", () => {
    expect([...calls.keys()]).toEqual(["object"]);
    expect(inputSchemas.length).toBe(19);
  });

  it("shapes: a schema is built on its first read (before any parse), the same schema on every read", () => {
    const before = calls.get("regex") ?? 0;
    const token = shapes.ResourceARN();
    expect(shapes.ResourceARN()).toBe(token);
    expect(token.safeParse("arn:nope").success).toBe(false);
    expect(calls.get("regex")).toBe(before + 1);
  });

  it("an input schema builds its members on its first parse, once: later reads and parses build nothing", async () => {
    const { CreateMarketplaceRevenueShareAllocationInputSchema: schema } = await import(
      "../src/commands/CreateMarketplaceRevenueShareAllocationCommand.js"
    );
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
    for (const [name, schema] of inputSchemas) {
      expect(typeof (schema as { safeParse(v: unknown): { success: boolean } }).safeParse({}).success, name).toBe("boolean");
    }
  });
});
