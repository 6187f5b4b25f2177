// The handler of ours.ts written with require() (a CommonJS handler), bundled by bench/run.ts.
const {
  CreateMarketplaceRevenueShareAllocationCommand,
  PartnerCentralRevenueMeasurementClient,
} = require("partnercentral-revenue-measurement");

// Region and credentials come from the environment, as in Lambda; the endpoint is the local bench server.
const client = new PartnerCentralRevenueMeasurementClient({ endpoint: process.env.BENCH_ENDPOINT });

exports.handler = async () => {
  const out = await client.send(
    new CreateMarketplaceRevenueShareAllocationCommand({
      Catalog: "AWS",
      ProductId: "prod-abc123def4567",
      EffectiveFrom: "2026-07-01",
      RevenueSharePercent: "15.50",
    }),
  );
  return out.MarketplaceRevenueShareAllocationId;
};
