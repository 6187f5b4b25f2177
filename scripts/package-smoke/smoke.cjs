// CommonJS consumer of the packed package: require() of both entry points, one call against the emulator.
const assert = require("node:assert/strict");
const pcrm = require("partnercentral-revenue-measurement");
const { startEmulator } = require("partnercentral-revenue-measurement/testing");

(async () => {
  const emulator = await startEmulator();
  try {
    const client = new pcrm.PartnerCentralRevenueMeasurementClient({
      endpoint: emulator.endpoint,
      region: emulator.region,
      credentials: emulator.credentials,
    });
    const out = await client.send(new pcrm.ListRevenueAttributionsCommand({ Catalog: "AWS" }));
    assert.equal(out.$metadata.httpStatusCode, 200);
    await assert.rejects(
      client.send(new pcrm.CreateMarketplaceRevenueShareAllocationCommand({ Catalog: "AWS", ProductId: "bad", EffectiveFrom: "2026-07-02", RevenueSharePercent: "1" })),
      pcrm.ClientValidationError,
    );
    assert.equal(typeof pcrm.validateRevenueShareAllocations, "function");
    client.destroy();
  } finally {
    await emulator.close();
  }
  console.log("CommonJS require: ok");
})().catch((e) => {
  console.error(e);
  process.exit(1);
});
