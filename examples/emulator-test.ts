/**
 * The README's "testing with the emulator": an emulator in your own test, on a clock you set, checked with the
 * client and with inspect(). It starts its own emulator (it needs no environment).
 *
 *   npx tsx examples/emulator-test.ts
 */
// #region readme
import { ListRevenueAttributionsCommand, PartnerCentralRevenueMeasurementClient } from "../src/index.js";
import { startEmulator } from "../src/testing/index.js";

const emulator = await startEmulator({ clock: { now: () => Date.UTC(2030, 3, 7) } }); // its clock: April 7th, 2030
const client = new PartnerCentralRevenueMeasurementClient({ endpoint: emulator.endpoint, region: emulator.region, credentials: emulator.credentials });
const out = await client.send(new ListRevenueAttributionsCommand({ Catalog: "Sandbox" }));
console.log(`${out.RevenueAttributionSummaries?.length} attributions; ${emulator.inspect().requests.total} requests so far`);
emulator.setFaults({ errorRate: 0.2 }); // from now on, one request in five fails with a 500 (the client retries)
client.destroy();
await emulator.close();
// #endregion
