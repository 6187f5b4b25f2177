/**
 * Jest 29 in CommonJS, as a user runs it (default config, no VM-modules flag),
 * on the package's CommonJS build: test/jest/*.test.cjs in a child process.
 * The build is made here from the current sources (tsup without .d.ts, into
 * .tmp/), so the check never runs against a stale dist/. Also checks that the
 * CommonJS build holds no `import()`: Jest cannot run one without flags.
 */
import { execFile } from "node:child_process";
import { readFileSync, readdirSync, rmSync } from "node:fs";
import { join, resolve } from "node:path";
import { promisify } from "node:util";
import { beforeAll, describe, expect, it } from "vitest";

const run = promisify(execFile);
const root = resolve(__dirname, "..");
const dist = join(root, ".tmp", "jest-dist");

beforeAll(async () => {
  rmSync(dist, { recursive: true, force: true });
  await run(process.execPath, [join(root, "node_modules", "tsup", "dist", "cli-default.js"), "--out-dir", dist, "--no-dts", "--silent"], {
    cwd: root,
  });
}, 120_000);

describe("the CommonJS build under Jest", () => {
  it("has no import() that a .cjs file can reach (lazy modules load through require)", () => {
    const files = readdirSync(dist).filter((f) => f.endsWith(".cjs"));
    expect(files).toContain("index.cjs");
    // The import()s allowed are loadOptionalModule's (src/optional-module.ts): its ES module branch, taken only where
    // `__filename` is undefined, which it never is in a CommonJS file; and its fallback after a require failed with
    // ERR_REQUIRE_ESM, where the require could not have loaded the module either.
    const allowed = [/typeof __filename != "string"\) return await $/, /"ERR_REQUIRE_ESM"\) throw \w+;\s*return await $/];
    const reachable = files.flatMap((f) => {
      const text = readFileSync(join(dist, f), "utf8");
      return [...text.matchAll(/\bimport\(/g)]
        .filter((m) => !allowed.some((pattern) => pattern.test(text.slice(Math.max(0, m.index - 200), m.index))))
        .map((m) => `${f}: ${text.slice(Math.max(0, m.index - 60), m.index + 40)}`);
    });
    expect(reachable).toEqual([]);
  });

  it("passes a real send() against the emulator, with explicit credentials and with the default chain", async () => {
    const env: NodeJS.ProcessEnv = { ...process.env, PCRM_DIST: dist };
    for (const name of Object.keys(env)) if (name.startsWith("AWS_")) delete env[name];
    const result = await run(
      process.execPath,
      [join(root, "node_modules", "jest", "bin", "jest.js"), "--config", join(root, "test", "jest", "jest.config.cjs"), "--ci", "--json"],
      { cwd: root, env },
    ).catch((e: { stdout?: string; stderr?: string }) => e);
    const report = JSON.parse(String(result.stdout)) as {
      numPassedTests: number;
      numFailedTests: number;
      testResults: { message: string }[];
    };
    expect(report.testResults.map((r) => r.message).join("\n")).toBe("");
    expect(report.numFailedTests).toBe(0);
    expect(report.numPassedTests).toBe(2);
  }, 120_000);
});
