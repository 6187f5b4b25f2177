/**
 * `npm run bench:cbor`: the package's own CBOR codec (src/protocol/cbor.ts)
 * against `@smithy/core/cbor` (what the official client uses).
 *
 * Each codec is bundled alone with esbuild (CommonJS, minified), and that
 * bundle is what is measured, so no codec runs through a TypeScript loader.
 *
 * - Throughput: encode and decode of four payloads (a Create request, a
 *   250-item Start request, an allocation response with two timestamps, a
 *   100-item list response), median µs per operation over repeated batches.
 * - Bytes: the size of that bundle.
 * - Start-up: a fresh `node` process that loads that bundle and encodes and
 *   decodes one response, wall time (median of ROUNDS, alternating).
 */
import { spawnSync } from "node:child_process";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { performance } from "node:perf_hooks";
import { fileURLToPath } from "node:url";
import { createRequire } from "node:module";
import * as esbuild from "esbuild";
import { MEASURED_BUNDLE, median } from "./common.js";
import { ALLOCATION_OUTPUT } from "./server.js";
import { makeBatch } from "./validation.js";

const here = dirname(fileURLToPath(import.meta.url));
const outDir = join(here, ".out");
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 15);

const payloads: Record<string, unknown> = {
  "Create request": {
    Catalog: "AWS",
    ProductId: "prod-abc123def4567",
    EffectiveFrom: "2026-07-01",
    RevenueSharePercent: "15.50",
    ClientToken: "0b5c7f6e-1111-4222-8333-944455556666",
  },
  "Start request, 250 items": {
    Catalog: "AWS",
    RevenueAttributionIdentifier: "ra-abc123def4567",
    RevenueAttributionRevision: "3",
    RevenueShareAllocations: makeBatch(250),
    ClientToken: "0b5c7f6e-1111-4222-8333-944455556666",
  },
  "allocation response": ALLOCATION_OUTPUT,
  "list response, 100 items": {
    RevenueAttributionAllocationSummaries: makeBatch(100).map((item, i) => ({
      ...item,
      RevenueAttributionAllocationId: `alloc-${i.toString(36).padStart(13, "0")}`,
      RevenueAttributionIdentifier: "ra-abc123def4567",
      EntityName: `Entity ${i}`,
    })),
    NextToken: "token-abc",
  },
};

interface Codec {
  encode(value: unknown): Uint8Array;
  decode(bytes: Uint8Array): unknown;
  /** Converts an input once, outside the timed loop (Smithy's codec wants timestamps as its tag objects). */
  prepare?(value: unknown): unknown;
}

/** Median µs per call of `fn`, over 25 batches sized to take about 5 ms each. */
function microsPerOp(fn: () => unknown): number {
  let n = 1;
  for (;;) {
    const t0 = performance.now();
    for (let i = 0; i < n; i++) fn();
    if (performance.now() - t0 > 5) break;
    n *= 2;
  }
  const samples: number[] = [];
  for (let s = 0; s < 25; s++) {
    const t0 = performance.now();
    for (let i = 0; i < n; i++) fn();
    samples.push(((performance.now() - t0) * 1000) / n);
  }
  return median(samples);
}

const entries: Record<string, string> = {
  ours: `export { encodeCbor as encode, decodeCbor as decode } from ${JSON.stringify(join(here, "..", "src", "protocol", "cbor.ts"))};`,
  "@smithy/core/cbor": `import { cbor, dateToTag } from "@smithy/core/cbor";
    export const encode = (v) => cbor.serialize(v);
    export const decode = (b) => cbor.deserialize(b);
    export const prepare = (v) => v instanceof Date ? dateToTag(v) : Array.isArray(v) ? v.map(prepare)
      : v && typeof v === "object" ? Object.fromEntries(Object.entries(v).map(([k, x]) => [k, prepare(x)])) : v;`,
};

async function bundleCodec(name: string): Promise<{ file: string; bytes: number }> {
  const file = join(outDir, `cbor-${name.replace(/[^a-z0-9]+/gi, "-")}.cjs`);
  await esbuild.build({
    stdin: { contents: entries[name]!, resolveDir: here, loader: "ts" },
    outfile: file,
    ...MEASURED_BUNDLE,
    logLevel: "error",
  });
  return { file, bytes: readFileSync(file).length };
}

function startupMs(file: string): number {
  const script = `const t=process.hrtime.bigint();const c=require(${JSON.stringify(file)});c.decode(c.encode({A:"x",B:[1,2.5,"y"],C:{D:true}}));process.stdout.write(String(Number(process.hrtime.bigint()-t)/1e6));`;
  const r = spawnSync(process.execPath, ["-e", script], { encoding: "utf8" });
  if (r.status !== 0) throw new Error(r.stderr);
  return Number(r.stdout);
}

async function main(): Promise<void> {
  mkdirSync(outDir, { recursive: true });
  const names = Object.keys(entries);
  const rows: string[][] = [];
  const results: Record<string, Record<string, number>> = {};
  const files: Record<string, string> = {};
  const codecs: Record<string, Codec> = {};
  const require = createRequire(import.meta.url);
  for (const name of names) {
    const b = await bundleCodec(name);
    files[name] = b.file;
    codecs[name] = require(b.file) as Codec;
    results[name] = {};
  }
  const ours = codecs.ours!;

  for (const [label, payload] of Object.entries(payloads)) {
    for (const name of names) {
      const codec = codecs[name]!;
      const input = codec.prepare ? codec.prepare(payload) : payload;
      const bytes = codec.encode(input);
      codec.decode(ours.encode(payload)); // every codec must read what ours writes
      results[name]![`encode ${label} (µs)`] = microsPerOp(() => codec.encode(input));
      results[name]![`decode ${label} (µs)`] = microsPerOp(() => codec.decode(bytes));
    }
  }
  const startup: Record<string, number[]> = {};
  for (const name of names) {
    results[name]!["bundle (bytes, minified)"] = readFileSync(files[name]!).length;
    startup[name] = [];
  }
  for (let i = 0; i < ROUNDS; i++) {
    for (const name of i % 2 ? [...names].reverse() : names) startup[name]!.push(startupMs(files[name]!));
  }
  for (const name of names) results[name]!["load + first round trip (ms)"] = median(startup[name]!);

  const metrics = Object.keys(results.ours!);
  for (const metric of metrics) {
    rows.push([
      metric,
      ...names.map((n) => {
        const v = results[n]![metric]!;
        return metric.includes("bytes") ? v.toLocaleString("en-US") : v.toFixed(metric.includes("(ms)") ? 2 : 1);
      }),
    ]);
  }
  const header = ["metric", ...names];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (r: string[]) => "| " + r.map((c, i) => (i ? c.padStart(widths[i]!) : c.padEnd(widths[i]!))).join(" | ") + " |";
  console.log(`CBOR codecs, Node ${process.version}; lower is better.\n`);
  console.log([line(header), "|" + widths.map((w, i) => "-".repeat(w + (i ? 1 : 2)) + (i ? ":" : "")).join("|") + "|", ...rows.map(line)].join("\n"));
  writeFileSync(join(outDir, "cbor.json"), JSON.stringify(results, null, 2));
}

await main();
