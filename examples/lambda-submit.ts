/**
 * A Lambda handler that submits a large batch of allocation changes and stops
 * cleanly before its deadline; the next invocation with the same event
 * finishes the job (calling `submitAllocations` again with the same arguments
 * is the resume, nothing is applied twice).
 *
 *   npx tsx examples/lambda-submit.ts
 *
 * Run directly, it starts the embedded emulator and invokes the handler with a
 * short simulated time budget until the batch is finished. In Lambda, have the
 * event source retry (or re-enqueue the event) while `finished` is false.
 */
import { pathToFileURL } from "node:url";
import {
  CreateRevenueAttributionCommand,
  PartnerCentralRevenueMeasurementClient,
  submitAllocations,
  type RevenueShareAllocation,
} from "../src/index.js";
import { startEmulator } from "../src/testing/index.js";

/** The event: which attribution, and the changes (or where to read them from). */
export interface SubmitEvent {
  attribution: string;
  rows: RevenueShareAllocation[];
}

/** The part of Lambda's context the handler uses. */
export interface LambdaContextLike {
  getRemainingTimeInMillis(): number;
}

/** What each invocation returns; `finished: false` means "invoke again with the same event". */
export interface SubmitResponse {
  finished: boolean;
  committed: number;
  revision: string;
}

/** Settings outside the event: the client (created once per container) and the timing. */
export interface HandlerSettings {
  client: PartnerCentralRevenueMeasurementClient;
  /** Seconds one task is expected to take before one was timed (submitAllocations' `taskDurationEstimate`). */
  taskDurationEstimate?: number;
  /** Seconds between polls of a task. */
  pollDelay?: number;
}

/** Builds the handler. In Lambda: `export const handler = makeHandler({ client: new PartnerCentralRevenueMeasurementClient({}) })`. */
export function makeHandler(settings: HandlerSettings) {
  return async (event: SubmitEvent, context: LambdaContextLike): Promise<SubmitResponse> => {
    const result = await submitAllocations(settings.client, {
      Catalog: "Sandbox",
      RevenueAttributionIdentifier: event.attribution,
      RevenueShareAllocations: event.rows,
      Description: "CRM export",
      deadline: () => context.getRemainingTimeInMillis(),
      taskDurationEstimate: settings.taskDurationEstimate,
      minDelay: settings.pollDelay,
      maxDelay: settings.pollDelay === undefined ? undefined : settings.pollDelay * 4,
    });
    const committed = result.committed.reduce((n, r) => n + r.last - r.first + 1, 0);
    // An AllocationsSubmissionError or AllocationsConflictError propagates: the invocation fails and its
    // JSON log line (JSON.stringify(error)) names every index range and the cause.
    return { finished: result.finished, committed, revision: result.revision };
  };
}

/** 600 changes as they might come from a CRM export. */
export function exportedRows(count: number): RevenueShareAllocation[] {
  return Array.from({ length: count }, (_, i) => ({
    Action: "CREATE",
    EntityType: "OFFER",
    EntityIdentifier: `lambda-offer-${String(i).padStart(5, "0")}`,
    CustomerAwsAccountId: String(300000000000 + i),
    RevenueSharePercent: "0.15", // 600 rows in one month of one attribution: 90 %, within its 100 % cap
    EffectiveFrom: "2031-07-01",
    EffectiveUntil: "2031-07-31",
  }));
}

/** A context whose budget starts now, like a fresh invocation's. */
export function contextWithBudget(ms: number): LambdaContextLike {
  const endsAt = Date.now() + ms;
  return { getRemainingTimeInMillis: () => endsAt - Date.now() };
}

async function main(): Promise<void> {
  const emulator = await startEmulator({ taskDurationMs: 700 });
  const client = new PartnerCentralRevenueMeasurementClient({
    endpoint: emulator.endpoint,
    region: emulator.region,
    credentials: emulator.credentials,
  });
  try {
    const { Id } = await client.send(
      new CreateRevenueAttributionCommand({ Catalog: "Sandbox", Name: "lambda-example", TenancyModel: "MULTI_TENANT" }),
    );
    const handler = makeHandler({ client, taskDurationEstimate: 0.8, pollDelay: 0.05 });
    const event: SubmitEvent = { attribution: Id, rows: exportedRows(600) };
    for (let invocation = 1; ; invocation++) {
      // Each simulated invocation has 2.5 s: room for one 700 ms task besides the 1 s kept for returning.
      const response = await handler(event, contextWithBudget(2_500));
      console.log(`invocation ${invocation}: ${JSON.stringify(response)}`);
      if (response.finished) break;
    }
  } finally {
    client.destroy();
    await emulator.close();
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) void main();
