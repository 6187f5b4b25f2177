/**
 * The README's quick start, as a program: a marketplace revenue share, then an allocation of it, with mistakes
 * caught before the network. The client takes region, credentials and endpoint from the standard AWS environment
 * variables; test/readme-examples.test.ts runs this file against the emulator with them set, and checks that the
 * README's block is the region below.
 *
 *   AWS_ENDPOINT_URL=… AWS_ACCESS_KEY_ID=… AWS_SECRET_ACCESS_KEY=… npx tsx examples/quick-start.ts
 */
// #region readme
import {
  ClientValidationError,
  ConflictException,
  CreateMarketplaceRevenueShareAllocationCommand,
  CreateMarketplaceRevenueShareCommand,
  PartnerCentralRevenueMeasurementClient,
} from "../src/index.js";

const client = new PartnerCentralRevenueMeasurementClient(); // region, credentials, endpoint: the AWS environment
const ProductId = "prod-example123456";

// The revenue share of a product you sell (it exists already on a second run: fine).
await client.send(new CreateMarketplaceRevenueShareCommand({ Catalog: "Sandbox", ProductId })).catch((e: unknown) => {
  if (!(e instanceof ConflictException)) throw e;
});

// Mistakes are caught before the network, all at once, in the service's own shape.
try {
  await client.send(new CreateMarketplaceRevenueShareAllocationCommand({ Catalog: "Sandbox", ProductId, EffectiveFrom: "2030-02-30", RevenueSharePercent: "15,5" }));
} catch (e) {
  if (!(e instanceof ClientValidationError)) throw e;
  for (const f of e.FieldList) console.log(`refused before sending: ${f.Name}: ${f.Message} [${f.Code}]`);
}

// An allocation of 15.5 % from the first day of next month.
const now = new Date();
const nextMonth = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + 1, 1)).toISOString().slice(0, 10);
const created = await client.send(
  new CreateMarketplaceRevenueShareAllocationCommand({ Catalog: "Sandbox", ProductId, EffectiveFrom: nextMonth, RevenueSharePercent: "15.50" }),
);
console.log(`created ${created.MarketplaceRevenueShareAllocationId} from ${created.EffectiveFrom} (request ${created.$metadata.requestId})`);
client.destroy();
// #endregion
