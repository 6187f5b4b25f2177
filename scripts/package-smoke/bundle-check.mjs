// Bundles a one-command handler from the installed package (its dist, as consumers get it) and checks
// that no other operation and no emulator code came along, and that the credential chain is left out
// (it is imported at run time, only when the environment holds no credentials). Then the same handler
// written with require(): the bundler takes dist/index.require.js (the `module` condition), within 100 KiB.
// Neither these bundles nor one of the emulator (the testing entry) may draw a warning from esbuild: AWS CDK
// prints them on every synth. Last, a require() handler that passes `fetch`, run without node_modules: ky is not
// in its bundle, and the call must fail with InvalidConfigurationError saying so.
// Usage: node bundle-check.mjs <esbuild module path>
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";

const esbuild = createRequire(import.meta.url)(process.argv[2]);
const operations = JSON.parse(readFileSync(new URL("./operations.json", import.meta.url), "utf8"));
/** Bundles a handler's source as AWS CDK does (CommonJS, minified), from the installed package, in memory. */
const bundleHandler = (contents) =>
  esbuild.build({
    stdin: { contents, resolveDir: process.cwd() },
    bundle: true,
    format: "cjs",
    platform: "node",
    target: "node20",
    minify: true,
    write: false,
    metafile: true,
    outfile: "handler.cjs",
    logLevel: "error",
  });

const result = await bundleHandler(
  `import { CreateMarketplaceRevenueShareAllocationCommand as C, PartnerCentralRevenueMeasurementClient as P } from "partnercentral-revenue-measurement";
      export const handler = () => new P().send(new C({ Catalog: "AWS", ProductId: "prod-abc123def4567", EffectiveFrom: "2026-07-01", RevenueSharePercent: "15.50" }));`,
);
/** esbuild's warnings, one line each: a consumer sees them at its default log level. */
const warningsOf = (built) => built.warnings.map((w) => `${w.id}: ${w.text}`);
assert.deepEqual(warningsOf(result), [], "bundling the import handler draws warnings");
const code = result.outputFiles[0].text;
const others = operations.filter((op) => op !== "CreateMarketplaceRevenueShareAllocation" && code.includes(`"${op}"`));
assert.deepEqual(others, [], "other operations found in a one-command bundle");
assert.ok(code.includes('"CreateMarketplaceRevenueShareAllocation"'));
const chainInputs = Object.keys(result.metafile.inputs).filter((p) => p.includes("@aws-sdk/credential-provider"));
assert.deepEqual(chainInputs, [], "the credential chain must not be bundled");
assert.ok(code.includes("credential-provider-node"), "the run-time import of the credential chain must be there");
const testingCode = Object.keys(result.metafile.outputs["handler.cjs"].inputs).filter((p) => /dist\/(testing|emulator-cli)\./.test(p));
assert.deepEqual(testingCode, []);
console.log(`one-command bundle from the packed package: ${code.length} bytes, no other operation: ok`);

const required = await bundleHandler(
  `const { CreateMarketplaceRevenueShareAllocationCommand: C, PartnerCentralRevenueMeasurementClient: P } = require("partnercentral-revenue-measurement");
      exports.handler = () => new P().send(new C({ Catalog: "AWS", ProductId: "prod-abc123def4567", EffectiveFrom: "2026-07-01", RevenueSharePercent: "15.50" }));`,
);
assert.deepEqual(warningsOf(required), [], "bundling the require() handler draws warnings");
const requiredInputs = Object.keys(required.metafile.inputs).filter((p) => p !== "<stdin>");
assert.deepEqual(requiredInputs, ["node_modules/partnercentral-revenue-measurement/dist/index.require.js"]);
const requiredBytes = required.outputFiles[0].contents.length;
assert.ok(requiredBytes <= 100 * 1024, `a require() handler bundles to ${requiredBytes} bytes, over 100 KiB`);
console.log(`one-command require() bundle from the packed package: ${requiredBytes} bytes (dist/index.require.js): ok`);

const emulator = await bundleHandler(
  `import { startEmulator } from "partnercentral-revenue-measurement/testing";
      export const start = () => startEmulator();`,
);
assert.deepEqual(warningsOf(emulator), [], "bundling the emulator draws warnings");
console.log("no esbuild warnings for the import, require() and emulator bundles: ok");

const withFetch = await bundleHandler(
  `const { GetRevenueAttributionAllocationsTaskCommand: G, PartnerCentralRevenueMeasurementClient: P } = require("partnercentral-revenue-measurement");
      const client = new P({ region: "us-east-1", endpoint: "http://127.0.0.1:9", credentials: { accessKeyId: "AKIDEXAMPLE", secretAccessKey: "secret" }, fetch: globalThis.fetch });
      client.send(new G({ Catalog: "AWS", RevenueAttributionIdentifier: "ra-abcdefghij123" })).then(
        () => console.log(JSON.stringify({ sent: true })),
        (e) => console.log(JSON.stringify({ name: e.name, message: e.message })),
      );`,
);
const alone = mkdtempSync(join(tmpdir(), "pcrm-no-node-modules-"));
try {
  writeFileSync(join(alone, "handler.cjs"), withFetch.outputFiles[0].contents);
  const outcome = JSON.parse(execFileSync(process.execPath, [join(alone, "handler.cjs")], { cwd: alone, encoding: "utf8" }));
  assert.equal(outcome.name, "InvalidConfigurationError", `a bundled require() handler passing fetch without ky: ${JSON.stringify(outcome)}`);
  assert.match(outcome.message, /needs the ky package/);
} finally {
  rmSync(alone, { recursive: true, force: true });
}
console.log("a bundled require() handler passing fetch, without ky beside it: InvalidConfigurationError: ok");
