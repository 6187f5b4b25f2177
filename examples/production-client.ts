/**
 * The README's configuration for production: timeouts, retries, an agent of your own, middleware that runs per
 * attempt, a logger. Region, credentials and endpoint come from the AWS environment (test/readme-examples.test.ts
 * runs it against the emulator).
 *
 *   npx tsx examples/production-client.ts
 */
// #region readme
import { Agent } from "node:https";
import { ConfiguredRetryStrategy } from "@smithy/util-retry";
import { ListRevenueAttributionsCommand, PartnerCentralRevenueMeasurementClient } from "../src/index.js";

const client = new PartnerCentralRevenueMeasurementClient({
  region: "us-east-1", // else AWS_REGION; credentials: the standard chain (environment, profile, SSO, container, IMDS)
  requestTimeoutMs: 10_000, // per attempt, credential resolution included
  retryStrategy: new ConfiguredRetryStrategy(5, (attempt) => 100 * 2 ** attempt), // or maxAttempts / retryMode
  requestHandler: { httpsAgent: new Agent({ keepAlive: true, maxSockets: 25 }) }, // a proxy agent fits here too
  logger: console, // one debug line per attempt; never secrets or full account ids
});
// finalizeRequest middleware runs once per attempt, on the signed request, as in the AWS SDK.
client.middlewareStack.add(
  (next) => async (args) => {
    const request = args.request as { headers: Record<string, string> };
    console.log(`sending ${request.headers["amz-sdk-request"]}`);
    return next(args);
  },
  { step: "finalizeRequest", name: "logEachAttempt" },
);
const out = await client.send(new ListRevenueAttributionsCommand({ Catalog: "Sandbox" }), { abortSignal: AbortSignal.timeout(30_000) });
console.log(`${out.RevenueAttributionSummaries?.length ?? 0} attributions, ${out.$metadata.attempts} attempt(s)`);
client.destroy();
// #endregion
