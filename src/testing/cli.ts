#!/usr/bin/env node
/**
 * Runs the emulator standalone:
 * `npx partnercentral-revenue-measurement-emulator --port 4566`.
 * Prints the endpoint and credentials, logs one line per request, and stops
 * on Ctrl+C.
 */
import { parseArgs } from "node:util";
import { startEmulator, type EmulatorOptions, type FaultOptions } from "./index.js";

const USAGE = `Usage: partnercentral-revenue-measurement-emulator [options]

Runs a local emulator of the AWS Partner Central Revenue Measurement API
(Smithy RPC v2 CBOR over HTTP, state in memory).

Options:
  --port <n>                 port to listen on (default: a free port)
  --host <addr>              interface to listen on (default: 127.0.0.1)
  --region <name>            signing region to expect (default: us-east-1)
  --access-key-id <id>       access key id to accept (default: a fixed fake one)
  --secret-access-key <key>  secret access key to accept
  --account-id <12 digits>   account id in ARNs (default: 111122223333)
  --task-duration-ms <n>     how long allocations tasks run (default: 1000)
  --skip-signature-check     accept unsigned requests
  --date <ISO instant>       start the emulator's clock at this instant (UTC) and let
                             it run from there: the day its business rules see
                             (current month, the 7th-of-month grace)
  --quotas                   enforce the published per-account request quotas
                             (reads 50/s, lists 10/s, writes 2/s, task starts 1/s):
                             429 ThrottlingException with a QuotaCode over them
  --throttle-every <n>       answer every nth request with ThrottlingException
  --error-rate <0..1>        answer this fraction with InternalServerException
  --drop-rate <0..1>         drop this fraction of connections
  --latency-ms <n>           add this much latency to every request
  --seed <n>                 seed of the fault generator
  --json                     print the connection details as one JSON line
  --quiet                    do not log requests
  -h, --help                 show this help
`;

function numberOption(values: Record<string, unknown>, name: string): number | undefined {
  const raw = values[name];
  if (raw === undefined) return undefined;
  const n = Number(raw);
  if (!Number.isFinite(n)) {
    console.error(`--${name} must be a number, got ${String(raw)}`);
    process.exit(2);
  }
  return n;
}

async function main(): Promise<void> {
  let parsed;
  try {
    parsed = parseArgs({
      options: {
        port: { type: "string" },
        host: { type: "string" },
        region: { type: "string" },
        "access-key-id": { type: "string" },
        "secret-access-key": { type: "string" },
        "account-id": { type: "string" },
        "task-duration-ms": { type: "string" },
        "skip-signature-check": { type: "boolean" },
        quotas: { type: "boolean" },
        date: { type: "string" },
        "throttle-every": { type: "string" },
        "error-rate": { type: "string" },
        "drop-rate": { type: "string" },
        "latency-ms": { type: "string" },
        seed: { type: "string" },
        json: { type: "boolean" },
        quiet: { type: "boolean" },
        help: { type: "boolean", short: "h" },
      },
      strict: true,
    });
  } catch (e) {
    console.error(`${(e as Error).message}\n\n${USAGE}`);
    process.exit(2);
  }
  const v = parsed.values;
  if (v.help) {
    process.stdout.write(USAGE);
    return;
  }
  const faults: FaultOptions = {
    throttleEveryNth: numberOption(v, "throttle-every"),
    errorRate: numberOption(v, "error-rate"),
    dropConnectionRate: numberOption(v, "drop-rate"),
    latencyMs: numberOption(v, "latency-ms"),
    seed: numberOption(v, "seed"),
  };
  const keyId = v["access-key-id"];
  const secret = v["secret-access-key"];
  if ((keyId === undefined) !== (secret === undefined)) {
    console.error("--access-key-id and --secret-access-key go together");
    process.exit(2);
  }
  let clock: { now(): number } | undefined;
  if (v.date !== undefined) {
    const start = Date.parse(v.date);
    if (Number.isNaN(start)) {
      console.error(`--date must be an ISO date or instant such as 2030-04-07T12:00:00Z, got ${v.date}`);
      process.exit(2);
    }
    const offset = start - Date.now();
    clock = { now: () => Date.now() + offset };
  }
  const options: EmulatorOptions = {
    port: numberOption(v, "port") ?? 0,
    host: v.host,
    region: v.region,
    accountId: v["account-id"],
    credentials: keyId && secret ? { accessKeyId: keyId, secretAccessKey: secret } : undefined,
    taskDurationMs: numberOption(v, "task-duration-ms") ?? 1000,
    verifySignatures: !v["skip-signature-check"],
    quotas: v.quotas === true,
    clock,
    faults,
    logger: v.quiet || v.json ? undefined : (line) => console.log(`${new Date().toISOString()} ${line}`),
  };
  const emulator = await startEmulator(options);
  const { endpoint, region, credentials } = emulator;
  if (v.json) {
    console.log(JSON.stringify({ endpoint, region, credentials, quotas: v.quotas === true }));
  } else {
    console.log(
      [
        "Partner Central Revenue Measurement emulator is listening.",
        `  endpoint:          ${endpoint}`,
        `  region:            ${region}`,
        `  access key id:     ${credentials.accessKeyId}`,
        `  secret access key: ${credentials.secretAccessKey}`,
        `  request quotas:    ${v.quotas ? "enforced (reads 50/s, lists 10/s, writes 2/s, task starts 1/s)" : "off (--quotas to enforce them)"}`,
        "",
        "Point a client at it, e.g. from a shell:",
        `  export AWS_ENDPOINT_URL_PARTNERCENTRAL_REVENUE_MEASUREMENT=${endpoint}`,
        `  export AWS_REGION=${region} AWS_ACCESS_KEY_ID=${credentials.accessKeyId} AWS_SECRET_ACCESS_KEY=${credentials.secretAccessKey}`,
        "",
        "Press Ctrl+C to stop.",
      ].join("\n"),
    );
  }
  const stop = (): void => {
    void emulator.close().then(() => process.exit(0));
  };
  process.once("SIGINT", stop);
  process.once("SIGTERM", stop);
}

main().catch((e: unknown) => {
  console.error(`Could not start the emulator: ${(e as Error).message ?? String(e)}`);
  process.exit(1);
});
