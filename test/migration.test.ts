/**
 * examples/migration.ts, compiled and run as written (this SDK) and with its
 * import pointed at the official client: the migration is an import swap.
 * Both run against the emulator; the enum constants equal the official ones.
 */
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import * as Official from "@aws-sdk/client-partnercentral-revenue-measurement";
import ts from "typescript";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as Ours from "../src/index.js";
import { startEmulator, type Emulator } from "../src/testing/index.js";

const root = resolve(__dirname, "..");
const example = join(root, "examples", "migration.ts");
const OFFICIAL = "@aws-sdk/client-partnercentral-revenue-measurement";
/** The example with its import swapped to the official client, in .tmp/ inside the repository (so node_modules resolve). */
const swapped = join(root, ".tmp", "migration-official.ts");

function diagnostics(file: string): string[] {
  const config = ts.getParsedCommandLineOfConfigFile(join(root, "tsconfig.json"), {}, { ...ts.sys, onUnRecoverableConfigFileDiagnostic: () => {} })!;
  const program = ts.createProgram([file], { ...config.options, noEmit: true });
  return ts.getPreEmitDiagnostics(program).map((d) => ts.flattenDiagnosticMessageText(d.messageText, "\n"));
}

let emulator: Emulator;
beforeAll(async () => {
  const source = readFileSync(example, "utf8");
  expect(source).toContain(`from "../src/index.js";`);
  mkdirSync(join(root, ".tmp"), { recursive: true });
  writeFileSync(swapped, source.replace(`from "../src/index.js";`, `from "${OFFICIAL}";`));
  emulator = await startEmulator();
});
afterAll(() => emulator.close());

describe("migration from the official client", () => {
  it("the example type-checks against this SDK and, import swapped, against the official client", () => {
    expect(diagnostics(example)).toEqual([]);
    expect(diagnostics(swapped)).toEqual([]);
  }, 60_000);

  it("runs the same way with both clients against the emulator", async () => {
    const config = { endpoint: emulator.endpoint, region: emulator.region, credentials: emulator.credentials };
    const ours = await import("../examples/migration.js");
    const theirs = (await import(swapped)) as typeof ours;
    const a = await ours.ensureAttribution(new Ours.PartnerCentralRevenueMeasurementClient(config), "Migration");
    const b = await theirs.ensureAttribution(new Official.PartnerCentralRevenueMeasurementClient(config) as never, "Migration");
    expect(a.id).toMatch(/^ra-[a-z0-9]{13}$/);
    expect(b).toEqual(a); // the second run found the first one's attribution through the Conflict path
    expect(a.tenancy).toBe("MULTI_TENANT");
  });

  it("exports every enum constant the official client exports, with the same members", () => {
    const officialEnums = Object.entries(Official).filter(
      ([, v]) => typeof v === "object" && v !== null && !Array.isArray(v) && Object.values(v).every((x) => typeof x === "string") && Object.keys(v).length > 0,
    );
    expect(officialEnums.length).toBeGreaterThan(10);
    for (const [name, value] of officialEnums) expect((Ours as Record<string, unknown>)[name], name).toEqual(value);
  });
});
