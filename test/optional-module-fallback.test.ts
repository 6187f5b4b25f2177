/**
 * `loadOptionalModule` in a CommonJS-looking scope (one where `__filename` is defined, as a CJS build or an ES module
 * bundle whose banner defines it) on a Node that cannot `require` an ES module: the require fails with
 * ERR_REQUIRE_ESM, and the module is imported instead. Other require failures are not retried as imports.
 */
import { describe, expect, it, vi } from "vitest";

const requireFailure = vi.hoisted(() => ({ code: "ERR_REQUIRE_ESM" as string }));
vi.mock("node:module", async (original) => ({
  ...(await original<typeof import("node:module")>()),
  createRequire: () => () => {
    throw Object.assign(new Error("require() of an ES module"), { code: requireFailure.code });
  },
}));

describe("loadOptionalModule where require cannot load an ES module", () => {
  it("runs the require branch here (the premise of this test)", () => {
    expect(typeof __filename).toBe("string");
  });

  it("imports the module instead", async () => {
    requireFailure.code = "ERR_REQUIRE_ESM";
    const { loadOptionalModule } = await import("../src/optional-module.js");
    const path = await loadOptionalModule<typeof import("node:path")>("node:path");
    expect(path.join("a", "b")).toBe(`a${path.sep}b`);
  });

  it("rethrows any other failure (a missing module stays missing)", async () => {
    requireFailure.code = "MODULE_NOT_FOUND";
    const { loadOptionalModule } = await import("../src/optional-module.js");
    await expect(loadOptionalModule("node:path")).rejects.toMatchObject({ code: "MODULE_NOT_FOUND" });
  });
});
