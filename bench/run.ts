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
 * Environment knobs: BENCH_ROUNDS (15), BENCH_WARM_ROUNDS (5), BENCH_WARM_REQUESTS (2000).
 */
import { spawn } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { cpus, tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";
import * as esbuild from "esbuild";
import { ALLOCATION_ID, startBenchServer } from "./server.js";
import { timeValidation } from "./validation.js";

const here = dirname(fileURLToPath(import.meta.url));
const outDir = join(here, ".out");
const launcher = join(here, "launch.cjs");

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 15);
const WARM_ROUNDS = Number(process.env.BENCH_WARM_ROUNDS ?? 5);
const WARM_REQUESTS = Number(process.env.BENCH_WARM_REQUESTS ?? 2000);
const WARM_UP = 200;

type Client = "ours" | "official";
const CLIENTS: readonly Client[] = ["ours", "official"];

/** Median of a non-empty list. */
export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

async function bundle(client: Client): Promise<{ file: string; bytes: number; gzipBytes: number }> {
  const file = join(outDir, `${client}.cjs`);
  await esbuild.build({
    entryPoints: [join(here, "handlers", `${client}.ts`)],
    outfile: file,
    bundle: true,
    format: "cjs",
    platform: "node",
    target: "node20",
    minify: true,
    legalComments: "none",
    logLevel: "warning",
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

function machine(): string {
  const model = cpus()[0]?.model?.trim() ?? "unknown CPU";
  return `${cpus().length} × ${model}, Node ${process.version}, ${process.platform} ${process.arch}`;
}

function fmt(n: number, digits = 1): string {
  return n.toLocaleString("en-US", { maximumFractionDigits: digits, minimumFractionDigits: digits });
}

async function main(): Promise<void> {
  mkdirSync(outDir, { recursive: true });
  const bundles = { ours: await bundle("ours"), official: await bundle("official") };

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
    // One untimed run each: checks both work and warms the OS file cache.
    for (const c of CLIENTS) await runChild(bundles[c].file, ["cold"], env);

    const cold: Record<Client, { wallMs: number[]; rssKb: number[]; loadMs: number[]; firstMs: number[] }> = {
      ours: { wallMs: [], rssKb: [], loadMs: [], firstMs: [] },
      official: { wallMs: [], rssKb: [], loadMs: [], firstMs: [] },
    };
    for (let i = 0; i < ROUNDS; i++) {
      const order = i % 2 === 0 ? CLIENTS : [...CLIENTS].reverse();
      for (const c of order) {
        const { wallMs, out } = await runChild(bundles[c].file, ["cold"], env);
        cold[c].wallMs.push(wallMs);
        cold[c].rssKb.push(out.maxRssKb as number);
        cold[c].loadMs.push(out.loadMs as number);
        cold[c].firstMs.push(out.firstRequestMs as number);
      }
    }

    const warm: Record<Client, { rps: number[]; cpuUs: number[] }> = {
      ours: { rps: [], cpuUs: [] },
      official: { rps: [], cpuUs: [] },
    };
    for (let i = 0; i < WARM_ROUNDS; i++) {
      const order = i % 2 === 0 ? CLIENTS : [...CLIENTS].reverse();
      for (const c of order) {
        const { out } = await runChild(bundles[c].file, ["warm", String(WARM_REQUESTS), String(WARM_UP)], env);
        warm[c].rps.push(out.reqPerSec as number);
        warm[c].cpuUs.push(out.cpuUsPerReq as number);
      }
    }

    const validation = await timeValidation();

    const m = (c: Client) => ({
      wallMs: median(cold[c].wallMs),
      rssMb: median(cold[c].rssKb) / 1024,
      loadMs: median(cold[c].loadMs),
      firstMs: median(cold[c].firstMs),
      rps: median(warm[c].rps),
      cpuUs: median(warm[c].cpuUs),
      bytes: bundles[c].bytes,
      gzipBytes: bundles[c].gzipBytes,
    });
    const ours = m("ours");
    const official = m("official");
    type Row = [metric: string, ours: string, official: string, ratio: string, target: string, met: string];
    const yes = (ok: boolean) => (ok ? "yes" : "NO");
    const ratio = (a: number, b: number) => a / b;
    const rows: Row[] = [
      ["cold start wall time (ms)", fmt(ours.wallMs), fmt(official.wallMs), fmt(ratio(ours.wallMs, official.wallMs), 2), "≤ 0.70", yes(ours.wallMs <= 0.7 * official.wallMs)],
      ["cold start peak RSS (MB)", fmt(ours.rssMb), fmt(official.rssMb), fmt(ratio(ours.rssMb, official.rssMb), 2), "≤ 1.00", yes(ours.rssMb <= official.rssMb)],
      ["  of which: load bundle (ms)", fmt(ours.loadMs), fmt(official.loadMs), fmt(ratio(ours.loadMs, official.loadMs), 2), "", ""],
      ["  of which: first request (ms)", fmt(ours.firstMs), fmt(official.firstMs), fmt(ratio(ours.firstMs, official.firstMs), 2), "", ""],
      ["warm requests per second", fmt(ours.rps, 0), fmt(official.rps, 0), fmt(ratio(ours.rps, official.rps), 2), "≥ 1.50", yes(ours.rps >= 1.5 * official.rps)],
      ["warm CPU time per request (µs)", fmt(ours.cpuUs), fmt(official.cpuUs), fmt(ratio(ours.cpuUs, official.cpuUs), 2), "", ""],
      ["handler bundle (bytes, minified)", ours.bytes.toLocaleString("en-US"), official.bytes.toLocaleString("en-US"), fmt(ratio(ours.bytes, official.bytes), 2), "< 1.00", yes(ours.bytes < official.bytes)],
      ["handler bundle (bytes, gzip)", ours.gzipBytes.toLocaleString("en-US"), official.gzipBytes.toLocaleString("en-US"), fmt(ratio(ours.gzipBytes, official.gzipBytes), 2), "", ""],
      ["validate 250 items (ms, median)", fmt(validation.listMs, 3), "n/a", "", "< 1 ms", yes(validation.listMs < 1)],
      ["Start input, 250 items (ms, median)", fmt(validation.startInputMs, 3), "n/a", "", "< 1 ms", yes(validation.startInputMs < 1)],
    ];
    const header: Row = ["metric", "ours", "official", "ratio", "target", "met"];
    const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
    const line = (r: Row) => "| " + r.map((cell, i) => (i === 0 ? cell.padEnd(widths[i]!) : cell.padStart(widths[i]!))).join(" | ") + " |";
    const table = [line(header), "|" + widths.map((w, i) => (i === 0 ? "-".repeat(w + 2) : "-".repeat(w + 1) + ":")).join("|") + "|", ...rows.map(line)].join("\n");

    console.log(`\nMachine: ${machine()}`);
    console.log(
      `Cold start: ${ROUNDS} alternating fresh processes per client; warm: ${WARM_ROUNDS} processes per client × ${WARM_REQUESTS} sequential requests (after ${WARM_UP} untimed); medians.\n`,
    );
    console.log(table);
    const results = { date: new Date().toISOString(), machine: machine(), rounds: ROUNDS, warmRounds: WARM_ROUNDS, warmRequests: WARM_REQUESTS, ours, official, validation, cold, warm };
    writeFileSync(join(outDir, "results.json"), JSON.stringify(results, null, 2));
    console.log(`\nRaw samples: ${join("bench", ".out", "results.json")}`);
  } finally {
    await server.close();
    rmSync(home, { recursive: true, force: true });
  }
}

await main();
