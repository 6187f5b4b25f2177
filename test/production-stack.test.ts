/**
 * The tracers partners run in production, for real, around real calls of this
 * client and of the official one, side by side in the same process: the
 * OpenTelemetry HTTP instrumentation (as the ADOT layer and
 * auto-instrumentations-node set it up), Datadog's dd-trace with its default
 * plugins, and X-Ray's captureHTTPsGlobal. Each runs in a child process set up
 * before any application module loads (`--require` / `--import`), with the
 * package built by the project's tsup configuration and resolved by name, in
 * both module systems.
 */
import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { cpSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { join, resolve } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startEmulator, type Emulator } from "../src/testing/index.js";
import { cborResponse, startCaptureServer, type CaptureServer } from "./helpers/capture-server.js";

const root = resolve(import.meta.dirname, "..");
const scratch = join(root, "node_modules", ".cache", "pcrm-production-stack");
const packageDir = join(scratch, "node_modules", "partnercentral-revenue-measurement");
const nodeMajor = Number(process.versions.node.split(".")[0]);

let emulator: Emulator;
let capture: CaptureServer;
let fakeAgent: Server;
let fakeAgentUrl: string;

beforeAll(async () => {
  const { build: tsup } = await import("tsup");
  const { packageBuild } = await import("../tsup.config.js");
  rmSync(scratch, { recursive: true, force: true });
  await tsup({ ...packageBuild(join(packageDir, "dist")), dts: false, silent: true });
  cpSync(join(root, "package.json"), join(packageDir, "package.json"));
  writeFileSync(join(scratch, "package.json"), JSON.stringify({ name: "pcrm-production-stack-test", private: true }));
  for (const file of readdirSync(join(root, "test", "production-stack"))) {
    cpSync(join(root, "test", "production-stack", file), join(scratch, file));
  }
  // The bundled handler (esbuild, one file, as CDK's NodejsFunction builds it).
  const esbuild = await import("esbuild");
  await esbuild.build({
    entryPoints: [join(scratch, "bundled-source.cjs")],
    outfile: join(scratch, "bundled.cjs"),
    bundle: true,
    platform: "node",
    format: "cjs",
    target: "node20",
    logLevel: "silent",
  });
  emulator = await startEmulator();
  capture = await startCaptureServer();
  capture.fallback = () => cborResponse({ RevenueAttributionSummaries: [] }, 200, { "x-amzn-requestid": "rid-capture" });
  // A Datadog agent that takes whatever the tracer sends.
  fakeAgent = createServer((req, res) => {
    req.resume();
    req.on("end", () => res.writeHead(200, { "content-type": "application/json" }).end("{}"));
  });
  await new Promise<void>((done) => fakeAgent.listen(0, "127.0.0.1", done));
  fakeAgentUrl = `http://127.0.0.1:${(fakeAgent.address() as AddressInfo).port}`;
}, 180_000);

afterAll(async () => {
  await emulator?.close();
  await capture?.close();
  fakeAgent?.close();
  rmSync(scratch, { recursive: true, force: true });
});

interface Outcome {
  ok: boolean;
  status?: number;
  error?: string;
}
interface SpanRecord {
  name: string;
  kind: number;
  attributes: Record<string, unknown>;
  status: { code: number };
  events: string[];
  traceId: string;
  spanId: string;
  parentSpanId?: string;
}
interface RunResult {
  official: Outcome;
  ours: Outcome;
  spans?: SpanRecord[];
}

/**
 * Runs run.cjs or run.mjs with the given preload flags; both clients call `endpoint`. Asynchronous: the emulator
 * answers from this process.
 */
async function runChild(
  module: "cjs" | "esm" | "bundled",
  preload: string[],
  endpoint: string,
  env: Record<string, string> = {},
): Promise<RunResult> {
  const script = { cjs: "run.cjs", esm: "run.mjs", bundled: "bundled.cjs" }[module];
  const { stdout } = await promisify(execFile)(process.execPath, [...preload, script], {
    cwd: scratch,
    encoding: "utf8",
    timeout: 60_000,
    env: {
      ...process.env,
      TEST_ENDPOINT: endpoint,
      TEST_ACCESS_KEY_ID: emulator.credentials.accessKeyId,
      TEST_SECRET_ACCESS_KEY: emulator.credentials.secretAccessKey,
      AWS_REGION: "us-east-1",
      NODE_NO_WARNINGS: "1",
      ...env,
    },
  });
  return JSON.parse(stdout) as RunResult;
}

const modules = ["cjs", "esm"] as const;

describe("OpenTelemetry HTTP instrumentation", () => {
  it.each(modules)("%s: both clients' calls succeed, each with a CLIENT HTTP span", async (module) => {
    const preload = module === "cjs" ? ["--require", "./otel-http.cjs"] : ["--import", "./otel-http.mjs"];
    const result = await runChild(module, preload, emulator.endpoint);
    expect(result.official).toEqual({ ok: true, status: 200 });
    expect(result.ours).toEqual({ ok: true, status: 200 });
    const httpSpans = (result.spans ?? []).filter((s) => s.kind === 2 && s.name === "POST");
    expect(httpSpans).toHaveLength(2); // one per client
  });
});

describe("dd-trace (Datadog) with its default plugins", () => {
  const ddPackage = nodeMajor >= 22 ? "dd-trace6" : "dd-trace";
  it.each(modules)(`%s: both clients' calls succeed (${ddPackage})`, async (module) => {
    const preload =
      module === "cjs" ? ["--require", "./datadog.cjs"] : ["--import", `${ddPackage}/initialize.mjs`];
    const result = await runChild(module, preload, emulator.endpoint, {
      DD_TRACER_PACKAGE: ddPackage,
      DD_TRACE_AGENT_URL: fakeAgentUrl,
      DD_INSTRUMENTATION_TELEMETRY_ENABLED: "false",
      DD_REMOTE_CONFIGURATION_ENABLED: "false",
      DD_TRACE_STARTUP_LOGS: "false",
    });
    expect(result.official).toEqual({ ok: true, status: 200 });
    expect(result.ours).toEqual({ ok: true, status: 200 });
  });
});

describe("X-Ray captureHTTPsGlobal(http)", () => {
  it.each(modules)("%s: X-Amzn-Trace-Id reaches the server from both clients", async (module) => {
    capture.requests.length = 0;
    const result = await runChild(module, ["--require", "./xray.cjs"], capture.endpoint);
    expect(result.official.ok).toBe(true);
    expect(result.ours.ok).toBe(true);
    expect(capture.requests).toHaveLength(2);
    for (const request of capture.requests) {
      expect(request.headers["x-amzn-trace-id"]).toMatch(/^Root=1-[0-9a-f]{8}-[0-9a-f]{24};Parent=[0-9a-f]{16};Sampled=/);
      expect(request.headers["smithy-protocol"]).toBe("rpc-v2-cbor");
    }
  });
});

const OPERATION_SPAN = "PartnerCentralRevenueMeasurement.ListRevenueAttributions";

/** The spans of one client's call: its operation span and the HTTP spans under it. */
function callSpans(spans: SpanRecord[], name: string): { operation: SpanRecord[]; http: SpanRecord[] } {
  const operation = spans.filter((s) => s.name === name);
  const ids = new Set(operation.map((s) => s.spanId));
  return { operation, http: spans.filter((s) => s.kind === 2 && s.parentSpanId !== undefined && ids.has(s.parentSpanId) && s.name !== name) };
}

describe("OpenTelemetry spans of calls (instrumentation-aws-sdk and instrumentation-http registered)", () => {
  it.each(modules)("%s: one CLIENT span per call with the official attributes, the HTTP span nested under it, never twice", async (module) => {
    const preload = module === "cjs" ? ["--require", "./otel-aws.cjs"] : ["--import", "./otel-aws.mjs"];
    const result = await runChild(module, preload, emulator.endpoint);
    expect(result.official.ok && result.ours.ok).toBe(true);
    const spans = result.spans ?? [];
    // The official client's span comes from instrumentation-aws-sdk, ours from the client itself: one each.
    const operationSpans = spans.filter((s) => s.name === OPERATION_SPAN);
    expect(operationSpans).toHaveLength(2);
    const [official, ours] = operationSpans.sort((a, b) => (a.attributes["aws.request.id"] as string).localeCompare(b.attributes["aws.request.id"] as string));
    for (const span of [official!, ours!]) {
      expect(span.kind).toBe(2); // CLIENT
      expect(span.attributes).toMatchObject({
        "rpc.system": "aws-api",
        "rpc.service": "PartnerCentralRevenueMeasurement",
        "rpc.method": "ListRevenueAttributions",
        "cloud.region": "us-east-1",
        "http.response.status_code": 200,
      });
      expect(span.attributes["aws.request.id"]).toEqual(expect.any(String));
      // Each call's HTTP span is a child of its operation span.
      expect(spans.filter((s) => s.name === "POST" && s.parentSpanId === span.spanId)).toHaveLength(1);
    }
    expect(Object.keys(ours!.attributes).sort()).toEqual(expect.arrayContaining(Object.keys(official!.attributes).sort()));
  });

  it("a failed call: ERROR status and the exception recorded, as the official client's span has them", async () => {
    const result = await runChild("cjs", ["--require", "./otel-aws.cjs"], emulator.endpoint, { TEST_CALL: "notfound" });
    expect(result.official.ok || result.ours.ok).toBe(false);
    const spans = (result.spans ?? []).filter((s) => s.name === "PartnerCentralRevenueMeasurement.GetRevenueAttribution");
    expect(spans).toHaveLength(2);
    for (const span of spans) {
      expect(span.status.code).toBe(2); // ERROR
      expect(span.events).toContain("exception");
      expect(span.attributes["http.response.status_code"]).toBe(404);
    }
  });

  it("retries are events on the call's span, each attempt an HTTP span under it", async () => {
    capture.requests.length = 0;
    capture.queue.push(
      cborResponse({ RevenueAttributionSummaries: [] }, 200, { "x-amzn-requestid": "rid-official" }), // the official client's call
      { status: 500, headers: { "content-type": "application/cbor", "smithy-protocol": "rpc-v2-cbor" }, body: { __type: "InternalServerException", Message: "try again" } },
    );
    const result = await runChild("cjs", ["--require", "./otel-http.cjs"], capture.endpoint);
    expect(result.ours).toEqual({ ok: true, status: 200 });
    const { operation, http } = callSpans(result.spans ?? [], OPERATION_SPAN);
    expect(operation).toHaveLength(1); // ours: the official client has no span without instrumentation-aws-sdk
    expect(operation[0]!.events).toEqual(["retry"]);
    expect(http).toHaveLength(2);
  });

  it("bundled by esbuild: ours still gives its span (the official client gives none there)", async () => {
    const result = await runChild("bundled", ["--require", "./otel-aws.cjs"], emulator.endpoint);
    expect(result.official.ok && result.ours.ok).toBe(true);
    const operationSpans = (result.spans ?? []).filter((s) => s.name === OPERATION_SPAN);
    expect(operationSpans).toHaveLength(1);
    expect(operationSpans[0]!.attributes["rpc.system"]).toBe("aws-api");
  });

  it("bundled, with only a tracer provider registered (no instrumentation at all): ours gives its span", async () => {
    const result = await runChild("bundled", ["--require", "./otel-provider-only.cjs"], emulator.endpoint);
    expect(result.ours.ok).toBe(true);
    expect((result.spans ?? []).filter((s) => s.name === OPERATION_SPAN)).toHaveLength(1);
  });

  it("no tracer provider registered: no span, and the call works", async () => {
    const result = await runChild("cjs", [], emulator.endpoint);
    expect(result.ours).toEqual({ ok: true, status: 200 });
    expect(result.spans).toBeUndefined();
  });
});
