// Type-checks an ESM consumer against the packed declarations (.d.ts).
import {
  CreateMarketplaceRevenueShareAllocationCommand,
  PartnerCentralRevenueMeasurementClient,
  type CreateMarketplaceRevenueShareAllocationOutput,
} from "partnercentral-revenue-measurement";
import { startEmulator } from "partnercentral-revenue-measurement/testing";

export async function create(client: PartnerCentralRevenueMeasurementClient): Promise<string> {
  const out: CreateMarketplaceRevenueShareAllocationOutput = await client.send(
    new CreateMarketplaceRevenueShareAllocationCommand({ Catalog: "AWS", ProductId: "prod-abc123def4567", EffectiveFrom: "2026-07-01", RevenueSharePercent: "15.50" }),
  );
  const attempts: number | undefined = (await client.send(new CreateMarketplaceRevenueShareAllocationCommand({ Catalog: "AWS", ProductId: "p", EffectiveFrom: "e", RevenueSharePercent: "1" }))).$metadata.attempts;
  void attempts;
  void startEmulator;
  return out.MarketplaceRevenueShareAllocationId;
}
