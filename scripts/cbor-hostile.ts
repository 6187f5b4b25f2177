/**
 * `npx tsx scripts/cbor-hostile.ts [MiB...]`: time and extra peak RSS of decoding hostile CBOR bodies with our
 * decoder (src/protocol/cbor.ts) and with @smithy/core's, each body in a fresh process. Default sizes 4 and 16 MiB.
 */
import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { cbor } from "@smithy/core/cbor";
import { decodeCbor } from "../src/protocol/cbor.js";
import { HOSTILE_KINDS, hostileBody, type HostileKind } from "../test/helpers/hostile-cbor.js";

const CODECS: Record<string, (b: Uint8Array) => unknown> = {
  ours: decodeCbor,
  "@smithy/core": (b) => cbor.deserialize(b),
};

function child(kind: HostileKind, mib: number, codec: string): void {
  const body = hostileBody(kind, mib * 1024 * 1024);
  const rss0 = process.memoryUsage().rss;
  const max0 = process.resourceUsage().maxRSS;
  const t0 = performance.now();
  let outcome: string;
  try {
    const v = CODECS[codec]!(body);
    outcome = Array.isArray(v) ? `array of ${v.length}` : `${typeof v} of length ${(v as { length?: number }).length}`;
  } catch (e) {
    outcome = `${(e as Error).name}: ${(e as Error).message.slice(0, 70)}`;
  }
  const ms = performance.now() - t0;
  const extra = Math.max(process.memoryUsage().rss - rss0, (process.resourceUsage().maxRSS - max0) * 1024);
  console.log(JSON.stringify({ ms: Math.round(ms), extraMB: Math.round(extra / 1048576), outcome }));
}

if (process.argv[2] === "--child") {
  child(process.argv[3] as HostileKind, Number(process.argv[4]), process.argv[5]!);
} else {
  const sizes = process.argv.slice(2).map(Number);
  console.log("| body | MiB | decoder | ms | extra RSS MB | outcome |\n|---|---|---|---|---|---|");
  for (const mib of sizes.length ? sizes : [4, 16]) {
    for (const kind of HOSTILE_KINDS) {
      for (const codec of Object.keys(CODECS)) {
        const run = spawnSync(process.execPath, ["--import", "tsx", fileURLToPath(import.meta.url), "--child", kind, String(mib), codec], {
          encoding: "utf8",
          timeout: 120_000,
        });
        const r = run.stdout.trim() ? (JSON.parse(run.stdout.trim()) as { ms: number; extraMB: number; outcome: string }) : undefined;
        console.log(`| ${kind} | ${mib} | ${codec} | ${r?.ms ?? "—"} | ${r?.extraMB ?? "—"} | ${r?.outcome ?? run.stderr.split("\n")[0]} |`);
      }
    }
  }
}
