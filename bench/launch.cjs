// Runs one bundled handler in this (fresh) process and prints one JSON line.
//   node launch.cjs <bundle.cjs> cold            -> one request
//   node launch.cjs <bundle.cjs> warm <n> <warm> -> <warm> untimed requests, then <n> timed sequential ones
"use strict";
const { performance } = require("node:perf_hooks");
const [bundle, mode, n = "2000", warm = "200"] = process.argv.slice(2);

const startedAt = performance.now(); // ms since this process started
const { handler } = require(bundle);
const loadedAt = performance.now();

async function main() {
  if (mode === "cold") {
    const result = await handler();
    const doneAt = performance.now();
    return { result, startedAt, loadMs: loadedAt - startedAt, firstRequestMs: doneAt - loadedAt, doneAt };
  }
  let result;
  for (let i = 0; i < Number(warm); i++) result = await handler();
  const count = Number(n);
  const cpu0 = process.cpuUsage();
  const t0 = process.hrtime.bigint();
  for (let i = 0; i < count; i++) result = await handler();
  const elapsedNs = Number(process.hrtime.bigint() - t0);
  const cpu = process.cpuUsage(cpu0);
  return {
    result,
    requests: count,
    reqPerSec: count / (elapsedNs / 1e9),
    cpuUsPerReq: (cpu.user + cpu.system) / count,
  };
}

main().then(
  (out) => {
    const usage = process.resourceUsage();
    out.maxRssKb = usage.maxRSS;
    out.cpuMs = (usage.userCPUTime + usage.systemCPUTime) / 1000; // whole process so far
    process.stdout.write(JSON.stringify(out) + "\n");
    process.exit(0);
  },
  (err) => {
    process.stderr.write(String((err && err.stack) || err) + "\n");
    process.exit(1);
  },
);
