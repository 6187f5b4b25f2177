/**
 * The README's code runs: every ```ts block of README.md is a `// #region <name>` of a program in examples/
 * (named by the `<!-- example: examples/<file>.ts#<name> -->` line above the block), the same text apart from import
 * paths (`../src/index.js` in the file, the package's name in the README), and that program runs to completion
 * against the emulator with the standard AWS environment variables pointing at it.
 */
import { execFile } from "node:child_process";
import { readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startEmulator, type Emulator } from "../src/testing/index.js";

const root = resolve(import.meta.dirname, "..");
const readme = readFileSync(join(root, "README.md"), "utf8");

/** The import paths of examples/ as a reader writes them. */
function asPublished(code: string): string {
  return code
    .replace(/"\.\.\/src\/index\.js"/g, '"partnercentral-revenue-measurement"')
    .replace(/"\.\.\/src\/(testing|files|batch)\/index\.js"/g, '"partnercentral-revenue-measurement/$1"');
}

/** The text of `// #region name` … `// #endregion` in an example file, without the markers. */
function region(file: string, name: string): string {
  const text = readFileSync(join(root, file), "utf8");
  const match = new RegExp(`^// #region ${name}\\n([\\s\\S]*?)^// #endregion`, "m").exec(text);
  if (!match) throw new Error(`${file} has no region ${name}`);
  return match[1]!;
}

const blocks = [...readme.matchAll(/(?:<!-- example: ([^#\s]+)#(\S+) -->\n)?^```ts\n([\s\S]*?)^```$/gm)].map((m) => ({
  line: readme.slice(0, m.index).split("\n").length,
  file: m[1],
  name: m[2],
  code: m[3]!,
}));

describe("README.md code blocks", () => {
  it("has some", () => expect(blocks.length).toBeGreaterThan(2));

  it.each(blocks)("the block at line $line is a region of an example ($file#$name)", ({ file, name, code }) => {
    expect(file, "every ```ts block needs an <!-- example: examples/<file>.ts#<region> --> line above it").toBeDefined();
    expect(code).toBe(asPublished(region(file!, name!)));
  });
});

describe("the examples the README shows run against the emulator", () => {
  let emulator: Emulator;
  beforeAll(async () => {
    emulator = await startEmulator();
  });
  afterAll(async () => {
    await emulator?.close();
  });

  const files = [...new Set(blocks.map((b) => b.file).filter((f): f is string => f !== undefined))];
  it.each(files)("%s", async (file) => {
    const { stdout } = await promisify(execFile)(process.execPath, ["--import", "tsx", join(root, file)], {
      cwd: root,
      timeout: 60_000,
      env: {
        ...process.env,
        AWS_ENDPOINT_URL: emulator.endpoint,
        AWS_REGION: emulator.region,
        AWS_ACCESS_KEY_ID: emulator.credentials.accessKeyId,
        AWS_SECRET_ACCESS_KEY: emulator.credentials.secretAccessKey,
        AWS_SESSION_TOKEN: "",
        AWS_PROFILE: "",
      },
    });
    expect(stdout.length).toBeGreaterThan(0);
  });
});
