/**
 * `npm run bench`: this package against the official client
 * `@aws-sdk/client-partnercentral-revenue-measurement`, in one run, against the
 * same local CBOR server (bench/server.ts).
 *
 * 1. Bundles the one-command handlers in bench/handlers/ with esbuild (CommonJS,
 *    minified, platform node) into bench/.out/ and records their bytes.
 * 2. Cold start: starts each bundle in a fresh `node` process (bench/launch.cjs)
 *    that sends one request with environment credentials and exits; the two
 *    clients alternate, ROUNDS times each. Wall time is spawn to exit, measured
 *    here; peak RSS is the child's own `process.resourceUsage().maxRSS`.
 * 3. Warm throughput: one process per client and round, WARM_REQUESTS sequential
 *    requests after WARM_UP untimed ones; requests per second and CPU time
 *    (user + system) per request. Alternating, WARM_ROUNDS times each.
 * 4. Validation: a valid 250-item batch through `validateRevenueShareAllocations`
 *    and through the Start command's full input check, median of many runs.
 *
 * Every figure is a median over the rounds; ratios are ours / official.
 * A third, empty handler (no SDK, same launcher) is started alongside as the
 * baseline: the part of the cold start that is Node itself.
 *
 * Environment knobs: BENCH_ROUNDS (21), BENCH_WARM_ROUNDS (5), BENCH_WARM_REQUESTS (2000).
 */
import { spawn } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { cpus, tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";
import * as esbuild from "esbuild";
import { MEASURED_BUNDLE, median } from "./common.js";
import { ALLOCATION_ID, startBenchServer } from "./server.js";

const here = dirname(fileURLToPath(import.meta.url));
const outDir = join(here, ".out");
const launcher = join(here, "launch.cjs");

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 21);
const WARM_ROUNDS = Number(process.env.BENCH_WARM_ROUNDS ?? 5);
const WARM_REQUESTS = Number(process.env.BENCH_WARM_REQUESTS ?? 2000);
const WARM_UP = 200;

type Client = "ours" | "official";
const CLIENTS: readonly Client[] = ["ours", "official"];
/**
 * How the handler is bundled: "bundled" (everything in the one file; the
 * measurement the targets apply to) or "sdk-external" (`--external:@aws-sdk/*`,
 * the default of AWS CDK's NodejsFunction, which leaves the SDK to the Lambda
 * runtime's copy; here Node finds it in node_modules) or "module-first"
 * (`--main-fields=module,main`, which lets esbuild tree-shake the SDK's ES
 * modules).
 */
type Variant = "bundled" | "sdk-external" | "module-first";
type Run = `${Client}:${Variant}` | "baseline" | "raw:node-http" | "raw:fetch";

async function bundle(client: Client, variant: Variant): Promise<{ file: string; bytes: number; gzipBytes: number }> {
  const file = join(outDir, `${client}${variant === "bundled" ? "" : `-${variant}`}.cjs`);
  await esbuild.build({
    entryPoints: [join(here, "handlers", `${client}.ts`)],
    outfile: file,
    ...MEASURED_BUNDLE,
    logLevel: "warning",
    external: variant === "sdk-external" ? ["@aws-sdk/*"] : [],
    ...(variant === "module-first" ? { mainFields: ["module", "main"] } : {}),
  });
  const code = readFileSync(file);
  return { file, bytes: code.length, gzipBytes: gzipSync(code).length };
}

interface ChildResult {
  wallMs: number;
  out: Record<string, unknown>;
}

function runChild(file: string, args: string[], env: NodeJS.ProcessEnv): Promise<ChildResult> {
  return new Promise((resolve, reject) => {
    const t0 = process.hrtime.bigint();
    let exitedAt = 0n;
    const child = spawn(process.execPath, [launcher, file, ...args], { env, stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d: Buffer) => (stdout += d));
    child.stderr.on("data", (d: Buffer) => (stderr += d));
    child.on("exit", () => (exitedAt = process.hrtime.bigint()));
    child.on("error", reject);
    child.on("close", (code) => {
      if (code !== 0) {
        reject(new Error(`${file} ${args.join(" ")} exited with ${code}: ${stderr.trim()}`));
        return;
      }
      const out = JSON.parse(stdout.trim().split("\n").pop()!) as Record<string, unknown>;
      if (out.result !== ALLOCATION_ID) reject(new Error(`${file}: unexpected result ${String(out.result)}`));
      else resolve({ wallMs: Number(exitedAt - t0) / 1e6, out });
    });
  });
}

/** Runs bench/validation.ts bundled, in a fresh `node` process (no TypeScript loader in the way). */
async function timeValidationInChild(): Promise<{ listMs: number; startInputMs: number }> {
  const file = join(outDir, "validation.cjs");
  await esbuild.build({
    stdin: {
      contents: `import { timeValidation } from "./validation.ts";
        timeValidation().then((r) => process.stdout.write(JSON.stringify(r)));`,
      resolveDir: here,
      loader: "ts",
    },
    outfile: file,
    bundle: true,
    format: "cjs",
    platform: "node",
    target: "node20",
    logLevel: "warning",
  });
  const out = await new Promise<string>((resolve, reject) => {
    const child = spawn(process.execPath, [file], { stdio: ["ignore", "pipe", "inherit"] });
    let text = "";
    child.stdout.on("data", (d: Buffer) => (text += d));
    child.on("error", reject);
    child.on("close", (code) => (code === 0 ? resolve(text) : reject(new Error(`validation bench exited with ${code}`))));
  });
  return JSON.parse(out) as { listMs: number; startInputMs: number };
}

function machine(): string {
  const model = cpus()[0]?.model?.trim() ?? "unknown CPU";
  return `${cpus().length} × ${model}, Node ${process.version}, ${process.platform} ${process.arch}`;
}

function fmt(n: number, digits = 1): string {
  return n.toLocaleString("en-US", { maximumFractionDigits: digits, minimumFractionDigits: digits });
}

type Row = [metric: string, ours: string, official: string, ratio: string, target: string, met: string];

function renderTable(rows: Row[]): string {
  const header: Row = ["metric", "ours", "official", "ratio", "target", "met"];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (r: Row) => "| " + r.map((cell, i) => (i === 0 ? cell.padEnd(widths[i]!) : cell.padStart(widths[i]!))).join(" | ") + " |";
  const rule = "|" + widths.map((w, i) => (i === 0 ? "-".repeat(w + 2) : "-".repeat(w + 1) + ":")).join("|") + "|";
  return [line(header), rule, ...rows.map(line)].join("\n");
}

async function main(): Promise<void> {
  mkdirSync(outDir, { recursive: true });
  const bundles: Record<`${Client}:${Variant}`, { file: string; bytes: number; gzipBytes: number }> = {
    "ours:bundled": await bundle("ours", "bundled"),
    "official:bundled": await bundle("official", "bundled"),
    "ours:sdk-external": await bundle("ours", "sdk-external"),
    "official:sdk-external": await bundle("official", "sdk-external"),
    "ours:module-first": await bundle("ours", "module-first"),
    "official:module-first": await bundle("official", "module-first"),
  };
  const baselineFile = join(outDir, "empty.cjs");
  writeFileSync(baselineFile, `exports.handler = async () => ${JSON.stringify(ALLOCATION_ID)};\n`);
  // The transport choice (DESIGN.md): one bare POST, no SDK, through node:http or through Node's fetch (undici).
  const httpFile = join(outDir, "raw-node-http.cjs");
  writeFileSync(
    httpFile,
    `const http = require("node:http");
exports.handler = () => new Promise((resolve, reject) => {
  const req = http.request(process.env.BENCH_ENDPOINT + "/service/PartnerCentralRevenueMeasurement/operation/CreateMarketplaceRevenueShareAllocation",
    { method: "POST", headers: { "content-type": "application/cbor", "content-length": "1" } }, (res) => {
      res.on("data", () => {});
      res.on("end", () => resolve(${JSON.stringify(ALLOCATION_ID)}));
    });
  req.on("error", reject);
  req.end(Buffer.from([0xa0]));
});
`,
  );
  const fetchFile = join(outDir, "raw-fetch.cjs");
  writeFileSync(
    fetchFile,
    `exports.handler = async () => {
  const res = await fetch(process.env.BENCH_ENDPOINT + "/service/PartnerCentralRevenueMeasurement/operation/CreateMarketplaceRevenueShareAllocation",
    { method: "POST", headers: { "content-type": "application/cbor" }, body: new Uint8Array([0xa0]) });
  await res.arrayBuffer();
  return ${JSON.stringify(ALLOCATION_ID)};
};
`,
  );
  const files = {
    ...Object.fromEntries(Object.entries(bundles).map(([k, v]) => [k, v.file])),
    baseline: baselineFile,
    "raw:node-http": httpFile,
    "raw:fetch": fetchFile,
  } as Record<Run, string>;

  const server = await startBenchServer();
  // An empty HOME: neither client finds ~/.aws files (as in Lambda); keys, region and endpoint come from the environment.
  const home = mkdtempSync(join(tmpdir(), "pcrm-bench-home-"));
  const env: NodeJS.ProcessEnv = {
    PATH: process.env.PATH,
    HOME: home,
    AWS_REGION: "us-east-1",
    AWS_ACCESS_KEY_ID: "AKIDBENCHEXAMPLE",
    AWS_SECRET_ACCESS_KEY: "bench-secret-access-key",
    AWS_SESSION_TOKEN: "bench-session-token",
    BENCH_ENDPOINT: server.endpoint,
  };

  try {
    const runs = Object.keys(files) as Run[];
    // One untimed run each: checks every handler works and warms the OS file cache.
    for (const r of runs) await runChild(files[r], ["cold"], env);

    type ColdSamples = { wallMs: number[]; rssKb: number[]; cpuMs: number[]; loadMs: number[]; firstMs: number[] };
    const cold = Object.fromEntries(runs.map((r) => [r, { wallMs: [], rssKb: [], cpuMs: [], loadMs: [], firstMs: [] }])) as unknown as Record<Run, ColdSamples>;
    for (let i = 0; i < ROUNDS; i++) {
      // Ours and the official client back to back, in alternating order; the rest of the round after them.
      const pairs: Run[] = i % 2 === 0 ? ["ours:bundled", "official:bundled"] : ["official:bundled", "ours:bundled"];
      const rest: Run[] = (["sdk-external", "module-first"] as const).flatMap((v): Run[] =>
        i % 2 === 0 ? [`ours:${v}`, `official:${v}`] : [`official:${v}`, `ours:${v}`],
      );
      const raw: Run[] = i % 2 === 0 ? ["raw:node-http", "raw:fetch"] : ["raw:fetch", "raw:node-http"];
      for (const r of [...pairs, ...rest, "baseline" as const, ...raw]) {
        const { wallMs, out } = await runChild(files[r], ["cold"], env);
        cold[r].wallMs.push(wallMs);
        cold[r].rssKb.push(out.maxRssKb as number);
        cold[r].cpuMs.push(out.cpuMs as number);
        cold[r].loadMs.push(out.loadMs as number);
        cold[r].firstMs.push(out.firstRequestMs as number);
      }
    }

    const warm: Record<Client, { rps: number[]; cpuUs: number[] }> = { ours: { rps: [], cpuUs: [] }, official: { rps: [], cpuUs: [] } };
    for (let i = 0; i < WARM_ROUNDS; i++) {
      for (const c of i % 2 === 0 ? CLIENTS : [...CLIENTS].reverse()) {
        const { out } = await runChild(files[`${c}:bundled`], ["warm", String(WARM_REQUESTS), String(WARM_UP)], env);
        warm[c].rps.push(out.reqPerSec as number);
        warm[c].cpuUs.push(out.cpuUsPerReq as number);
      }
    }

    const validation = await timeValidationInChild();

    const coldMedians = (r: Run) => ({
      wallMs: median(cold[r].wallMs),
      rssMb: median(cold[r].rssKb) / 1024,
      cpuMs: median(cold[r].cpuMs),
      loadMs: median(cold[r].loadMs),
      firstMs: median(cold[r].firstMs),
    });
    const summary = (c: Client) => ({
      ...coldMedians(`${c}:bundled`),
      rps: median(warm[c].rps),
      cpuUs: median(warm[c].cpuUs),
      bytes: bundles[`${c}:bundled`].bytes,
      gzipBytes: bundles[`${c}:bundled`].gzipBytes,
      sdkExternal: { ...coldMedians(`${c}:sdk-external`), bytes: bundles[`${c}:sdk-external`].bytes },
      moduleFirst: { ...coldMedians(`${c}:module-first`), bytes: bundles[`${c}:module-first`].bytes },
    });
    const ours = summary("ours");
    const official = summary("official");
    const baseline = coldMedians("baseline");
    const rawHttp = coldMedians("raw:node-http");
    const rawFetch = coldMedians("raw:fetch");

    const yes = (ok: boolean) => (ok ? "yes" : "NO");
    const ratio = (a: number, b: number) => fmt(a / b, 2);
    const bytes = (n: number) => n.toLocaleString("en-US");
    const rows: Row[] = [
      ["cold start wall time (ms)", fmt(ours.wallMs), fmt(official.wallMs), ratio(ours.wallMs, official.wallMs), "≤ 0.70", yes(ours.wallMs <= 0.7 * official.wallMs)],
      ["cold start peak RSS (MB)", fmt(ours.rssMb), fmt(official.rssMb), ratio(ours.rssMb, official.rssMb), "≤ 1.00", yes(ours.rssMb <= official.rssMb)],
      ["cold start CPU time (ms)", fmt(ours.cpuMs), fmt(official.cpuMs), ratio(ours.cpuMs, official.cpuMs), "", ""],
      ["  Node alone: empty handler (ms)", fmt(baseline.wallMs), fmt(baseline.wallMs), "", "", ""],
      ["  wall time beyond Node alone (ms)", fmt(ours.wallMs - baseline.wallMs), fmt(official.wallMs - baseline.wallMs), ratio(ours.wallMs - baseline.wallMs, official.wallMs - baseline.wallMs), "", ""],
      ["  in process: load bundle (ms)", fmt(ours.loadMs), fmt(official.loadMs), ratio(ours.loadMs, official.loadMs), "", ""],
      ["  in process: first request (ms)", fmt(ours.firstMs), fmt(official.firstMs), ratio(ours.firstMs, official.firstMs), "", ""],
      ["warm requests per second", fmt(ours.rps, 0), fmt(official.rps, 0), ratio(ours.rps, official.rps), "≥ 1.50", yes(ours.rps >= 1.5 * official.rps)],
      ["warm CPU time per request (µs)", fmt(ours.cpuUs), fmt(official.cpuUs), ratio(ours.cpuUs, official.cpuUs), "", ""],
      ["handler bundle (bytes, minified)", bytes(ours.bytes), bytes(official.bytes), ratio(ours.bytes, official.bytes), "< 1.00", yes(ours.bytes < official.bytes)],
      ["handler bundle (bytes, gzip)", bytes(ours.gzipBytes), bytes(official.gzipBytes), ratio(ours.gzipBytes, official.gzipBytes), "", ""],
      ["validate 250 items (ms)", fmt(validation.listMs, 3), "n/a", "", "< 1", yes(validation.listMs < 1)],
      ["Start input check, 250 items (ms)", fmt(validation.startInputMs, 3), "n/a", "", "< 1", yes(validation.startInputMs < 1)],
    ];
    const variantRows = (pick: (c: typeof ours) => { wallMs: number; rssMb: number; bytes: number }): Row[] => [
      ["cold start wall time (ms)", fmt(pick(ours).wallMs), fmt(pick(official).wallMs), ratio(pick(ours).wallMs, pick(official).wallMs), "", ""],
      ["cold start peak RSS (MB)", fmt(pick(ours).rssMb), fmt(pick(official).rssMb), ratio(pick(ours).rssMb, pick(official).rssMb), "", ""],
      ["handler bundle (bytes, minified)", bytes(pick(ours).bytes), bytes(pick(official).bytes), ratio(pick(ours).bytes, pick(official).bytes), "", ""],
    ];

    console.log(`\nMachine: ${machine()}`);
    console.log(
      `Cold start: ${ROUNDS} rounds of fresh processes, ours and the official client back to back in alternating order; ` +
        `warm: ${WARM_ROUNDS} processes per client × ${WARM_REQUESTS} sequential requests (after ${WARM_UP} untimed). Medians; ratio = ours / official.\n`,
    );
    console.log("Handler bundled whole with esbuild (CommonJS, minified) — the targets apply here:\n");
    console.log(renderTable(rows));
    console.log("\nFor information, the same handler bundled with --external:@aws-sdk/* (AWS CDK NodejsFunction's default; the SDK comes from the runtime):\n");
    console.log(renderTable(variantRows((c) => c.sdkExternal)));
    console.log("\nFor information, the same handler bundled with --main-fields=module,main (ES modules first, so the SDK tree-shakes):\n");
    console.log(renderTable(variantRows((c) => c.moduleFirst)));
    console.log(
      `\nTransport, no SDK: a fresh process sending one POST takes ${fmt(rawHttp.wallMs)} ms with node:http and ` +
        `${fmt(rawFetch.wallMs)} ms with fetch (undici): +${fmt(rawFetch.wallMs - rawHttp.wallMs)} ms; ` +
        `first request in process ${fmt(rawHttp.firstMs)} vs ${fmt(rawFetch.firstMs)} ms; Node alone ${fmt(baseline.wallMs)} ms.`,
    );
    const results = { date: new Date().toISOString(), machine: machine(), rounds: ROUNDS, warmRounds: WARM_ROUNDS, warmRequests: WARM_REQUESTS, ours, official, baseline, rawHttp, rawFetch, validation, cold, warm };
    writeFileSync(join(outDir, "results.json"), JSON.stringify(results, null, 2));
    console.log(`\nRaw samples: ${join("bench", ".out", "results.json")}`);
  } finally {
    await server.close();
    rmSync(home, { recursive: true, force: true });
  }
}

await main();
