/**
 * Pushes 600 allocation changes to a revenue attribution in 250-record tasks,
 * waiting for each and chaining revisions, then prints the final revision.
 *
 *   npx tsx examples/batch-submit.ts
 *
 * Runs against the embedded local emulator by default (no AWS account needed).
 * To use another endpoint (e.g. an emulator started with the CLI), set
 * PRM_ENDPOINT, and optionally PRM_ATTRIBUTION (an existing `ra-…` id) and the
 * usual AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY.
 */
import {
  ClientValidationError,
  CreateRevenueAttributionCommand,
  PartnerCentralRevenueMeasurementClient,
  type RevenueShareAllocation,
} from "../src/index.js";
import { AllocationsSubmissionError, submitAllocations } from "../src/batch/index.js";
import { startEmulator } from "../src/testing/index.js";

/** 600 changes as they might come from a CRM export: one offer per customer, July 2031. */
function changesFromExport(count: number): RevenueShareAllocation[] {
  return Array.from({ length: count }, (_, i) => ({
    Action: "CREATE",
    EntityType: "OFFER",
    EntityIdentifier: `offer-${String(i).padStart(5, "0")}`,
    CustomerAwsAccountId: String(200000000000 + i),
    RevenueSharePercent: "0.15", // 600 rows in one month of one attribution: 90 %, within its 100 % cap
    EffectiveFrom: "2031-07-01", // a new entry starts in the current month or later
    EffectiveUntil: "2031-07-31",
  }));
}

async function main(): Promise<void> {
  const external = process.env.PRM_ENDPOINT;
  const emulator = external ? undefined : await startEmulator({ taskDurationMs: 200 });
  const client = new PartnerCentralRevenueMeasurementClient(
    emulator
      ? { endpoint: emulator.endpoint, region: emulator.region, credentials: emulator.credentials }
      : { endpoint: external, region: process.env.AWS_REGION ?? "us-east-1" },
  );
  try {
    const attribution =
      process.env.PRM_ATTRIBUTION ??
      (
        await client.send(
          new CreateRevenueAttributionCommand({ Catalog: "Sandbox", Name: `batch-example-${Date.now()}`, TenancyModel: "MULTI_TENANT" }),
        )
      ).Id;

    const result = await submitAllocations(
      {
        client,
        // Short delays suit the emulator; the defaults (polls every 250 ms .. 10 s, 15 minutes per task) suit the service.
        minDelayMs: 100,
        maxDelayMs: 1_000,
        maxWaitMs: 60_000,
        onProgress: ({ chunkIndex, chunkCount, recordsCommitted, recordsTotal, task }) =>
          console.log(
            `chunk ${chunkIndex + 1}/${chunkCount} COMPLETE (task ${task.TaskId}): ` +
              `${recordsCommitted}/${recordsTotal} records, revision ${task.RevenueAttributionLatestRevision}`,
          ),
      },
      {
        Catalog: "Sandbox",
        RevenueAttributionIdentifier: attribution,
        RevenueShareAllocations: changesFromExport(600),
        Description: "CRM export",
      },
    );
    console.log(`done: ${result.tasks.length} tasks, attribution ${attribution} is at revision ${result.revision}`);
  } catch (e) {
    if (e instanceof ClientValidationError) {
      for (const f of e.FieldList) console.error(`${f.Name}: ${f.Message} [${f.Code}]`);
    } else if (e instanceof AllocationsSubmissionError) {
      // e.message names the committed, failed, in-doubt and not applied rows; run the same call again to continue.
      console.error(e.message);
    } else {
      console.error(e);
    }
    process.exitCode = 1;
  } finally {
    client.destroy();
    await emulator?.close();
  }
}

void main();
