/**
 * Creates a marketplace revenue share allocation, then updates it: the
 * everyday job of the core client, with local validation and typed errors.
 *
 *   npx tsx examples/create-allocation.ts
 *
 * Runs against the embedded local emulator (no AWS account needed). Set
 * PRM_ENDPOINT to use another endpoint, with the usual AWS credentials.
 */
import {
  ClientValidationError,
  ConflictException,
  CreateMarketplaceRevenueShareAllocationCommand,
  CreateMarketplaceRevenueShareCommand,
  PartnerCentralRevenueMeasurementClient,
  PartnerCentralRevenueMeasurementServiceException,
  UpdateMarketplaceRevenueShareAllocationCommand,
} from "../src/index.js";
import { startEmulator } from "../src/testing/index.js";

const PRODUCT_ID = "prod-example123456";

/** First day of the month `offset` months from now, and the last day of that month (UTC). */
function month(offset: number): { first: string; last: string } {
  const now = new Date();
  const first = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + offset, 1));
  const last = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + offset + 1, 0));
  return { first: first.toISOString().slice(0, 10), last: last.toISOString().slice(0, 10) };
}

async function main(): Promise<void> {
  const external = process.env.PRM_ENDPOINT;
  const emulator = external ? undefined : await startEmulator();
  const client = new PartnerCentralRevenueMeasurementClient(
    emulator
      ? { endpoint: emulator.endpoint, region: emulator.region, credentials: emulator.credentials }
      : { endpoint: external },
  );
  try {
    // 1. Mistakes are caught before the network, all at once, with field paths and the service's codes.
    try {
      await client.send(
        new CreateMarketplaceRevenueShareAllocationCommand({
          Catalog: "Sandbox",
          ProductId: "prod-TOO-SHORT",
          EffectiveFrom: "2026-02-30",
          RevenueSharePercent: "15,5",
        }),
      );
    } catch (error) {
      if (!(error instanceof ClientValidationError)) throw error;
      console.log("Rejected locally:");
      for (const f of error.FieldList) console.log(`  ${f.Name}: ${f.Message} [${f.Code}]`);
    }

    // 2. The parent revenue share (already there: fine).
    try {
      await client.send(new CreateMarketplaceRevenueShareCommand({ Catalog: "Sandbox", ProductId: PRODUCT_ID }));
    } catch (error) {
      if (!(error instanceof ConflictException)) throw error;
    }

    // 3. Create an allocation starting next month; the ClientToken is generated and kept across retries.
    const next = month(1);
    const created = await client.send(
      new CreateMarketplaceRevenueShareAllocationCommand({
        Catalog: "Sandbox",
        ProductId: PRODUCT_ID,
        EffectiveFrom: next.first,
        RevenueSharePercent: "15.50",
      }),
    );
    console.log(
      `Created ${created.MarketplaceRevenueShareAllocationId}: ${created.RevenueSharePercent}% from ${created.EffectiveFrom}` +
        ` (status ${created.Status}, created ${created.CreatedDate?.toISOString()}, request ${created.$metadata.requestId})`,
    );

    // 4. Update it: end it after three months and change the share, passing the revision we got back.
    const end = month(3);
    const updated = await client.send(
      new UpdateMarketplaceRevenueShareAllocationCommand({
        Catalog: "Sandbox",
        ProductId: PRODUCT_ID,
        MarketplaceRevenueShareAllocationId: created.MarketplaceRevenueShareAllocationId,
        MarketplaceRevenueShareRevision: created.LatestMarketplaceRevenueShareRevision ?? "1",
        EffectiveUntil: end.last,
        RevenueSharePercent: "12.25",
      }),
    );
    console.log(
      `Updated ${updated.MarketplaceRevenueShareAllocationId}: ${updated.RevenueSharePercent}% ` +
        `${updated.EffectiveFrom} .. ${updated.EffectiveUntil} (revision ${updated.LatestMarketplaceRevenueShareRevision})`,
    );
  } catch (error) {
    if (error instanceof PartnerCentralRevenueMeasurementServiceException) {
      console.error(`${error.name} (HTTP ${error.$metadata.httpStatusCode}, request ${error.$metadata.requestId}): ${error.message}`);
      process.exitCode = 1;
      return;
    }
    throw error;
  } finally {
    client.destroy();
    await emulator?.close();
  }
}

await main();
