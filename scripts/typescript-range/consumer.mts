// An ES module consumer: the names most code uses, from every entry point.
import {
  ListRevenueAttributionsCommand,
  PartnerCentralRevenueMeasurementClient,
  ValidationException,
  paginateListRevenueAttributions,
  type ListRevenueAttributionsCommandOutput,
} from "partnercentral-revenue-measurement";
import { submitAllocations } from "partnercentral-revenue-measurement/batch";
import { readAllocationChanges } from "partnercentral-revenue-measurement/files";
import { startEmulator } from "partnercentral-revenue-measurement/testing";

const emulator = await startEmulator();
const client = new PartnerCentralRevenueMeasurementClient({ endpoint: emulator.endpoint, region: "us-east-1" });
try {
  const page: ListRevenueAttributionsCommandOutput = await client.send(new ListRevenueAttributionsCommand({ Catalog: "AWS" }));
  console.log(page.$metadata.requestId);
  for await (const p of paginateListRevenueAttributions({ client, pageSize: 10 }, { Catalog: "AWS" })) console.log(p.NextToken);
} catch (error) {
  if (error instanceof ValidationException) console.error(error.message);
}
console.log(typeof submitAllocations, typeof readAllocationChanges);
await emulator.close();
