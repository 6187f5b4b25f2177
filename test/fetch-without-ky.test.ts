/**
 * The fetch transport when the `ky` package cannot be loaded (a bundled require() handler deployed without
 * node_modules; scripts/package-smoke/bundle-check.mjs runs that case for real from the packed package): the call
 * fails with InvalidConfigurationError, which says what to do, instead of Node's bare "Cannot find module".
 */
import { afterEach, describe, expect, it, vi } from "vitest";
import { CREDS, GET_TASK_INPUT } from "./helpers/core-fakes.js";

describe("the fetch transport without ky", () => {
  afterEach(() => {
    vi.doUnmock("../src/optional-module.js");
    vi.resetModules();
  });

  it("fails the call with InvalidConfigurationError naming ky, sends nothing and does not retry", async () => {
    vi.resetModules();
    let loads = 0;
    // The package loads ky by name at run time (src/optional-module.ts): here that load fails as Node's would.
    vi.doMock("../src/optional-module.js", () => ({
      loadOptionalModule: async (name: string) => {
        if (name === "ky") {
          loads++;
          throw new Error("Cannot find module 'ky'");
        }
        throw new Error(`unexpected optional module ${name}`);
      },
    }));
    const sdk = await import("../src/index.js");
    const fetchSpy = vi.fn();
    const client = new sdk.PartnerCentralRevenueMeasurementClient({
      region: "us-east-1",
      endpoint: "http://127.0.0.1:9",
      credentials: CREDS,
      fetch: fetchSpy,
    });
    const error = await client.send(new sdk.GetRevenueAttributionAllocationsTaskCommand(GET_TASK_INPUT)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(sdk.InvalidConfigurationError);
    expect(error).toBeInstanceOf(sdk.PartnerCentralRevenueMeasurementError);
    expect((error as Error).message).toMatch(/needs the ky package/);
    expect((error as Error).message).toMatch(/leave out `fetch`/);
    expect((error as Error).cause).toBeInstanceOf(Error);
    expect(fetchSpy).not.toHaveBeenCalled();
    expect(loads).toBe(1);
  });
});
