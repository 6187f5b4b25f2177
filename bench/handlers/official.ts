// The same handler with the official AWS SDK v3 client (bundled by bench/run.ts).
import {
  CreateMarketplaceRevenueShareAllocationCommand,
  PartnerCentralRevenueMeasurementClient,
} from "@aws-sdk/client-partnercentral-revenue-measurement";

// Region and credentials come from the environment, as in Lambda; the endpoint is the local bench server.
const client = new PartnerCentralRevenueMeasurementClient({ endpoint: process.env.BENCH_ENDPOINT });

export const handler = async (): Promise<string | undefined> => {
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
