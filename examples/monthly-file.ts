/**
 * The README's "monthly allocations from a file", library side: a CSV of changes to committed allocations, with a
 * results file. Region, credentials and endpoint come from the AWS environment (test/readme-examples.test.ts runs
 * it against the emulator). The attribution is created here; yours exists already.
 *
 *   npx tsx examples/monthly-file.ts
 */
import * as sdk from "../src/index.js";

const setup = new sdk.PartnerCentralRevenueMeasurementClient();
const { Id: attributionId } = await setup.send(
  new sdk.CreateRevenueAttributionCommand({ Catalog: "Sandbox", Name: `monthly-file-${Date.now()}`, TenancyModel: "MULTI_TENANT" }),
);
setup.destroy();

// #region readme
import { PartnerCentralRevenueMeasurementClient } from "../src/index.js";
import { applyAllocationsFile, readAllocationChanges, writeAllocationResults } from "../src/files/index.js";

const client = new PartnerCentralRevenueMeasurementClient();
const changes = await readAllocationChanges("examples/allocations.csv"); // AllocationsFileError lists every bad line
const outcome = await applyAllocationsFile({ client }, { Catalog: "Sandbox", RevenueAttributionIdentifier: attributionId, changes });
await writeAllocationResults("results.csv", outcome.results); // Line, Action, RevenueAttributionAllocationId, Outcome, …
console.log(outcome.counts); // run it again after a crash or a fix: what is applied is not sent twice
client.destroy();
// #endregion
