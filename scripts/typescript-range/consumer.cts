// A CommonJS consumer: resolves the package's "require" types (dist/index.d.cts).
import { GetRevenueAttributionCommand, PartnerCentralRevenueMeasurementClient } from "partnercentral-revenue-measurement";

const client = new PartnerCentralRevenueMeasurementClient({ region: "us-east-1" });
export async function name(id: string): Promise<string | undefined> {
  const output = await client.send(new GetRevenueAttributionCommand({ Catalog: "AWS", Identifier: id }));
  return output.Name;
}
import { planAllocations } from "partnercentral-revenue-measurement/batch";
export const plan: typeof planAllocations = planAllocations;
