/**
 * The process the crash tests kill with SIGKILL: it runs `submitAllocations`
 * with the crash submission and prints a line per COMPLETE chunk, `FROZEN`
 * when told to stop after a chunk (it then blocks until killed) and `DONE`.
 */
import { PartnerCentralRevenueMeasurementClient, submitAllocations } from "../../src/index.js";
import { crashSubmission, type CrashChildConfig } from "./crash-submission.js";

const config = JSON.parse(process.argv[2]!) as CrashChildConfig;
const client = new PartnerCentralRevenueMeasurementClient({
  endpoint: config.endpoint,
  region: config.region,
  credentials: config.credentials,
  maxAttempts: 3,
});
console.log("STARTED");
await submitAllocations(client, {
  ...crashSubmission(config.attribution, config.base),
  onProgress: ({ chunkIndex }) => {
    console.log(`COMMITTED ${chunkIndex}`);
    if (chunkIndex === config.freezeAfterChunk) {
      console.log("FROZEN");
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0); // blocks this process until it is killed
    }
  },
});
console.log("DONE");
client.destroy();
