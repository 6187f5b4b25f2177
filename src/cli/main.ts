#!/usr/bin/env node
/**
 * The `allocations` executable: `npx allocations apply changes.csv --attribution ra-… --catalog AWS`.
 * Ctrl-C (SIGINT) aborts the run cleanly (a second Ctrl-C quits at once); the exit code is the tool's.
 */
import { runAllocationsCli } from "./run.js";

const interrupt = new AbortController();
process.on("SIGINT", () => {
  if (interrupt.signal.aborted) process.exit(130);
  process.stderr.write("\nStopping after the current request (Ctrl-C again to quit at once)…\n");
  interrupt.abort();
});

runAllocationsCli(process.argv.slice(2), { stdout: process.stdout, stderr: process.stderr, env: process.env, interrupt: interrupt.signal }).then(
  (code) => {
    process.exitCode = code;
  },
  (e: unknown) => {
    process.stderr.write(`allocations: ${e instanceof Error ? e.message : String(e)}\n`);
    process.exitCode = 1;
  },
);
