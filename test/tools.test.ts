/**
 * The tools AWS JavaScript users already run, used for real on this client
 * and, side by side, on the official one: X-Ray's and Powertools Tracer's
 * `captureAWSv3Client`, aws-sdk-client-mock (typed: this file compiles
 * without casts) and vitest's own mocking.
 */
import { Tracer } from "@aws-lambda-powertools/tracer";
import * as Official from "@aws-sdk/client-partnercentral-revenue-measurement";
import { mockClient } from "aws-sdk-client-mock";
import AWSXRay from "aws-xray-sdk-core";
import { afterAll, afterEach, beforeAll, describe, expect, it, onTestFinished, vi } from "vitest";
import {
  ConflictException,
  GetRevenueAttributionAllocationsTaskCommand,
  GetRevenueAttributionCommand,
  PartnerCentralRevenueMeasurement,
  PartnerCentralRevenueMeasurementClient,
  TenancyModel,
} from "../src/index.js";
import { cborResponse, errorResponse, startCaptureServer, type CaptureServer } from "./helpers/capture-server.js";

const CREDS = { accessKeyId: "AKIDTOOLS", secretAccessKey: "tools-secret" };
const TASK_INPUT = { Catalog: "AWS", RevenueAttributionIdentifier: "ra-abcdefghij123" } as const;
const TASK = {
  TaskId: "raatask-abcdefghij123",
  Status: "IN_PROGRESS",
  Catalog: "AWS",
  RevenueAttributionArn: "arn:aws:partnercentral:us-east-1:111122223333:catalog/AWS/revenue-attribution/ra-abcdefghij123",
  StartedAt: new Date(Date.UTC(2026, 0, 1)),
  TotalRevenueAttributionAllocationRecords: 1,
};

let server: CaptureServer;
beforeAll(async () => {
  server = await startCaptureServer();
  server.fallback = () => cborResponse(TASK, 200, { "x-amzn-requestid": "rid-tools" });
  AWSXRay.setLogger({ debug() {}, info() {}, warn() {}, error() {} });
  AWSXRay.setDaemonAddress("127.0.0.1:9"); // segments the tests close go nowhere
});
afterAll(() => server.close());
afterEach(() => {
  server.requests.length = 0;
  server.queue.length = 0;
});

/** Both clients, pointed at the capture server. */
const clients = {
  ours: () => new PartnerCentralRevenueMeasurementClient({ endpoint: server.endpoint, region: "us-east-1", credentials: CREDS }),
  official: () =>
    new Official.PartnerCentralRevenueMeasurementClient({ endpoint: server.endpoint, region: "us-east-1", credentials: CREDS }),
};

/** Captures a client of either kind with `capture` and returns a function that sends one GetRevenueAttributionAllocationsTask call. */
function captured(which: "ours" | "official", capture: <C extends object>(client: C) => C): () => Promise<unknown> {
  if (which === "ours") {
    const client = capture(clients.ours());
    return () => client.send(new GetRevenueAttributionAllocationsTaskCommand(TASK_INPUT));
  }
  const client = capture(clients.official());
  return () => client.send(new Official.GetRevenueAttributionAllocationsTaskCommand(TASK_INPUT));
}

/** Runs `fn` inside a fresh X-Ray segment (automatic mode) and returns the segment. */
async function inSegment(fn: () => Promise<unknown>): Promise<AWSXRay.Segment> {
  const segment = new AWSXRay.Segment("tools-test");
  await AWSXRay.getNamespace().runPromise(async () => {
    AWSXRay.setSegment(segment);
    await fn().catch(() => undefined);
  });
  return segment;
}

type Traced = { name: string; namespace?: string; aws?: { operation?: string }; http?: { response?: { status?: number } }; fault?: boolean; error?: boolean; id: string };

function subsegments(segment: AWSXRay.Segment): Traced[] {
  return (segment.subsegments ?? []) as unknown as Traced[];
}

describe("AWS X-Ray captureAWSv3Client", () => {
  it.each(["official", "ours"] as const)("%s: one subsegment per call, named after the service, with the operation; X-Amzn-Trace-Id sent", async (which) => {
    const send = captured(which, (c) => AWSXRay.captureAWSv3Client(c as never) as typeof c);
    const segment = await inSegment(async () => {
      await send();
      await send();
    });
    const subs = subsegments(segment);
    expect(subs.map((s) => [s.name, s.namespace, s.aws?.operation, s.http?.response?.status])).toEqual([
      ["PartnerCentralRevenueMeasurement", "aws", "GetRevenueAttributionAllocationsTask", 200],
      ["PartnerCentralRevenueMeasurement", "aws", "GetRevenueAttributionAllocationsTask", 200],
    ]);
    expect(server.requests.map((r) => r.headers["x-amzn-trace-id"])).toEqual(
      subs.map((s) => `Root=${segment.trace_id};Parent=${s.id};Sampled=1`),
    );
  });

  it("marks a failed call on its subsegment, with the status from the error's $metadata", async () => {
    server.queue.push(errorResponse("ConflictException", 409, { Message: "stale", Reason: "REVISION_MISMATCH" }));
    const client = AWSXRay.captureAWSv3Client(clients.ours());
    let error: unknown;
    const segment = await inSegment(() => client.send(new GetRevenueAttributionAllocationsTaskCommand(TASK_INPUT)).catch((e: unknown) => (error = e)));
    expect(error).toBeInstanceOf(ConflictException);
    const [sub] = subsegments(segment);
    expect(sub).toMatchObject({ name: "PartnerCentralRevenueMeasurement", error: true, http: { response: { status: 409 } } });
  });

  it("is idempotent: capturing twice still records one subsegment per call", async () => {
    const client = AWSXRay.captureAWSv3Client(AWSXRay.captureAWSv3Client(clients.ours()));
    const segment = await inSegment(() => client.send(new GetRevenueAttributionAllocationsTaskCommand(TASK_INPUT)));
    expect(subsegments(segment)).toHaveLength(1);
  });
});

describe("Powertools Tracer captureAWSv3Client", () => {
  it.each(["official", "ours"] as const)("%s: traced like X-Ray's own, and the user agent names Powertools", async (which) => {
    vi.stubEnv("AWS_EXECUTION_ENV", "AWS_Lambda_nodejs24.x"); // outside Lambda, Powertools traces only with this set
    try {
      const tracer = new Tracer({ serviceName: "tools-test" });
      expect(tracer.isTracingEnabled()).toBe(true);
      const send = captured(which, (c) => tracer.captureAWSv3Client(c));
      const segment = await inSegment(send);
      const subs = subsegments(segment);
      expect(subs.map((s) => [s.name, s.aws?.operation])).toEqual([["PartnerCentralRevenueMeasurement", "GetRevenueAttributionAllocationsTask"]]);
      const [request] = server.requests;
      expect(request!.headers["x-amzn-trace-id"]).toBe(`Root=${segment.trace_id};Parent=${subs[0]!.id};Sampled=1`);
      expect(request!.headers["user-agent"]).toMatch(/ PT\/tracer\/\S+ PTEnv\/\S+$/);
    } finally {
      vi.unstubAllEnvs();
    }
  });
});

describe("aws-sdk-client-mock", () => {
  it("answers typed mocks for the bare and the aggregated client, and records the calls", async () => {
    const mock = mockClient(PartnerCentralRevenueMeasurementClient);
    onTestFinished(() => mock.restore());
    mock
      .on(GetRevenueAttributionCommand, { Identifier: "ra-abcdefghij123" })
      .resolves({ Id: "ra-abcdefghij123", Arn: "arn", Catalog: "AWS", TenancyModel: TenancyModel.MULTI_TENANT, LatestRevision: "4" });
    mock.on(GetRevenueAttributionAllocationsTaskCommand).rejects(new Error("mocked failure"));
    const client = new PartnerCentralRevenueMeasurementClient({ region: "us-east-1" });
    const out = await client.send(new GetRevenueAttributionCommand({ Catalog: "AWS", Identifier: "ra-abcdefghij123" }));
    expect(out.LatestRevision).toBe("4");
    const aggregated = new PartnerCentralRevenueMeasurement({ region: "us-east-1" });
    expect((await aggregated.getRevenueAttribution({ Catalog: "AWS", Identifier: "ra-abcdefghij123" })).TenancyModel).toBe("MULTI_TENANT");
    await expect(client.send(new GetRevenueAttributionAllocationsTaskCommand(TASK_INPUT))).rejects.toThrow("mocked failure");
    expect(mock.commandCalls(GetRevenueAttributionCommand)).toHaveLength(2);
    expect(mock.commandCalls(GetRevenueAttributionCommand)[0]!.args[0].input.Identifier).toBe("ra-abcdefghij123");
    expect(server.requests).toHaveLength(0); // nothing reached the network
  });
});

describe("vitest's own mocking", () => {
  it("vi.spyOn(client, 'send') answers instead of the network", async () => {
    const client = clients.ours();
    const spy = vi.spyOn(client, "send").mockResolvedValue({ ...TASK, $metadata: { attempts: 1, totalRetryDelay: 0 } } as never);
    const out = await client.send(new GetRevenueAttributionAllocationsTaskCommand(TASK_INPUT));
    expect(out.TaskId).toBe(TASK.TaskId);
    expect(spy).toHaveBeenCalledTimes(1);
    expect(server.requests).toHaveLength(0);
  });
});
