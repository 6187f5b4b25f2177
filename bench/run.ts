/**
 * `npm run bench`: this package against the official client
 * `@aws-sdk/client-partnercentral-revenue-measurement`, in one run, against the
 * same local CBOR server (bench/server.ts).
 *
 * 1. Bundles the one-command handlers in bench/handlers/ with esbuild (CommonJS,
 *    minified, platform node: what AWS CDK's NodejsFunction produces) into
 *    bench/.out/ and records their bytes. Each client's handler is written twice:
 *    with `import` (ours.ts, official.ts) and with `require()` (ours.cjs, official.cjs).
 * 2. Cold start, on each Node of BENCH_NODES (Node 20 and 24; the binaries come
 *    from scripts/node-binary.sh): each bundle starts in a fresh `node` process
 *    (bench/launch.cjs) that sends one request with environment credentials and
 *    exits. Ours and the official client run back to back in alternating order,
 *    ROUNDS times each. Wall time is spawn to exit, measured here; peak RSS is the
 *    child's own `process.resourceUsage().maxRSS`.
 *    "The limit": a bare `node` sending one `node:http` request to the same server
 *    (no SDK), started the same way; nothing that sends a request can start faster.
 *    "The limit, signed": the same request signed with SigV4 by this package's
 *    signer on node:crypto (bench/handlers/signed-limit.ts): a floor for any
 *    client that signs with node:crypto, as both clients here do.
 * 3. Warm throughput, on each Node: one process per client and round,
 *    WARM_REQUESTS sequential requests after WARM_UP untimed ones; requests per
 *    second and CPU time (user + system) per request. Alternating, WARM_ROUNDS
 *    times each, beside the limit and the signed limit (repeated).
 * 4. Validation: a valid 250-item batch through `validateRevenueShareAllocations`
 *    and through the Start command's full input check, median of many runs.
 *
 * Every figure is a median over the rounds; ratios are ours / official, both
 * measured in this run. An empty handler (no SDK, same launcher) is started
 * alongside: the part of the cold start that is Node itself.
 *
 * Environment knobs: BENCH_NODES (20,24), BENCH_ROUNDS (21), BENCH_WARM_ROUNDS (9),
 * BENCH_WARM_REQUESTS (2000), BENCH_ONLY (`warm`: skip the cold starts and validation),
 * BENCH_BASELINE (the path of another checkout of this package with `dist` built: its `import` handler is
 * measured as a third client, in the same alternation, and reported as ratios to the official client and to
 * ours, for A/B comparisons in one run).
 */
import { execFileSync, spawn } from "node:child_process";
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

const NODES = (process.env.BENCH_NODES ?? "20,24").split(",").map((v) => v.trim());
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 21);
const WARM_ROUNDS = Number(process.env.BENCH_WARM_ROUNDS ?? 9);
const WARM_REQUESTS = Number(process.env.BENCH_WARM_REQUESTS ?? 2000);
const WARM_UP = 200;
const WARM_ONLY = process.env.BENCH_ONLY === "warm";
/** Another checkout of this package (its `dist` built), measured beside ours for an A/B in one run. */
const BASELINE = process.env.BENCH_BASELINE;

/** Cold start goals (ours / official), by Node major version (DESIGN.md). */
const COLD_GOAL: Record<string, number> = { "20": 0.55, "24": 0.45 };
const RSS_GOAL = 0.85;
const BUNDLE_GOAL_BYTES = 100 * 1024;
const WARM_RPS_GOAL = 2.2;
const WARM_CPU_GOAL = 0.35;

type Client = "ours" | "official";
type Style = "import" | "require";
/**
 * How the handler is bundled: "import"/"require" (everything in the one file,
 * handler written with `import` or with `require()`; the measurements the goals
 * apply to), or, for information and on the first Node only, the `import`
 * handler with `--external:@aws-sdk/*` ("sdk-external", the default of AWS CDK's
 * NodejsFunction, which leaves the SDK to the Lambda runtime's copy; here Node
 * finds it in node_modules) or with `--main-fields=module,main` ("module-first",
 * which lets esbuild tree-shake the SDK's ES modules).
 */
type Variant = Style | "sdk-external" | "module-first";
type Bundle = `${Client}:${Variant}`;
/**
 * What a cold-start process runs: a bundle, or a handler without SDK ("empty": nothing; "limit": one node:http
 * POST; "signed": the same POST signed by this package's signer; "fetch": one fetch POST).
 */
type Run = Bundle | "empty" | "limit" | "signed" | "fetch" | "baseline";

const BUNDLES: readonly Bundle[] = ["ours", "official"].flatMap((c) =>
  (["import", "require", "sdk-external", "module-first"] as const).map((v): Bundle => `${c as Client}:${v}`),
);

/** The baseline's `import` handler: bench/handlers/ours.ts with the package taken from BENCH_BASELINE's `dist`. */
async function bundleBaseline(checkout: string): Promise<string> {
  const file = join(outDir, "baseline-import.cjs");
  const entry = join(checkout, "dist", "index.js");
  await esbuild.build({
    entryPoints: [join(here, "handlers", "ours.ts")],
    outfile: file,
    ...MEASURED_BUNDLE,
    logLevel: "warning",
    plugins: [
      {
        name: "baseline-package",
        setup(build) {
          build.onResolve({ filter: /^partnercentral-revenue-measurement$/ }, () => ({ path: entry }));
        },
      },
    ],
  });
  return file;
}

async function bundle(name: Bundle): Promise<{ file: string; bytes: number; gzipBytes: number }> {
  const [client, variant] = name.split(":") as [Client, Variant];
  const file = join(outDir, `${client}-${variant}.cjs`);
  await esbuild.build({
    entryPoints: [join(here, "handlers", `${client}.${variant === "require" ? "cjs" : "ts"}`)],
    outfile: file,
    ...MEASURED_BUNDLE,
    logLevel: "warning",
    external: variant === "sdk-external" ? ["@aws-sdk/*"] : [],
    ...(variant === "module-first" ? { mainFields: ["module", "main"] } : {}),
  });
  const code = readFileSync(file);
  return { file, bytes: code.length, gzipBytes: gzipSync(code).length };
}

/** The `node` binary of a major version: this one when it matches, else a pinned one from the registry (cached). */
function nodeBinary(major: string): string {
  if (process.versions.node.split(".")[0] === major) return process.execPath;
  return execFileSync("bash", [join(here, "..", "scripts", "node-binary.sh"), major], { encoding: "utf8" }).trim();
}

interface ChildResult {
  wallMs: number;
  out: Record<string, unknown>;
}

function runChild(node: string, file: string, args: string[], env: NodeJS.ProcessEnv): Promise<ChildResult> {
  return new Promise((resolve, reject) => {
    const t0 = process.hrtime.bigint();
    let exitedAt = 0n;
    const child = spawn(node, [launcher, file, ...args], { env, stdio: ["ignore", "pipe", "pipe"] });
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

/** The signed limit (bench/handlers/signed-limit.ts), bundled as the handlers are. */
async function bundleSignedLimit(): Promise<string> {
  const file = join(outDir, "signed-limit.cjs");
  await esbuild.build({ entryPoints: [join(here, "handlers", "signed-limit.ts")], outfile: file, ...MEASURED_BUNDLE, logLevel: "warning" });
  return file;
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

/** Handlers without SDK, written into bench/.out/: Node alone, and one bare POST through node:http (the limit) or fetch. */
function writeRawHandlers(): Record<"empty" | "limit" | "fetch", string> {
  const url = `process.env.BENCH_ENDPOINT + "/service/PartnerCentralRevenueMeasurement/operation/CreateMarketplaceRevenueShareAllocation"`;
  const files = { empty: join(outDir, "raw-empty.cjs"), limit: join(outDir, "raw-node-http.cjs"), fetch: join(outDir, "raw-fetch.cjs") };
  writeFileSync(files.empty, `exports.handler = async () => ${JSON.stringify(ALLOCATION_ID)};\n`);
  writeFileSync(
    files.limit,
    `const http = require("node:http");
exports.handler = () => new Promise((resolve, reject) => {
  const req = http.request(${url}, { method: "POST", headers: { "content-type": "application/cbor", "content-length": "1" } }, (res) => {
    res.on("data", () => {});
    res.on("end", () => resolve(${JSON.stringify(ALLOCATION_ID)}));
  });
  req.on("error", reject);
  req.end(Buffer.from([0xa0]));
});
`,
  );
  writeFileSync(
    files.fetch,
    `exports.handler = async () => {
  const res = await fetch(${url}, { method: "POST", headers: { "content-type": "application/cbor" }, body: new Uint8Array([0xa0]) });
  await res.arrayBuffer();
  return ${JSON.stringify(ALLOCATION_ID)};
};
`,
  );
  return files;
}

function machine(): string {
  const model = cpus()[0]?.model?.trim() ?? "unknown CPU";
  return `${cpus().length} × ${model}, ${process.platform} ${process.arch}`;
}

function fmt(n: number, digits = 1): string {
  return n.toLocaleString("en-US", { maximumFractionDigits: digits, minimumFractionDigits: digits });
}

type Row = [metric: string, ours: string, official: string, ratio: string, goal: string, met: string];

function renderTable(rows: Row[]): string {
  const header: Row = ["metric", "ours", "official", "ratio", "goal", "met"];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (r: Row) => "| " + r.map((cell, i) => (i === 0 ? cell.padEnd(widths[i]!) : cell.padStart(widths[i]!))).join(" | ") + " |";
  const rule = "|" + widths.map((w, i) => (i === 0 ? "-".repeat(w + 2) : "-".repeat(w + 1) + ":")).join("|") + "|";
  return [line(header), rule, ...rows.map(line)].join("\n");
}

interface ColdSamples {
  wallMs: number[];
  rssKb: number[];
  cpuMs: number[];
  loadMs: number[];
  firstMs: number[];
}

async function main(): Promise<void> {
  mkdirSync(outDir, { recursive: true });
  const bundles = {} as Record<Bundle, { file: string; bytes: number; gzipBytes: number }>;
  for (const b of BUNDLES) bundles[b] = await bundle(b);
  const files = { ...Object.fromEntries(BUNDLES.map((b) => [b, bundles[b].file])), ...writeRawHandlers(), signed: await bundleSignedLimit() } as Record<Run, string>;
  if (BASELINE) files.baseline = await bundleBaseline(BASELINE);
  const nodes = Object.fromEntries(NODES.map((major) => [major, nodeBinary(major)]));
  const versions = Object.fromEntries(
    NODES.map((major) => [major, execFileSync(nodes[major]!, ["--version"], { encoding: "utf8" }).trim()]),
  );

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
    /** The runs of one round on one Node, ours and the official client back to back in alternating order. */
    const roundOf = (major: string, i: number): Run[] => {
      const pair = (a: Run, b: Run): Run[] => (i % 2 === 0 ? [a, b] : [b, a]);
      const info = major === NODES[0] ? [...pair("ours:sdk-external", "official:sdk-external"), ...pair("ours:module-first", "official:module-first"), "fetch" as const] : [];
      // The baseline (BENCH_BASELINE) between ours and the official client.
      const imports: Run[] = BASELINE
        ? i % 2 === 0 ? ["ours:import", "baseline", "official:import"] : ["official:import", "baseline", "ours:import"]
        : pair("ours:import", "official:import");
      return [...imports, ...pair("ours:require", "official:require"), ...pair("limit", "signed"), "empty", ...info];
    };
    const key = (major: string, r: Run) => `${major}/${r}`;
    const cold: Record<string, ColdSamples> = {};
    // One untimed run each: checks every handler works and warms the OS file cache.
    for (const major of WARM_ONLY ? [] : NODES) {
      for (const r of roundOf(major, 0)) {
        await runChild(nodes[major]!, files[r], ["cold"], env);
        cold[key(major, r)] = { wallMs: [], rssKb: [], cpuMs: [], loadMs: [], firstMs: [] };
      }
    }
    for (let i = 0; i < (WARM_ONLY ? 0 : ROUNDS); i++) {
      for (const major of NODES) {
        for (const r of roundOf(major, i)) {
          const { wallMs, out } = await runChild(nodes[major]!, files[r], ["cold"], env);
          const s = cold[key(major, r)]!;
          s.wallMs.push(wallMs);
          s.rssKb.push(out.maxRssKb as number);
          s.cpuMs.push(out.cpuMs as number);
          s.loadMs.push(out.loadMs as number);
          s.firstMs.push(out.firstRequestMs as number);
        }
      }
    }

    // Warm, the same way: the two clients, the limit (bare node:http requests on a keep-alive connection) and the signed limit.
    const warm: Record<string, { rps: number[]; cpuUs: number[] }> = {};
    for (const major of NODES) {
      for (let i = 0; i < WARM_ROUNDS; i++) {
        const order: Array<Client | "limit" | "signed" | "baseline"> = ["ours", ...(BASELINE ? (["baseline"] as const) : []), "official", "limit", "signed"];
        for (const c of i % 2 === 0 ? order : order.reverse()) {
          const file = c === "limit" || c === "signed" || c === "baseline" ? files[c] : files[`${c}:import`];
          const { out } = await runChild(nodes[major]!, file, ["warm", String(WARM_REQUESTS), String(WARM_UP)], env);
          const w = (warm[`${major}/${c}`] ??= { rps: [], cpuUs: [] });
          w.rps.push(out.reqPerSec as number);
          w.cpuUs.push(out.cpuUsPerReq as number);
        }
      }
    }

    const validation = WARM_ONLY ? { listMs: NaN, startInputMs: NaN } : await timeValidationInChild();

    const med = (major: string, r: Run) => {
      const s = cold[key(major, r)]!;
      return {
        wallMs: median(s.wallMs),
        rssMb: median(s.rssKb) / 1024,
        cpuMs: median(s.cpuMs),
        loadMs: median(s.loadMs),
        firstMs: median(s.firstMs),
      };
    };
    const yes = (ok: boolean) => (ok ? "yes" : "NO");
    const ratio = (a: number, b: number) => fmt(a / b, 2);
    const bytes = (n: number) => n.toLocaleString("en-US");
    const atMost = (a: number, b: number, goal: number): Row => ["", "", "", ratio(a, b), `≤ ${fmt(goal, 2)}`, yes(a <= goal * b)];
    const row = (metric: string, a: number, b: number, digits = 1, goal?: Row): Row => [
      metric,
      fmt(a, digits),
      fmt(b, digits),
      ratio(a, b),
      goal?.[4] ?? "",
      goal?.[5] ?? "",
    ];

    const perNode = NODES.map((major) => {
      const goal = COLD_GOAL[major];
      const rows: Row[] = [];
      for (const style of WARM_ONLY ? [] : (["import", "require"] as const)) {
        const o = med(major, `ours:${style}`);
        const a = med(major, `official:${style}`);
        rows.push(row(`cold start, handler with ${style} (ms)`, o.wallMs, a.wallMs, 1, goal ? atMost(o.wallMs, a.wallMs, goal) : undefined));
        rows.push(row(`  peak RSS (MB)`, o.rssMb, a.rssMb, 1, atMost(o.rssMb, a.rssMb, RSS_GOAL)));
        rows.push(row(`  CPU time (ms)`, o.cpuMs, a.cpuMs));
        rows.push(row(`  in process: load the bundle (ms)`, o.loadMs, a.loadMs));
        rows.push(row(`  in process: first request (ms)`, o.firstMs, a.firstMs));
      }
      if (!WARM_ONLY) {
        const official = med(major, "official:import");
        const limit = med(major, "limit");
        const empty = med(major, "empty");
        const signed = med(major, "signed");
        if (BASELINE) {
          const base = med(major, "baseline");
          rows.push(["baseline: cold start, handler with import (ms)", fmt(base.wallMs), fmt(official.wallMs), ratio(base.wallMs, official.wallMs), "", ""]);
          rows.push(["  ours / baseline", fmt(med(major, "ours:import").wallMs), fmt(base.wallMs), ratio(med(major, "ours:import").wallMs, base.wallMs), "", ""]);
        }
        rows.push(["the limit: bare node + one node:http request (ms)", fmt(limit.wallMs), fmt(official.wallMs), ratio(limit.wallMs, official.wallMs), "", ""]);
        rows.push(["  the limit, signed: + SigV4 on node:crypto (ms)", fmt(signed.wallMs), fmt(official.wallMs), ratio(signed.wallMs, official.wallMs), "", ""]);
        rows.push(["  Node alone: empty handler (ms)", fmt(empty.wallMs), fmt(official.wallMs), ratio(empty.wallMs, official.wallMs), "", ""]);
      }
      const wo = warm[`${major}/ours`]!;
      const wa = warm[`${major}/official`]!;
      const [rpsO, rpsA, cpuO, cpuA] = [median(wo.rps), median(wa.rps), median(wo.cpuUs), median(wa.cpuUs)];
      rows.push(["warm requests per second", fmt(rpsO, 0), fmt(rpsA, 0), ratio(rpsO, rpsA), `≥ ${fmt(WARM_RPS_GOAL, 2)}`, yes(rpsO >= WARM_RPS_GOAL * rpsA)]);
      rows.push(row("warm CPU time per request (µs)", cpuO, cpuA, 0, atMost(cpuO, cpuA, WARM_CPU_GOAL)));
      if (BASELINE) {
        const wb = warm[`${major}/baseline`]!;
        const cpuB = median(wb.cpuUs);
        rows.push(["  baseline: CPU per request (µs)", fmt(cpuB, 0), fmt(cpuA, 0), ratio(cpuB, cpuA), "", ""]);
        rows.push(["  ours / baseline: CPU per request", fmt(cpuO, 0), fmt(cpuB, 0), ratio(cpuO, cpuB), "", ""]);
        // Each round runs ours and the baseline back to back: the median of their per-round ratios cancels most of
        // what other load on the machine does to both.
        const paired = median(wo.cpuUs.map((o, i) => o / wb.cpuUs[i]!));
        rows.push(["  ours / baseline: median of per-round ratios", "", "", fmt(paired, 3), "", ""]);
      }
      const wl = warm[`${major}/limit`]!;
      rows.push(["  the limit: bare node:http, requests per second", fmt(median(wl.rps), 0), fmt(rpsA, 0), ratio(median(wl.rps), rpsA), "", ""]);
      rows.push(["  the limit: bare node:http, CPU per request (µs)", fmt(median(wl.cpuUs), 0), fmt(cpuA, 0), ratio(median(wl.cpuUs), cpuA), "", ""]);
      const ws = warm[`${major}/signed`]!;
      rows.push(["  the limit, signed: requests per second", fmt(median(ws.rps), 0), fmt(rpsA, 0), ratio(median(ws.rps), rpsA), "", ""]);
      rows.push(["  the limit, signed: CPU per request (µs)", fmt(median(ws.cpuUs), 0), fmt(cpuA, 0), ratio(median(ws.cpuUs), cpuA), "", ""]);
      return { major, version: versions[major]!, rows };
    });

    const bundleRows: Row[] = (["import", "require"] as const).flatMap((style): Row[] => {
      const o = bundles[`ours:${style}`];
      const a = bundles[`official:${style}`];
      return [
        [`handler with ${style}: bytes, minified`, bytes(o.bytes), bytes(a.bytes), ratio(o.bytes, a.bytes), "≤ 100 KiB", yes(o.bytes <= BUNDLE_GOAL_BYTES)],
        [`handler with ${style}: bytes, gzip`, bytes(o.gzipBytes), bytes(a.gzipBytes), ratio(o.gzipBytes, a.gzipBytes), "", ""],
      ];
    });
    const first = NODES[0]!;
    const variantRows = (v: "sdk-external" | "module-first"): Row[] => {
      const o = med(first, `ours:${v}`);
      const a = med(first, `official:${v}`);
      return [
        row("cold start (ms)", o.wallMs, a.wallMs),
        row("peak RSS (MB)", o.rssMb, a.rssMb),
        ["bundle (bytes, minified)", bytes(bundles[`ours:${v}`].bytes), bytes(bundles[`official:${v}`].bytes), ratio(bundles[`ours:${v}`].bytes, bundles[`official:${v}`].bytes), "", ""],
      ];
    };

    console.log(`\nMachine: ${machine()}; Node ${NODES.map((m) => versions[m]).join(", ")}`);
    console.log(
      `Cold start: ${WARM_ONLY ? "skipped (BENCH_ONLY=warm)" : ROUNDS + " rounds"} of fresh processes per Node, ours and the official client back to back in alternating order; ` +
        `warm: ${WARM_ROUNDS} processes per client × ${WARM_REQUESTS} sequential requests (after ${WARM_UP} untimed). ` +
        `Medians; ratio = ours / official, both measured in this run. Handlers bundled whole with esbuild (CommonJS, minified).`,
    );
    for (const { version, rows } of perNode) {
      console.log(`\nNode ${version}:\n`);
      console.log(renderTable(rows));
    }
    console.log("\nBundles (the same on every Node):\n");
    console.log(renderTable(bundleRows));
    if (!WARM_ONLY) {
      const limit = med(first, "limit");
      const rawFetch = med(first, "fetch");
      console.log(`\nValidation, Node ${process.version}: a 250-item batch ${fmt(validation.listMs, 3)} ms (validateRevenueShareAllocations), ` +
        `the Start command's input check ${fmt(validation.startInputMs, 3)} ms (goal < 1 ms: ${yes(Math.max(validation.listMs, validation.startInputMs) < 1)}).`);
      console.log(`\nFor information, Node ${versions[first]}, the import handler bundled with --external:@aws-sdk/* (AWS CDK NodejsFunction's default; the SDK comes from the runtime):\n`);
      console.log(renderTable(variantRows("sdk-external")));
      console.log(`\nFor information, Node ${versions[first]}, the import handler bundled with --main-fields=module,main (ES modules first, so the SDK tree-shakes):\n`);
      console.log(renderTable(variantRows("module-first")));
      console.log(
        `\nTransport, no SDK, Node ${versions[first]}: a fresh process sending one POST takes ${fmt(limit.wallMs)} ms with node:http and ` +
          `${fmt(rawFetch.wallMs)} ms with fetch (undici): +${fmt(rawFetch.wallMs - limit.wallMs)} ms; ` +
          `first request in process ${fmt(limit.firstMs)} vs ${fmt(rawFetch.firstMs)} ms.`,
      );
    }
    const results = { date: new Date().toISOString(), machine: machine(), versions, rounds: ROUNDS, warmRounds: WARM_ROUNDS, warmRequests: WARM_REQUESTS, bundles, validation, cold, warm };
    writeFileSync(join(outDir, "results.json"), JSON.stringify(results, null, 2));
    console.log(`\nRaw samples: ${join("bench", ".out", "results.json")}`);
  } finally {
    await server.close();
    rmSync(home, { recursive: true, force: true });
  }
}

await main();
