/**
 * The emulator's own behaviour: protocol, SigV4 verification, idempotency,
 * validation parity with the client, revisions, business rules, pagination,
 * faults, the official AWS client, and the standalone command.
 */
import { spawn, type ChildProcess } from "node:child_process";
import * as http from "node:http";
import { createInterface } from "node:readline";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import * as official from "@aws-sdk/client-partnercentral-revenue-measurement";
import {
  AccessDeniedException,
  ClientValidationError,
  ConflictException,
  CreateMarketplaceRevenueShareAllocationCommand,
  CreateMarketplaceRevenueShareCommand,
  CreateRevenueAttributionCommand,
  GetMarketplaceRevenueShareAllocationCommand,
  GetRevenueAttributionAllocationsTaskCommand,
  GetRevenueAttributionCommand,
  InternalServerException,
  ListRevenueAttributionAllocationsCommand,
  ListRevenueAttributionsCommand,
  NetworkError,
  PartnerCentralRevenueMeasurementClient,
  ResourceNotFoundException,
  StartRevenueAttributionAllocationsTaskCommand,
  ThrottlingException,
  UpdateMarketplaceRevenueShareAllocationCommand,
  UpdateRevenueAttributionCommand,
  ValidationException,
  type PartnerCentralRevenueMeasurementClientConfig,
  type RevenueShareAllocation,
  InvalidConfigurationError,
} from "../src/index.js";
import { decodeCbor, encodeCbor } from "../src/protocol/cbor.js";
import { startEmulator, type Emulator } from "../src/testing/index.js";

const PRODUCT = "prod-abc123def4567";
const JAN_15_2030 = Date.parse("2030-01-15T12:00:00Z");

let emulator: Emulator;
let nowMs = JAN_15_2030;
const clients: PartnerCentralRevenueMeasurementClient[] = [];

function clientFor(e: Emulator, extra: PartnerCentralRevenueMeasurementClientConfig = {}) {
  const c = new PartnerCentralRevenueMeasurementClient({
    endpoint: e.endpoint,
    region: e.region,
    credentials: e.credentials,
    maxAttempts: 1,
    ...extra,
  });
  clients.push(c);
  return c;
}

function item(overrides: Partial<RevenueShareAllocation> = {}): RevenueShareAllocation {
  return {
    Action: "CREATE",
    EntityType: "OFFER",
    EntityIdentifier: "offer-aaa",
    CustomerAwsAccountId: "123456789012",
    RevenueSharePercent: "25",
    EffectiveFrom: "2030-03-01",
    EffectiveUntil: "2030-03-31",
    ...overrides,
  };
}

async function rejection(p: Promise<unknown>): Promise<Error> {
  try {
    await p;
  } catch (e) {
    return e as Error;
  }
  throw new Error("expected a rejection");
}

beforeAll(async () => {
  emulator = await startEmulator({ taskDurationMs: 5, clock: { now: () => nowMs } });
});
afterEach(() => {
  emulator.reset();
  emulator.setFaults({});
  nowMs = JAN_15_2030;
});
afterAll(async () => {
  for (const c of clients) c.destroy();
  await emulator.close();
});

describe("server basics", () => {
  it("listens on a free loopback port and hands out its connection details", () => {
    expect(emulator.endpoint).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(emulator.region).toBe("us-east-1");
    expect(emulator.credentials.accessKeyId).toBeTruthy();
    expect(emulator.credentials.secretAccessKey).toBeTruthy();
  });

  it("answers unknown operations with 404 UnknownOperationException", async () => {
    const res = await rawPost(emulator, "/service/PartnerCentralRevenueMeasurement/operation/DeleteEverything", {});
    expect(res.status).toBe(404);
    expect((res.body as { __type: string }).__type).toMatch(/#UnknownOperationException$/);
  });

  it("sends the RPC v2 CBOR response headers", async () => {
    const res = await rawPost(emulator, "/service/PartnerCentralRevenueMeasurement/operation/ListRevenueAttributions", {
      Catalog: "AWS",
    });
    expect(res.headers["smithy-protocol"]).toBe("rpc-v2-cbor");
    expect(res.headers["content-type"]).toBe("application/cbor");
    expect(res.headers["x-amzn-requestid"]).toMatch(/^[0-9a-f-]{36}$/);
  });
});

describe("SigV4 verification", () => {
  it("rejects an unsigned request with AccessDeniedException (403)", async () => {
    const res = await rawPost(emulator, "/service/PartnerCentralRevenueMeasurement/operation/ListRevenueAttributions", {
      Catalog: "AWS",
    });
    expect(res.status).toBe(403);
    expect(res.body).toMatchObject({ Reason: "ACCESS_DENIED" });
    expect((res.body as { __type: string }).__type).toMatch(/#AccessDeniedException$/);
    expect(emulator.inspect().requests.rejectedSignatures).toBe(1);
  });

  it("rejects a wrong secret, an unknown key and a wrong region", async () => {
    const input = new ListRevenueAttributionsCommand({ Catalog: "AWS" });
    const { accessKeyId, secretAccessKey } = emulator.credentials;
    const cases: PartnerCentralRevenueMeasurementClientConfig[] = [
      { credentials: { accessKeyId, secretAccessKey: `${secretAccessKey}x` } },
      { credentials: { accessKeyId: "AKIAUNKNOWNKEY000000", secretAccessKey } },
      { region: "eu-west-1" },
    ];
    for (const extra of cases) {
      const err = await rejection(clientFor(emulator, extra).send(input));
      expect(err).toBeInstanceOf(AccessDeniedException);
      expect((err as AccessDeniedException).$metadata.httpStatusCode).toBe(403);
    }
    expect(emulator.inspect().requests.rejectedSignatures).toBe(cases.length);
  });

  it("accepts a signature 4 minutes off (within the 5-minute window)", async () => {
    const client = clientFor(emulator, { clock: { now: () => Date.now() + 4 * 60 * 1000 } });
    const out = await client.send(new ListRevenueAttributionsCommand({ Catalog: "AWS" }));
    expect(out.$metadata).toMatchObject({ httpStatusCode: 200, attempts: 1 });
    expect(emulator.inspect().requests.rejectedSignatures).toBe(0);
  });

  it("can be turned off", async () => {
    const open = await startEmulator({ verifySignatures: false });
    try {
      const res = await rawPost(open, "/service/PartnerCentralRevenueMeasurement/operation/ListRevenueAttributions", {
        Catalog: "AWS",
      });
      expect(res.status).toBe(200);
    } finally {
      await open.close();
    }
  });
});

describe("ClientToken idempotency", () => {
  it("returns the first result for a repeated token and input; conflicts on a different input", async () => {
    const client = clientFor(emulator);
    const input = { Catalog: "AWS", Name: "Idem", TenancyModel: "MULTI_TENANT", ClientToken: "token-1" } as const;
    const first = await client.send(new CreateRevenueAttributionCommand(input));
    const again = await client.send(new CreateRevenueAttributionCommand(input));
    expect(again.Id).toBe(first.Id);
    expect(emulator.inspect().revenueAttributions).toHaveLength(1);

    const err = await rejection(client.send(new CreateRevenueAttributionCommand({ ...input, Name: "Other" })));
    expect(err).toBeInstanceOf(ConflictException);
    expect((err as ConflictException).Reason).toBe("CONFLICT_CLIENT_TOKEN");
  });

  it("replays a started task instead of starting a second one, even after it completed", async () => {
    const client = clientFor(emulator);
    const ra = await createAttribution(client);
    const start = new StartRevenueAttributionAllocationsTaskCommand({
      Catalog: "AWS",
      RevenueAttributionIdentifier: ra.Id,
      RevenueAttributionRevision: "1",
      RevenueShareAllocations: [item()],
      ClientToken: "start-1",
    });
    const first = await client.send(start);
    emulator.finishTasks();
    const replay = await client.send(start);
    expect(replay.TaskId).toBe(first.TaskId);
    const [attr] = emulator.inspect().revenueAttributions;
    expect(attr!.Tasks).toHaveLength(1);
    expect(attr!.Allocations).toHaveLength(1);
    expect(attr!.LatestRevision).toBe("2");
  });
});

describe("server-side validation", () => {
  it("answers what local validation would have said, field for field", async () => {
    const bad = {
      Catalog: "AWS" as const,
      RevenueAttributionIdentifier: "ra-abcdefghijklm",
      RevenueAttributionRevision: "0",
      RevenueShareAllocations: [
        item({ EffectiveFrom: "2030-02-30", RevenueSharePercent: "12.345" }),
        item({ Action: "UPDATE", CustomerAwsAccountId: "12345" }),
      ],
    };
    const local = await rejection(clientFor(emulator).send(new StartRevenueAttributionAllocationsTaskCommand(bad)));
    expect(local).toBeInstanceOf(ClientValidationError);
    expect(emulator.inspect().requests.total).toBe(0);

    const remote = await rejection(
      clientFor(emulator, { validation: false }).send(new StartRevenueAttributionAllocationsTaskCommand(bad)),
    );
    expect(remote).toBeInstanceOf(ValidationException);
    expect((remote as ValidationException).Reason).toBe("REQUEST_VALIDATION_FAILED");
    // The emulator reads the model on its own (src/testing/model.ts): the same fields and codes, its own wording.
    const nameAndCode = (fields: ReadonlyArray<{ Name: string; Code: string }>) => fields.map(({ Name, Code }) => ({ Name, Code }));
    expect(nameAndCode((remote as ValidationException).FieldList!)).toEqual(nameAndCode((local as ClientValidationError).FieldList));
    expect((remote as ValidationException).FieldList!.length).toBeGreaterThanOrEqual(4);
  });
});

describe("revenue attributions and allocation tasks", () => {
  it("commits a task: bumps the revision and applies every change; older revisions stay readable", async () => {
    const client = clientFor(emulator);
    const ra = await createAttribution(client);
    const started = await client.send(
      new StartRevenueAttributionAllocationsTaskCommand({
        Catalog: "AWS",
        RevenueAttributionIdentifier: ra.Arn,
        RevenueAttributionRevision: ra.Revision!,
        RevenueShareAllocations: [item(), item({ EntityIdentifier: "offer-bbb", Status: "INACTIVE" })],
        Description: "two",
      }),
    );
    expect(started).toMatchObject({ Status: "IN_PROGRESS", TotalRevenueAttributionAllocationRecords: 2 });
    emulator.finishTasks();
    const task = await client.send(
      new GetRevenueAttributionAllocationsTaskCommand({ Catalog: "AWS", RevenueAttributionIdentifier: ra.Id }),
    );
    expect(task).toMatchObject({ TaskId: started.TaskId, Status: "COMPLETE", RevenueAttributionLatestRevision: "2" });
    expect(task.EndedAt).toBeInstanceOf(Date);

    const latest = await client.send(new GetRevenueAttributionCommand({ Catalog: "AWS", Identifier: ra.Id }));
    expect(latest).toMatchObject({
      Revision: "2",
      LatestRevision: "2",
      TotalRevenueAttributionAllocationCount: 2,
      TotalActiveRevenueAttributionAllocationCount: 1,
      EffectiveFrom: "2030-03-01",
      EffectiveUntil: "2030-03-31",
    });
    const first = await client.send(new GetRevenueAttributionCommand({ Catalog: "AWS", Identifier: ra.Id, Revision: "1" }));
    expect(first).toMatchObject({ Revision: "1", LatestRevision: "2", TotalRevenueAttributionAllocationCount: 0 });
    const atOne = await client.send(
      new ListRevenueAttributionAllocationsCommand({
        Catalog: "AWS",
        RevenueAttributionIdentifier: ra.Id,
        RevenueAttributionRevision: "1",
      }),
    );
    expect(atOne.RevenueAttributionAllocationSummaries).toEqual([]);
  });

  it("rejects a stale revision with ConflictException REVISION_MISMATCH", async () => {
    const client = clientFor(emulator);
    const ra = await createAttribution(client);
    await client.send(new UpdateRevenueAttributionCommand({ Catalog: "AWS", Identifier: ra.Id, Revision: "1", Description: "x" }));
    const err = await rejection(
      client.send(
        new StartRevenueAttributionAllocationsTaskCommand({
          Catalog: "AWS",
          RevenueAttributionIdentifier: ra.Id,
          RevenueAttributionRevision: "1",
          RevenueShareAllocations: [item()],
        }),
      ),
    );
    expect(err).toBeInstanceOf(ConflictException);
    expect((err as ConflictException).Reason).toBe("REVISION_MISMATCH");
  });

  it("refuses a second task while one is in progress (CONCURRENT_MODIFICATION)", async () => {
    const client = clientFor(emulator);
    const ra = await createAttribution(client);
    const start = (ClientToken: string) =>
      client.send(
        new StartRevenueAttributionAllocationsTaskCommand({
          Catalog: "AWS",
          RevenueAttributionIdentifier: ra.Id,
          RevenueAttributionRevision: "1",
          RevenueShareAllocations: [item()],
          ClientToken,
        }),
      );
    emulator.setTaskDurationMs(Infinity); // the first task is still running when the second start arrives, however slow the machine
    try {
      await start("a");
      const err = await rejection(start("b"));
      expect((err as ConflictException).Reason).toBe("CONCURRENT_MODIFICATION");
    } finally {
      emulator.finishTasks();
      emulator.setTaskDurationMs(5);
    }
  });

  it("fails a task with per-record details and applies nothing", async () => {
    nowMs = Date.parse("2030-02-20T00:00:00Z");
    const client = clientFor(emulator);
    const ra = await createAttribution(client);
    const begun = item({ EffectiveFrom: "2030-02-01", EffectiveUntil: "2030-02-28" });
    await runTask(client, ra.Id, "1", [begun, item()]);
    const [attr] = emulator.inspect().revenueAttributions;
    const begunId = attr!.Allocations.find((a) => a.EffectiveFrom === "2030-02-01")!.RevenueAttributionAllocationId;
    nowMs = Date.parse("2030-03-10T00:00:00Z"); // February closed on the 7th of March

    const task = await runTask(client, ra.Id, "2", [
      item({ EntityIdentifier: "offer-new" }), // fine on its own
      item({ Action: "UPDATE", RevenueAttributionAllocationId: "alloc-doesnotexist1", RevenueSharePercent: "5" }),
      { ...begun, Action: "UPDATE", RevenueAttributionAllocationId: begunId, RevenueSharePercent: "30" },
      item({ EntityIdentifier: "offer-cap", RevenueSharePercent: "40" }), // March: 25 + 25 + 40 = 90 %, within the cap
      item({ EntityIdentifier: "offer-cap", RevenueSharePercent: "50", CustomerAwsAccountId: "123456789012", EffectiveFrom: "2030-03-01" }),
    ]);
    expect(task.Status).toBe("FAILED");
    expect(task.RevenueAttributionLatestRevision).toBeUndefined();
    const codes = task.ErrorDetailList!.map((d) => [d.ErrorCode, d.RevenueAttributionAllocationId]);
    expect(codes).toEqual([
      ["RESOURCE_NOT_FOUND", "alloc-doesnotexist1"],
      ["IMMUTABLE_ALLOCATION", begunId],
      ["INVALID_VALUE", undefined], // the second offer-cap record overlaps the first in this attribution
    ]);
    const after = emulator.inspect().revenueAttributions[0]!;
    expect(after.LatestRevision).toBe("2");
    expect(after.Allocations).toHaveLength(2);
    expect(after.Allocations.find((a) => a.RevenueAttributionAllocationId === begunId)!.RevenueSharePercent).toBe("25");
  });

  it("caps the ACTIVE share per attribution and month, not per entity across attributions", async () => {
    const client = clientFor(emulator);
    const a = await createAttribution(client, "A");
    const b = await createAttribution(client, "B");
    expect((await runTask(client, a.Id, "1", [item({ RevenueSharePercent: "70" })])).Status).toBe("COMPLETE");
    expect((await runTask(client, b.Id, "1", [item({ RevenueSharePercent: "40" })])).Status).toBe("COMPLETE");
    const failed = await runTask(client, a.Id, "2", [item({ EntityIdentifier: "offer-bbb", RevenueSharePercent: "40" })]);
    expect(failed.ErrorDetailList?.map((d) => d.ErrorCode)).toEqual(["ALLOCATION_CAP_EXCEEDED"]);
  });

  it("updates a future-dated allocation by id", async () => {
    const client = clientFor(emulator);
    const ra = await createAttribution(client);
    await runTask(client, ra.Id, "1", [item()]);
    const id = emulator.inspect().revenueAttributions[0]!.Allocations[0]!.RevenueAttributionAllocationId;
    const task = await runTask(client, ra.Id, "2", [item({ Action: "UPDATE", RevenueAttributionAllocationId: id, RevenueSharePercent: "40" })]);
    expect(task.Status).toBe("COMPLETE");
    const [alloc] = emulator.inspect().revenueAttributions[0]!.Allocations;
    expect(alloc).toMatchObject({ RevenueAttributionAllocationId: id, RevenueSharePercent: "40" });
  });

  it("reports unknown attributions, tasks and revisions as ResourceNotFoundException", async () => {
    const client = clientFor(emulator);
    const ra = await createAttribution(client);
    const errors = await Promise.all([
      rejection(client.send(new GetRevenueAttributionCommand({ Catalog: "AWS", Identifier: "ra-zzzzzzzzzzzzz" }))),
      rejection(client.send(new GetRevenueAttributionCommand({ Catalog: "Sandbox", Identifier: ra.Id }))),
      rejection(client.send(new GetRevenueAttributionCommand({ Catalog: "AWS", Identifier: ra.Id, Revision: "9" }))),
      rejection(client.send(new GetRevenueAttributionAllocationsTaskCommand({ Catalog: "AWS", RevenueAttributionIdentifier: ra.Id }))),
    ]);
    for (const e of errors) {
      expect(e).toBeInstanceOf(ResourceNotFoundException);
      expect((e as ResourceNotFoundException).Reason).toBe("RESOURCE_NOT_FOUND");
    }
  });
});

describe("marketplace revenue share allocations", () => {
  it("enforces revisions, the overlap invariant and the future-dated mutability rules", async () => {
    const client = clientFor(emulator);
    await client.send(new CreateMarketplaceRevenueShareCommand({ Catalog: "AWS", ProductId: PRODUCT }));
    const begun = await client.send(
      new CreateMarketplaceRevenueShareAllocationCommand({
        Catalog: "AWS",
        ProductId: PRODUCT,
        EffectiveFrom: "2030-01-01",
        RevenueSharePercent: "10",
      }),
    );
    expect(begun.LatestMarketplaceRevenueShareRevision).toBe("2");

    const overlap = await rejection(
      client.send(
        new CreateMarketplaceRevenueShareAllocationCommand({
          Catalog: "AWS",
          ProductId: PRODUCT,
          EffectiveFrom: "2030-06-01",
          RevenueSharePercent: "20",
        }),
      ),
    );
    expect(overlap).toBeInstanceOf(ValidationException);
    expect((overlap as ValidationException).Reason).toBe("BUSINESS_VALIDATION_FAILED");

    const update = (input: Partial<ConstructorParameters<typeof UpdateMarketplaceRevenueShareAllocationCommand>[0]>) =>
      client.send(
        new UpdateMarketplaceRevenueShareAllocationCommand({
          Catalog: "AWS",
          ProductId: PRODUCT,
          MarketplaceRevenueShareAllocationId: begun.MarketplaceRevenueShareAllocationId,
          MarketplaceRevenueShareRevision: "2",
          ...input,
        }),
      );
    const immutable = await rejection(update({ RevenueSharePercent: "11" }));
    expect((immutable as ValidationException).FieldList).toEqual([
      expect.objectContaining({ Name: "RevenueSharePercent", Code: "ACTION_NOT_PERMITTED" }),
    ]);
    const closed = await update({ EffectiveUntil: "2030-05-31" });
    expect(closed).toMatchObject({ EffectiveUntil: "2030-05-31", LatestMarketplaceRevenueShareRevision: "3" });
    const stale = await rejection(update({ EffectiveUntil: "2030-04-30" }));
    expect((stale as ConflictException).Reason).toBe("REVISION_MISMATCH");

    const future = await client.send(
      new CreateMarketplaceRevenueShareAllocationCommand({
        Catalog: "AWS",
        ProductId: PRODUCT,
        EffectiveFrom: "2030-06-01",
        RevenueSharePercent: "20",
      }),
    );
    const changed = await client.send(
      new UpdateMarketplaceRevenueShareAllocationCommand({
        Catalog: "AWS",
        ProductId: PRODUCT,
        MarketplaceRevenueShareAllocationId: future.MarketplaceRevenueShareAllocationId,
        MarketplaceRevenueShareRevision: future.LatestMarketplaceRevenueShareRevision!,
        RevenueSharePercent: "22.50",
        Status: "INACTIVE",
      }),
    );
    expect(changed).toMatchObject({ RevenueSharePercent: "22.50", Status: "INACTIVE" });
    const old = await client.send(
      new GetMarketplaceRevenueShareAllocationCommand({
        Catalog: "AWS",
        ProductId: PRODUCT,
        MarketplaceRevenueShareAllocationId: future.MarketplaceRevenueShareAllocationId,
        MarketplaceRevenueShareRevision: future.LatestMarketplaceRevenueShareRevision!,
      }),
    );
    expect(old).toMatchObject({ RevenueSharePercent: "20", Status: "ACTIVE" });
  });

  it("allows one share per product and needs the share before its allocations", async () => {
    const client = clientFor(emulator);
    const missing = await rejection(
      client.send(
        new CreateMarketplaceRevenueShareAllocationCommand({
          Catalog: "AWS",
          ProductId: PRODUCT,
          EffectiveFrom: "2030-06-01",
          RevenueSharePercent: "20",
        }),
      ),
    );
    expect(missing).toBeInstanceOf(ResourceNotFoundException);
    await client.send(new CreateMarketplaceRevenueShareCommand({ Catalog: "AWS", ProductId: PRODUCT }));
    const dup = await rejection(client.send(new CreateMarketplaceRevenueShareCommand({ Catalog: "AWS", ProductId: PRODUCT })));
    expect((dup as ConflictException).Reason).toBe("RESOURCE_ALREADY_EXISTS");
  });
});

describe("pagination", () => {
  it("pages with MaxResults and an opaque NextToken bound to its query", async () => {
    const client = clientFor(emulator);
    for (let i = 0; i < 7; i++) await createAttribution(client, `Paged ${i}`);
    const seen: string[] = [];
    let NextToken: string | undefined;
    let pages = 0;
    do {
      const page = await client.send(new ListRevenueAttributionsCommand({ Catalog: "AWS", MaxResults: 3, NextToken }));
      seen.push(...page.RevenueAttributionSummaries!.map((s) => s.Id!));
      NextToken = page.NextToken;
      pages++;
    } while (NextToken);
    expect(pages).toBe(3);
    expect(new Set(seen).size).toBe(7);

    const first = await client.send(new ListRevenueAttributionsCommand({ Catalog: "AWS", MaxResults: 3 }));
    const wrongQuery = await rejection(
      client.send(
        new ListRevenueAttributionsCommand({ Catalog: "AWS", SortOrder: "ASCENDING", MaxResults: 3, NextToken: first.NextToken }),
      ),
    );
    expect(wrongQuery).toBeInstanceOf(ValidationException);
    const garbage = await rejection(client.send(new ListRevenueAttributionsCommand({ Catalog: "AWS", NextToken: "not-a-token" })));
    expect((garbage as ValidationException).FieldList![0]!.Name).toBe("NextToken");
  });
});

describe("fault injection", () => {
  it("throttles every Nth request", async () => {
    emulator.setFaults({ throttleEveryNth: 2 });
    const client = clientFor(emulator);
    await client.send(new ListRevenueAttributionsCommand({ Catalog: "AWS" }));
    const err = await rejection(client.send(new ListRevenueAttributionsCommand({ Catalog: "AWS" })));
    expect(err).toBeInstanceOf(ThrottlingException);
    expect((err as ThrottlingException).$retryable).toBe(true);
    expect(emulator.inspect().requests.throttled).toBe(1);
  });

  it("answers 500 at the configured rate, and retries get through once faults stop", async () => {
    emulator.setFaults({ errorRate: 1 });
    const err = await rejection(clientFor(emulator, { maxAttempts: 2 }).send(new ListRevenueAttributionsCommand({ Catalog: "AWS" })));
    expect(err).toBeInstanceOf(InternalServerException);
    expect((err as InternalServerException).$metadata.attempts).toBe(2);
    emulator.setFaults({});
    const ok = await clientFor(emulator).send(new ListRevenueAttributionsCommand({ Catalog: "AWS" }));
    expect(ok.$metadata.httpStatusCode).toBe(200);
  });

  it("drops connections before or after processing; a token makes the retry safe", async () => {
    const client = clientFor(emulator);
    emulator.setFaults({ dropConnectionRate: 1, dropWhen: "before" });
    expect(await rejection(createAttribution(client, "Lost", "tok-before"))).toBeInstanceOf(NetworkError);
    expect(emulator.inspect().revenueAttributions).toHaveLength(0);

    emulator.setFaults({ dropConnectionRate: 1, dropWhen: "after" });
    expect(await rejection(createAttribution(client, "Kept", "tok-after"))).toBeInstanceOf(NetworkError);
    expect(emulator.inspect().revenueAttributions).toHaveLength(1);
    expect(emulator.inspect().requests.dropped).toBe(2); // changing the faults keeps the counters

    emulator.setFaults({});
    const retried = await createAttribution(client, "Kept", "tok-after");
    expect(retried.Id).toBe(emulator.inspect().revenueAttributions[0]!.Id);
    expect(emulator.inspect().revenueAttributions).toHaveLength(1);
  });

  it("adds latency (a short client timeout then fails) and limits faults to chosen operations", async () => {
    emulator.setFaults({ latencyMs: 300, operations: ["ListRevenueAttributions"] });
    const client = clientFor(emulator, { requestTimeoutMs: 20 });
    const err = await rejection(client.send(new ListRevenueAttributionsCommand({ Catalog: "AWS" })));
    expect(err).toBeInstanceOf(NetworkError);
    expect((err as NetworkError).code).toBe("TimeoutError");
    const other = await clientFor(emulator).send(
      new CreateRevenueAttributionCommand({ Catalog: "AWS", Name: "Fast", TenancyModel: "SINGLE_TENANT" }),
    );
    expect(other.Id).toMatch(/^ra-[a-z0-9]{13}$/);
  });

  it("rejects nonsense fault settings", () => {
    expect(() => emulator.setFaults({ errorRate: 2 })).toThrow(InvalidConfigurationError);
    expect(() => emulator.setFaults({ throttleEveryNth: 0 })).toThrow(InvalidConfigurationError);
  });

  it("refuses an option it does not know, and the clock options of before 0.x's one clock shape, naming them", async () => {
    const refusal = (options: Record<string, unknown>) => startEmulator(options as never).then(() => "started", (e: unknown) => e);
    const misspelt = await refusal({ taskDurationMS: 5 });
    expect(misspelt).toBeInstanceOf(InvalidConfigurationError);
    expect((misspelt as Error).message).toContain("taskDurationMS");
    const oldNow = await refusal({ now: () => 0 });
    expect(oldNow).toBeInstanceOf(InvalidConfigurationError);
    expect((oldNow as Error).message).toMatch(/`now`.*clock: \{ now/);
    expect(await refusal({ clock: () => 0 })).toBeInstanceOf(InvalidConfigurationError);
    expect(await refusal({ quotas: { now: () => 0 } })).toBeInstanceOf(InvalidConfigurationError);
    expect(() => emulator.setQuotas({ now: () => 0 } as never)).toThrow(/quotas.clock/);
  });
});

describe("the official AWS client", () => {
  it("runs create, start-task and get-task against the emulator", async () => {
    const aws = new official.PartnerCentralRevenueMeasurementClient({
      endpoint: emulator.endpoint,
      region: emulator.region,
      credentials: emulator.credentials,
    });
    try {
      const ra = await aws.send(
        new official.CreateRevenueAttributionCommand({ Catalog: "AWS", Name: "From the AWS SDK", TenancyModel: "MULTI_TENANT" }),
      );
      expect(ra.Id).toMatch(/^ra-[a-z0-9]{13}$/);
      const started = await aws.send(
        new official.StartRevenueAttributionAllocationsTaskCommand({
          Catalog: "AWS",
          RevenueAttributionIdentifier: ra.Id,
          RevenueAttributionRevision: ra.Revision,
          RevenueShareAllocations: [item() as official.RevenueShareAllocation],
        }),
      );
      expect(started.Status).toBe("IN_PROGRESS");
      expect(started.StartedAt).toBeInstanceOf(Date);
      let task: official.GetRevenueAttributionAllocationsTaskCommandOutput | undefined;
      for (let i = 0; i < 100 && task?.Status !== "COMPLETE"; i++) {
        await new Promise((r) => setTimeout(r, 5));
        task = await aws.send(
          new official.GetRevenueAttributionAllocationsTaskCommand({ Catalog: "AWS", RevenueAttributionIdentifier: ra.Id }),
        );
      }
      expect(task).toMatchObject({ TaskId: started.TaskId, Status: "COMPLETE", RevenueAttributionLatestRevision: "2" });

      const err = await rejection(
        aws.send(new official.CreateRevenueAttributionCommand({ Catalog: "AWS", Name: "x", TenancyModel: "BAD" as never })),
      );
      expect(err).toBeInstanceOf(official.ValidationException);
      expect((err as official.ValidationException).FieldList).toEqual([
        expect.objectContaining({ Name: "TenancyModel", Code: "INVALID_ENUM_VALUE" }),
      ]);
    } finally {
      aws.destroy();
    }
  });
});

describe("the standalone command", () => {
  let child: ChildProcess | undefined;
  afterAll(() => {
    child?.kill("SIGKILL");
  });

  it("prints its endpoint and credentials and serves requests", async () => {
    child = spawn(process.execPath, ["--import", "tsx", "src/testing/cli.ts", "--json", "--port", "0"], {
      cwd: new URL("..", import.meta.url),
      stdio: ["ignore", "pipe", "inherit"],
    });
    const line = await new Promise<string>((resolve, reject) => {
      const rl = createInterface({ input: child!.stdout! });
      rl.once("line", resolve);
      child!.once("exit", (code) => reject(new Error(`emulator exited with ${code}`)));
    });
    const details = JSON.parse(line) as { endpoint: string; region: string; credentials: Emulator["credentials"] };
    expect(details.endpoint).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const client = new PartnerCentralRevenueMeasurementClient({ endpoint: details.endpoint, region: details.region, credentials: details.credentials, maxAttempts: 1 });
    clients.push(client);
    const out = await client.send(new ListRevenueAttributionsCommand({ Catalog: "AWS" }));
    expect(out.RevenueAttributionSummaries).toEqual([]);
    const exited = new Promise<number | null>((resolve) => child!.once("exit", resolve));
    child.kill("SIGTERM");
    expect(await exited).toBe(0);
  }, 20_000);
});

// ------------------------------------------------------------------ helpers

async function createAttribution(client: PartnerCentralRevenueMeasurementClient, name = "Test", ClientToken?: string) {
  return client.send(
    new CreateRevenueAttributionCommand({ Catalog: "AWS", Name: name, TenancyModel: "MULTI_TENANT", ClientToken }),
  );
}

async function runTask(
  client: PartnerCentralRevenueMeasurementClient,
  id: string,
  revision: string,
  items: RevenueShareAllocation[],
) {
  await client.send(
    new StartRevenueAttributionAllocationsTaskCommand({
      Catalog: "AWS",
      RevenueAttributionIdentifier: id,
      RevenueAttributionRevision: revision,
      RevenueShareAllocations: items,
    }),
  );
  emulator.finishTasks();
  return client.send(new GetRevenueAttributionAllocationsTaskCommand({ Catalog: "AWS", RevenueAttributionIdentifier: id }));
}

function rawPost(
  e: Emulator,
  path: string,
  body: unknown,
): Promise<{ status: number; headers: http.IncomingHttpHeaders; body: unknown }> {
  const payload = Buffer.from(encodeCbor(body));
  const url = new URL(path, e.endpoint);
  return new Promise((resolve, reject) => {
    const req = http.request(
      url,
      {
        method: "POST",
        headers: {
          "smithy-protocol": "rpc-v2-cbor",
          "content-type": "application/cbor",
          accept: "application/cbor",
          "content-length": String(payload.length),
        },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (c: Buffer) => chunks.push(c));
        res.on("end", () => {
          const raw = Buffer.concat(chunks);
          resolve({ status: res.statusCode ?? 0, headers: res.headers, body: raw.length ? decodeCbor(new Uint8Array(raw)) : undefined });
        });
      },
    );
    req.on("error", reject);
    req.end(payload);
  });
}
