/**
 * The README's "monthly allocations from a file", library side: a CSV of changes to committed allocations, with a
 * results file. Region, credentials and endpoint come from the AWS environment (test/readme-examples.test.ts runs
 * it against the emulator). The attribution is created here; yours exists already. It works in a fresh temporary
 * folder holding a copy of examples/allocations.csv as changes.csv, and writes results.csv there.
 *
 *   npx tsx examples/monthly-file.ts
 */
import { copyFileSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import * as sdk from "../src/index.js";

const workFolder = mkdtempSync(join(tmpdir(), "monthly-file-"));
copyFileSync(new URL("allocations.csv", import.meta.url), join(workFolder, "changes.csv"));
process.chdir(workFolder);

const setup = new sdk.PartnerCentralRevenueMeasurementClient();
const { Id: attributionId } = await setup.send(
  new sdk.CreateRevenueAttributionCommand({ Catalog: "Sandbox", Name: `monthly-file-${Date.now()}`, TenancyModel: "MULTI_TENANT" }),
);
setup.destroy();

// #region readme
import { PartnerCentralRevenueMeasurementClient } from "../src/index.js";
import { applyAllocationsFile, readAllocationChanges, writeAllocationResults } from "../src/files/index.js";

const client = new PartnerCentralRevenueMeasurementClient();
const changes = await readAllocationChanges("changes.csv"); // AllocationsFileError lists every bad line
const outcome = await applyAllocationsFile({ client }, { Catalog: "Sandbox", RevenueAttributionIdentifier: attributionId, changes });
await writeAllocationResults("results.csv", outcome.results); // Line, Action, RevenueAttributionAllocationId, Outcome, …
console.log(outcome.counts); // run it again after a crash or a fix: what is applied is not sent twice
client.destroy();
// #endregion
console.log(`results: ${join(workFolder, "results.csv")}`);
