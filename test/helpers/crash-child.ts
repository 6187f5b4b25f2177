/**
 * The process the crash tests kill with SIGKILL: it runs `submitAllocations`
 * with the crash submission and prints a line per COMPLETE chunk, `FROZEN`
 * when told to stop after a chunk (it then blocks until killed), then
 * `RESULT <report JSON>` and `DONE`, or `ERROR <error JSON>`.
 */
import { NodeHttpHandler, PartnerCentralRevenueMeasurementClient } from "../../src/index.js";
import { submitAllocations } from "../../src/batch/index.js";
import { OWN_HTTP_HANDLER } from "../../src/transport/types.js";
import { CRASH_OPTIONS, crashSubmission, type CrashChildConfig } from "./crash-submission.js";

const config = JSON.parse(process.argv[2]!) as CrashChildConfig;
const real = new NodeHttpHandler();
let startsSent = 0;
/** Holds back the first start request by `delayFirstStartMs` (a start late on the wire), passing everything else through. */
const requestHandler = {
  [OWN_HTTP_HANDLER]: true as const,
  async handle(request: Parameters<NodeHttpHandler["handle"]>[0], options: Parameters<NodeHttpHandler["handle"]>[1]) {
    if (config.delayFirstStartMs && request.url.pathname.endsWith("/StartRevenueAttributionAllocationsTask") && startsSent++ === 0) {
      console.log("START HELD");
      await new Promise((r) => setTimeout(r, config.delayFirstStartMs));
    }
    return real.handle(request, options);
  },
  destroy: () => real.destroy(),
};
const client = new PartnerCentralRevenueMeasurementClient({
  endpoint: config.endpoint,
  region: config.region,
  credentials: config.credentials,
  maxAttempts: 3,
  requestHandler,
});
console.log("STARTED");
try {
  const result = await submitAllocations(
    {
      client,
      ...CRASH_OPTIONS,
      onProgress: ({ chunkIndex }) => {
        console.log(`COMMITTED ${chunkIndex}`);
        if (chunkIndex === config.freezeAfterChunk) {
          console.log("FROZEN");
          Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0); // blocks this process until it is killed
        }
      },
    },
    crashSubmission(config.attribution, config.base),
  );
  const { finished, committed, inDoubt, notApplied, failed } = result;
  console.log(`RESULT ${JSON.stringify({ finished, committed, inDoubt, notApplied, failed })}`);
  console.log("DONE");
} catch (e) {
  console.log(`ERROR ${JSON.stringify(e)}`);
  process.exitCode = 1;
}
client.destroy();
