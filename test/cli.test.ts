/**
 * The `allocations` tool run as a process (from source, through tsx) against
 * the emulator: plan, apply, interrupt and resume, export and re-apply, exit
 * codes, --json, and the messages for the usual mistakes.
 */
import { spawn } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeEach, describe, expect, it } from "vitest";
import { CreateRevenueAttributionCommand, type PartnerCentralRevenueMeasurementClient } from "../src/index.js";
import type { Emulator } from "../src/testing/index.js";
import { useEmulator } from "./helpers/emulator-suite.js";

const suite = useEmulator({ taskDurationMs: 10 });
let emulator: Emulator;
let client: PartnerCentralRevenueMeasurementClient;
let attribution: string;
const dir = mkdtempSync(join(tmpdir(), "allocations-cli-"));
const root = new URL("..", import.meta.url);

const HEADER = "Action,EntityType,EntityIdentifier,CustomerAwsAccountId,RevenueSharePercent,EffectiveFrom,EffectiveUntil";
/** `n` CREATE rows over the 12 months of 2031 (future months whatever the run date; 1 % each, far under the monthly cap). */
function csv(n: number, name: string, edit: (row: string, i: number) => string = (r) => r): string {
  const rows = Array.from({ length: n }, (_, i) => {
    const month = (i % 12) + 1;
    const mm = String(month).padStart(2, "0");
    const last = new Date(Date.UTC(2031, month, 0)).getUTCDate();
    return edit(`CREATE,OFFER,offer-${i},${String(300000000000 + i)},1,2031-${mm}-01,2031-${mm}-${last}`, i);
  });
  const path = join(dir, name);
  writeFileSync(path, `${HEADER}\n${rows.join("\n")}\n`);
  return path;
}

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs the tool; `whileRunning` may act on the process (e.g. interrupt it). */
function cli(args: string[], options: { env?: NodeJS.ProcessEnv; whileRunning?: (child: ReturnType<typeof spawn>) => void } = {}): Promise<Run> {
  const child = spawn(process.execPath, ["--import", "tsx", "src/cli/main.ts", ...args], {
    cwd: root,
    env: options.env ?? {
      PATH: process.env.PATH,
      AWS_ENDPOINT_URL: emulator.endpoint,
      AWS_REGION: emulator.region,
      AWS_ACCESS_KEY_ID: emulator.credentials.accessKeyId,
      AWS_SECRET_ACCESS_KEY: emulator.credentials.secretAccessKey,
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let stdout = "";
  let stderr = "";
  child.stdout.on("data", (c: Buffer) => (stdout += c.toString()));
  child.stderr.on("data", (c: Buffer) => (stderr += c.toString()));
  options.whileRunning?.(child);
  return new Promise((resolve) => child.once("exit", (code) => resolve({ code, stdout, stderr })));
}

const target = () => ["--attribution", attribution, "--catalog", "AWS"];
const fast = ["--poll-min-delay", "0.01", "--poll-max-delay", "0.05"];
const writes = () => emulator.inspect().requests.byOperation["StartRevenueAttributionAllocationsTask"] ?? 0;
const stored = () => emulator.inspect().revenueAttributions.find((a) => a.Id === attribution)!.Allocations;

beforeEach(async () => {
  ({ emulator, client } = suite);
  emulator.reset();
  emulator.setTaskDurationMs(10);
  attribution = (await client.send(new CreateRevenueAttributionCommand({ Catalog: "AWS", Name: "cli", TenancyModel: "MULTI_TENANT" }))).Id;
});

describe("allocations plan", () => {
  it("says per line what apply would do, with zero writes", async () => {
    const file = csv(300, "plan.csv");
    const run = await cli(["plan", file, ...target()]);
    expect(run.stderr).toBe("");
    expect(run.code).toBe(0);
    expect(run.stdout).toContain(`Plan for ${file} (300 rows) against ${attribution} (AWS) at revision 1:`);
    expect(run.stdout).toContain("create: 300 rows (lines 2-301)");
    expect(run.stdout).toContain("tasks to run: 2");
    expect(writes()).toBe(0);
  }, 30_000);

  it("reports every bad row by line and column, sends nothing, exits 1; --json carries the problems", async () => {
    const file = csv(5, "bad.csv", (r, i) => (i === 1 ? r.replace(",1,", ",1.555,") : i === 3 ? r.replace("-01,", "-02,") : r));
    const before = emulator.inspect().requests.total;
    const run = await cli(["plan", file, ...target()]);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain(`${file}: 2 problems; nothing was sent.`);
    expect(run.stderr).toContain("line 3, RevenueSharePercent:");
    expect(run.stderr).toContain("line 5, EffectiveFrom:");
    const json = await cli(["plan", file, ...target(), "--json"]);
    expect(json.code).toBe(1);
    expect(JSON.parse(json.stdout)).toMatchObject({ command: "plan", exitCode: 1, error: { name: "AllocationsFileError" } });
    expect(emulator.inspect().requests.total).toBe(before); // the file is checked before the client is made
  }, 30_000);
});

describe("allocations apply", () => {
  it("applies with progress and a results file; the second run starts no task (--json)", async () => {
    const file = csv(600, "apply.csv");
    const results = join(dir, "apply-results.csv");
    const run = await cli(["apply", file, ...target(), ...fast, "--results", results]);
    expect(run.code).toBe(0);
    expect(run.stderr).toContain(`${file}: 600 rows against ${attribution} (AWS)`);
    expect(run.stderr).toContain("tasks 3/3, rows 600/600");
    expect(run.stderr).toContain("Done: 600 applied, 0 already applied, 0 failed");
    const lines = readFileSync(results, "utf8").trim().split("\n");
    expect(lines[0]).toBe("Line,Action,RevenueAttributionAllocationId,Outcome,ErrorCode,ErrorMessage");
    expect(lines).toHaveLength(601);
    const ids = new Map(stored().map((a) => [a.EntityIdentifier, a.RevenueAttributionAllocationId]));
    expect(lines[1]).toBe(`2,CREATE,${ids.get("offer-0")},applied,,`);
    expect(lines[600]).toBe(`601,CREATE,${ids.get("offer-599")},applied,,`);
    expect(writes()).toBe(3);

    const again = await cli(["apply", file, ...target(), ...fast, "--json"]);
    expect(again.code).toBe(0);
    expect(JSON.parse(again.stdout)).toMatchObject({
      command: "apply",
      exitCode: 0,
      finished: true,
      tasks: 0,
      counts: { applied: 0, "already applied": 600, failed: 0, "not applied": 0, "in doubt": 0 },
    });
    expect(writes()).toBe(3);
    expect(stored()).toHaveLength(600);
  }, 60_000);

  it("stops cleanly on SIGINT (exit 130, results say where each row stands) and the next run resumes, each change stored once", async () => {
    const file = csv(600, "interrupt.csv");
    const results = join(dir, "interrupt-results.csv");
    emulator.setTaskDurationMs(Infinity); // the first task runs until the test ends it
    const run = await cli(["apply", file, ...target(), ...fast, "--results", results], {
      whileRunning: (child) => {
        const poll = setInterval(() => {
          if (writes() >= 1) {
            clearInterval(poll);
            child.kill("SIGINT");
          }
        }, 20);
        child.once("exit", () => clearInterval(poll));
      },
    });
    expect(run.code).toBe(130);
    expect(run.stderr).toContain("Interrupted: 0 applied");
    expect(run.stderr).toContain("250 in doubt");
    expect(run.stderr).toContain("Run the same command again to resume");
    const outcomes = readFileSync(results, "utf8").trim().split("\n").slice(1).map((l) => l.split(",")[3]);
    expect(outcomes.filter((o) => o === "in doubt")).toHaveLength(250);
    expect(outcomes.filter((o) => o === "not applied")).toHaveLength(350);

    emulator.finishTasks();
    emulator.setTaskDurationMs(10);
    const resumed = await cli(["apply", file, ...target(), ...fast, "--json"]);
    expect(resumed.code).toBe(0);
    expect(JSON.parse(resumed.stdout)).toMatchObject({ finished: true, tasks: 2, counts: { applied: 350, "already applied": 250 } });
    expect(writes()).toBe(3);
    expect(new Set(stored().map((a) => a.EntityIdentifier)).size).toBe(600);
    expect(stored()).toHaveLength(600);
  }, 60_000);

  it("reports rows the service refused by line, with its code and message; exit 1", async () => {
    // An UPDATE of an allocation the attribution does not hold: refused by the task (RESOURCE_NOT_FOUND), or by a
    // local preflight before any task; either way reported on its line.
    const file = csv(2, "refused.csv", (r, i) => (i === 1 ? r.replace("CREATE", "UPDATE") + ",,alloc-zzzzzzzzzzzzz" : r + ",,"));
    writeFileSync(file, readFileSync(file, "utf8").replace(HEADER, `${HEADER},Status,RevenueAttributionAllocationId`));
    const results = join(dir, "refused-results.csv");
    const run = await cli(["apply", file, ...target(), ...fast, "--results", results]);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/line 3[,:].*(RESOURCE_NOT_FOUND|alloc-zzzzzzzzzzzzz)/);
    if (writes() > 0) {
      // The task FAILED as a whole: line 3 failed with the service's code, line 2 was not applied.
      expect(readFileSync(results, "utf8").trim().split("\n").slice(1)).toEqual([
        "2,CREATE,,not applied,,",
        expect.stringMatching(/^3,UPDATE,alloc-zzzzzzzzzzzzz,failed,RESOURCE_NOT_FOUND,.*alloc-zzzzzzzzzzzzz/),
      ]);
    }
    expect(stored()).toHaveLength(0);
  }, 30_000);
});

describe("allocations export", () => {
  it("round trip: export, edit one row, apply: one UPDATE task; unchanged rows already applied", async () => {
    const file = csv(30, "seed.csv");
    expect((await cli(["apply", file, ...target(), ...fast])).code).toBe(0);
    const exported = join(dir, "export.csv");
    const run = await cli(["export", ...target(), "--output", exported]);
    expect(run.code).toBe(0);
    expect(run.stderr).toContain(`Exported 30 allocations of ${attribution}`);
    const lines = readFileSync(exported, "utf8").trim().split("\n");
    expect(lines[0]).toBe(`${HEADER},Status,RevenueAttributionAllocationId`);
    expect(lines).toHaveLength(31);
    expect(lines[1]).toMatch(/^UPDATE,OFFER,offer-\d+,\d{12},1,2031-\d\d-01,2031-\d\d-\d\d,ACTIVE,alloc-[a-z0-9]{13}$/);
    const edited = lines[5]!.replace(",1,", ",7.25,");
    const id = edited.split(",")[8];
    lines[5] = edited;
    writeFileSync(exported, `${lines.join("\n")}\n`);

    const applied = await cli(["apply", exported, ...target(), ...fast, "--json"]);
    expect(applied.code).toBe(0);
    expect(JSON.parse(applied.stdout)).toMatchObject({ tasks: 1, counts: { applied: 1, "already applied": 29 } });
    expect(stored().find((a) => a.RevenueAttributionAllocationId === id)!.RevenueSharePercent).toMatch(/^7\.25?0?$/);
    expect(stored()).toHaveLength(30);

    const toStdout = await cli(["export", ...target(), "--format", "jsonl"]);
    expect(toStdout.code).toBe(0);
    const rows = toStdout.stdout.trim().split("\n").map((l) => JSON.parse(l) as Record<string, string>);
    expect(rows).toHaveLength(30);
    expect(rows.find((r) => r.RevenueAttributionAllocationId === id)!.RevenueSharePercent).toMatch(/^7\.25?0?$/);
  }, 60_000);
});

describe("mistakes: a clear message and exit 2", () => {
  it("a missing file", async () => {
    const run = await cli(["apply", join(dir, "missing.csv"), ...target()]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(`Cannot read ${join(dir, "missing.csv")}: no such file (ENOENT)`);
  }, 30_000);

  it("a --poll-max-delay below the poll minimum names the flags (it named an SDK option and blamed --region)", async () => {
    const run = await cli(["apply", csv(1, "one.csv"), ...target(), "--poll-max-delay", "0.1"]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("--poll-max-delay (0.1 s) must be at least --poll-min-delay (0.25 s, its default)");
    expect(run.stderr).not.toContain("--region");
  }, 30_000);

  it("a wrong attribution id", async () => {
    const run = await cli(["plan", csv(1, "one.csv"), "--attribution", "ra-zzzzzzzzzzzzz", "--catalog", "AWS"]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("No revenue attribution ra-zzzzzzzzzzzzz in catalog AWS");
    const json = await cli(["plan", csv(1, "one.csv"), "--attribution", "ra-zzzzzzzzzzzzz", "--catalog", "AWS", "--json"]);
    expect(JSON.parse(json.stdout)).toMatchObject({ exitCode: 2, error: { name: "ResourceNotFoundException" } });
  }, 30_000);

  it("nothing listening at the endpoint", async () => {
    const run = await cli(["plan", csv(1, "one.csv"), ...target(), "--endpoint-url", "http://127.0.0.1:9"]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("Nothing listens at http://127.0.0.1:9 (ECONNREFUSED)");
  }, 30_000);

  it("no credentials", async () => {
    const run = await cli(["plan", csv(1, "one.csv"), ...target()], {
      env: {
        PATH: process.env.PATH,
        HOME: dir,
        AWS_ENDPOINT_URL: emulator.endpoint,
        AWS_CONFIG_FILE: join(dir, "no-config"),
        AWS_SHARED_CREDENTIALS_FILE: join(dir, "no-credentials"),
        AWS_EC2_METADATA_DISABLED: "true",
      },
    });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("No AWS credentials found");
    expect(run.stderr).toContain("--profile");
  }, 30_000);

  it("--profile takes the profile's credentials over keys in the environment", async () => {
    const credentials = join(dir, "credentials");
    writeFileSync(
      credentials,
      `[emulator]\naws_access_key_id = ${emulator.credentials.accessKeyId}\naws_secret_access_key = ${emulator.credentials.secretAccessKey}\n`,
    );
    const env = {
      PATH: process.env.PATH,
      HOME: dir,
      AWS_ENDPOINT_URL: emulator.endpoint,
      AWS_REGION: emulator.region,
      AWS_ACCESS_KEY_ID: "AKIAWRONGWRONGWRONG1",
      AWS_SECRET_ACCESS_KEY: "wrong",
      AWS_CONFIG_FILE: join(dir, "no-config"),
      AWS_SHARED_CREDENTIALS_FILE: credentials,
      AWS_EC2_METADATA_DISABLED: "true",
    };
    const file = csv(1, "one.csv");
    expect((await cli(["plan", file, ...target()], { env })).code).toBe(2); // the wrong keys: access denied
    const run = await cli(["plan", file, ...target(), "--profile", "emulator"], { env });
    expect(run.stderr).toBe("");
    expect(run.code).toBe(0);
  }, 30_000);

  it("bad arguments", async () => {
    expect((await cli(["apply"])).code).toBe(2);
    const run = await cli(["plan", "x.csv", "--attribution", "nope", "--catalog", "AWS"]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("--attribution must be a revenue attribution id");
    expect((await cli(["frobnicate", "--attribution", attribution, "--catalog", "AWS"])).stderr).toContain('unknown command "frobnicate"');
    const help = await cli(["--help"]);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain("Exit codes: 0 all rows applied");
  }, 30_000);
});
