// Type-checks a CommonJS consumer against the packed declarations (.d.cts).
import pcrm = require("partnercentral-revenue-measurement");
import testing = require("partnercentral-revenue-measurement/testing");

export async function list(client: pcrm.PartnerCentralRevenueMeasurementClient): Promise<number> {
  const out = await client.send(new pcrm.ListRevenueAttributionsCommand({ Catalog: "AWS" }));
  void testing.startEmulator;
  return out.RevenueAttributionSummaries?.length ?? 0;
}
