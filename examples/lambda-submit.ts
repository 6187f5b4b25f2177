/**
 * A Lambda handler that submits a large batch of allocation changes and stops
 * cleanly before its deadline; the next invocation with the same event
 * continues (calling `submitAllocations` again with the same arguments is the
 * resume, nothing is applied twice).
 *
 * The event carries a reference to the rows (an S3 object key), not the rows:
 * a 3,000-row list is about 700 KB of JSON, and Lambda's asynchronous
 * invocation payload is at most 256 KB. Every invocation reads the same
 * object, so every call is the same submission.
 *
 *   npx tsx examples/lambda-submit.ts
 *
 * Run directly, it starts the embedded emulator and invokes the handler with a
 * 15 s budget until the batch is finished. In Lambda, have the event source
 * retry (or re-enqueue the event) while `finished` is false.
 */
import { pathToFileURL } from "node:url";
import { CreateRevenueAttributionCommand, PartnerCentralRevenueMeasurementClient, type RevenueShareAllocation } from "../src/index.js";
import { submitAllocations } from "../src/batch/index.js";
import { startEmulator } from "../src/testing/index.js";

/** The event: which attribution, and where its rows are. */
export interface SubmitEvent {
  attribution: string;
  /** Key of the object that holds the rows (a JSON array of `RevenueShareAllocation`). */
  rowsKey: string;
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
  /** Why the invocation stopped before finishing. */
  reason?: string;
}

/**
 * Where the rows are read from. In Lambda, an S3 bucket (with
 * `@aws-sdk/client-s3`, which the Node.js runtimes include):
 *
 * ```ts
 * const s3 = new S3Client({});
 * const rows: RowStore = {
 *   async get(key) {
 *     const object = await s3.send(new GetObjectCommand({ Bucket: process.env.ROWS_BUCKET, Key: key }));
 *     return JSON.parse(await object.Body!.transformToString()) as RevenueShareAllocation[];
 *   },
 * };
 * ```
 */
export interface RowStore {
  get(key: string): Promise<RevenueShareAllocation[]>;
}

/** Settings outside the event: the client and the row store (created once per container). */
export interface HandlerSettings {
  client: PartnerCentralRevenueMeasurementClient;
  rows: RowStore;
}

/** Builds the handler. In Lambda: `export const handler = makeHandler({ client: new PartnerCentralRevenueMeasurementClient({}), rows })`. */
export function makeHandler(settings: HandlerSettings) {
  return async (event: SubmitEvent, context: LambdaContextLike): Promise<SubmitResponse> => {
    const rows = await settings.rows.get(event.rowsKey);
    // No taskDurationEstimateMs: the first task of a fresh attribution is timed, later invocations
    // learn from the attribution's latest task how long one takes.
    const result = await submitAllocations(
      { client: settings.client, deadline: () => context.getRemainingTimeInMillis() },
      {
        Catalog: "Sandbox",
        RevenueAttributionIdentifier: event.attribution,
        RevenueShareAllocations: rows,
        Description: `CRM export ${event.rowsKey}`,
      },
    );
    const committed = result.committed.reduce((n, r) => n + r.last - r.first + 1, 0);
    // An AllocationsSubmissionError or AllocationsConflictError propagates: the invocation fails and its
    // JSON log line (JSON.stringify(error)) names every index range and the cause.
    return { finished: result.finished, committed, revision: result.revision, ...(result.reason ? { reason: result.reason } : {}) };
  };
}

/** `count` changes as they might come from a CRM export: 0.1 % each, for July 2031 (1,000 of them make 100 %). */
export function exportedRows(count: number): RevenueShareAllocation[] {
  return Array.from({ length: count }, (_, i) => ({
    Action: "CREATE",
    EntityType: "OFFER",
    EntityIdentifier: `lambda-offer-${String(i).padStart(5, "0")}`,
    CustomerAwsAccountId: String(300000000000 + i),
    RevenueSharePercent: "0.1",
    EffectiveFrom: "2031-07-01",
    EffectiveUntil: "2031-07-31",
  }));
}

/** A row store in memory, for the emulator run and the tests. */
export function memoryRowStore(objects: Record<string, RevenueShareAllocation[]>): RowStore {
  return { get: async (key) => structuredClone(objects[key] ?? []) };
}

/** A context whose budget starts now, like a fresh invocation's. */
export function contextWithBudget(ms: number): LambdaContextLike {
  const endsAt = Date.now() + ms;
  return { getRemainingTimeInMillis: () => endsAt - Date.now() };
}

async function main(): Promise<void> {
  // Tasks of 4 s: 1,000 rows (4 tasks) need more than one 15 s invocation.
  const emulator = await startEmulator({ taskDurationMs: 4_000 });
  const client = new PartnerCentralRevenueMeasurementClient({
    endpoint: emulator.endpoint,
    region: emulator.region,
    credentials: emulator.credentials,
  });
  try {
    const { Id } = await client.send(
      new CreateRevenueAttributionCommand({ Catalog: "Sandbox", Name: "lambda-example", TenancyModel: "MULTI_TENANT" }),
    );
    const handler = makeHandler({ client, rows: memoryRowStore({ "exports/2031-07.json": exportedRows(1_000) }) });
    const event: SubmitEvent = { attribution: Id, rowsKey: "exports/2031-07.json" };
    for (let invocation = 1; ; invocation++) {
      const response = await handler(event, contextWithBudget(15_000));
      console.log(`invocation ${invocation}: ${JSON.stringify(response)}`);
      if (response.finished) break;
    }
  } finally {
    client.destroy();
    await emulator.close();
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) void main();
