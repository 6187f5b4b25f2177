// ESM consumer of the packed package: named imports from both entry points, one call against the emulator.
import assert from "node:assert/strict";
import {
  ClientValidationError,
  CreateMarketplaceRevenueShareAllocationCommand,
  ListRevenueAttributionsCommand,
  PartnerCentralRevenueMeasurementClient,
  validateRevenueShareAllocations,
} from "partnercentral-revenue-measurement";
import { startEmulator } from "partnercentral-revenue-measurement/testing";

const emulator = await startEmulator();
try {
  const client = new PartnerCentralRevenueMeasurementClient({
    endpoint: emulator.endpoint,
    region: emulator.region,
    credentials: emulator.credentials,
  });
  const out = await client.send(new ListRevenueAttributionsCommand({ Catalog: "AWS" }));
  assert.equal(out.$metadata.httpStatusCode, 200);
  await assert.rejects(
    client.send(new CreateMarketplaceRevenueShareAllocationCommand({ Catalog: "AWS", ProductId: "bad", EffectiveFrom: "2026-07-02", RevenueSharePercent: "1" })),
    ClientValidationError,
  );
  assert.equal(validateRevenueShareAllocations([]).length, 0);
  client.destroy();
} finally {
  await emulator.close();
}
console.log("ESM import: ok");
