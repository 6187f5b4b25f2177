/**
 * The files subpath as packaged: its CommonJS file shares the package's
 * classes (one root error class for both), and the package's main entry does
 * not carry the subpath or csv-parse.
 */
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import * as esbuild from "esbuild";
import { describe, expect, it, onTestFinished } from "vitest";
import { writeCommonJsEntries } from "../tsup.config.js";

describe("files subpath packaging", () => {
  it("dist/files.cjs takes the package's classes from ./index.cjs: its errors are instances of the root class", async () => {
    // Inside the repository, so that the built files resolve csv-parse from its node_modules.
    const out = mkdtempSync(join(process.cwd(), ".tmp-files-cjs-"));
    onTestFinished(() => rmSync(out, { recursive: true, force: true }));
    await writeCommonJsEntries(out);
    const text = readFileSync(join(out, "files.cjs"), "utf8");
    expect(text).toContain('require("./index.cjs")');
    expect(text).not.toMatch(/class PartnerCentralRevenueMeasurementClient\b/);
    const require = createRequire(join(out, "x.cjs"));
    const pkg = require("./index.cjs") as typeof import("../src/index.js");
    const files = require("./files.cjs") as typeof import("../src/files/index.js");
    const batch = require("./batch.cjs") as typeof import("../src/batch/index.js");
    // The batch subpath's errors descend from the same root class, and its CommonJS file requires ./index.cjs.
    expect(readFileSync(join(out, "batch.cjs"), "utf8")).toContain('require("./index.cjs")');
    expect(new batch.AllocationsConflictError({ conflicts: [], revision: "1" })).toBeInstanceOf(pkg.PartnerCentralRevenueMeasurementError);
    const error = await files.readAllocationChanges(join(out, "missing.csv")).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(files.AllocationsFileError);
    expect(error).toBeInstanceOf(pkg.PartnerCentralRevenueMeasurementError);
  }, 60_000);

  it("the main entry, bundled, holds nothing of src/files, src/cli or csv-parse", async () => {
    const result = await esbuild.build({
      entryPoints: ["src/index.ts"],
      bundle: true,
      write: false,
      metafile: true,
      platform: "node",
      format: "esm",
      external: ["@aws-sdk/*", "ky"],
      logLevel: "silent",
    });
    const inputs = Object.keys(result.metafile.inputs);
    expect(inputs.filter((p) => p.startsWith("src/files/") || p.startsWith("src/cli/") || p.includes("csv-parse"))).toEqual([]);
    expect(inputs).toContain("src/client.ts"); // the metafile does list the entry's sources
  });
});
