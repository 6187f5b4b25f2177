/**
 * The README's monthly batch in code: thousands of allocation changes to one revenue attribution, checked before
 * the first task, applied in 250-row tasks, bad rows set aside, one allocation id per row. Region, credentials and
 * endpoint come from the AWS environment (test/readme-examples.test.ts runs it against the emulator).
 *
 *   npx tsx examples/monthly-batch.ts
 */
import * as sdk from "../src/index.js";

const setup = new sdk.PartnerCentralRevenueMeasurementClient();
const { Id: attributionId } = await setup.send(
  new sdk.CreateRevenueAttributionCommand({ Catalog: "Sandbox", Name: `monthly-batch-${Date.now()}`, TenancyModel: "MULTI_TENANT" }),
);
setup.destroy();
/** 600 changes as a CRM export might hold them: one offer per customer, for a month of 2031. */
const rows: sdk.RevenueShareAllocation[] = Array.from({ length: 600 }, (_, i) => ({
  Action: "CREATE",
  EntityType: "OFFER",
  EntityIdentifier: `offer-${String(i).padStart(5, "0")}`,
  CustomerAwsAccountId: String(200000000000 + i),
  RevenueSharePercent: "0.15",
  EffectiveFrom: "2031-07-01",
  EffectiveUntil: "2031-07-31",
}));
const crmIds = rows.map((_row, i) => `crm-${i}`);

// #region readme
import { ClientValidationError, PartnerCentralRevenueMeasurementClient } from "../src/index.js";
import { AllocationsSubmissionError, submitAllocations } from "../src/batch/index.js";

const client = new PartnerCentralRevenueMeasurementClient();
try {
  const result = await submitAllocations(
    { client, onRecordFailure: "skip" }, // a row the service refuses does not block the others
    {
      Catalog: "Sandbox",
      RevenueAttributionIdentifier: attributionId,
      RevenueShareAllocations: rows, // any number; tasks of 250, each waited for
      labels: crmIds, // your own id per row, carried into every report and error
    },
  );
  console.log(`revision ${result.revision}: ${result.tasks.length} tasks, ${result.failed.length} rows refused`);
  for (const f of result.failed) console.log(`${f.label}: ${f.ErrorCode} ${f.ErrorMessage}`);
  console.log(`first allocation: ${result.allocationIds[0]}`); // keep them to UPDATE next month
} catch (e) {
  // Business rules (the 100 % cap per month, the edit window, unknown ids, overlaps) are checked before any task.
  if (e instanceof ClientValidationError) for (const f of e.FieldList) console.error(`${f.Name}: ${f.Message}`);
  else if (e instanceof AllocationsSubmissionError) console.error(e.message); // what is applied, and what to do
  else throw e;
} finally {
  client.destroy();
}
// #endregion
