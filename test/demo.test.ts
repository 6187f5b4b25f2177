/** `npm run demo` (examples/demo.ts) runs from source against the embedded emulator and shows the whole run. */
import { spawn } from "node:child_process";
import { describe, expect, it } from "vitest";

describe("the demo", () => {
  it("runs end to end and prints each step", async () => {
    const child = spawn(process.execPath, ["--import", "tsx", "examples/demo.ts"], {
      cwd: new URL("..", import.meta.url),
      stdio: ["ignore", "pipe", "pipe"],
    });
    let out = "";
    let err = "";
    child.stdout.on("data", (c: Buffer) => (out += c.toString()));
    child.stderr.on("data", (c: Buffer) => (err += c.toString()));
    const timer = setTimeout(() => child.kill("SIGKILL"), 25_000);
    const code = await new Promise<number | null>((resolve) => child.once("exit", resolve));
    clearTimeout(timer);
    expect(err).toBe("");
    expect(code).toBe(0);
    expect(out).toMatch(/1\. Created revenue attribution ra-[a-z0-9]{13}/);
    expect(out).toMatch(/2\. Created marketplace revenue share allocation mrsa-/);
    expect(out).toContain("600/600");
    expect(out).toMatch(/4\. Listed 600 committed allocations in 3 pages/);
    expect(out).toContain('Name: "RevenueShareAllocations[417].EffectiveUntil"');
    expect(out).toMatch(/5\. A mistake caught locally \(0 requests sent\)/);
    expect(out).toMatch(/6\. The same call again .*: 600 of 600 changes already applied, 0 new tasks, revision 4/);
    // 7. The file path with the allocations tool: plan, apply with a results file, the same command again.
    expect(out).toMatch(/\$ allocations plan examples\/allocations\.csv --attribution ra-[a-z0-9]{13} --catalog Sandbox/);
    expect(out).toContain("create: 36 rows (lines 2-37)");
    expect(out).toContain("Done: 36 applied, 0 already applied, 0 failed, 0 not applied, 0 in doubt; 1 task, revision 2.");
    expect(out).toMatch(/2,CREATE,alloc-[a-z0-9]{13},applied,,/);
    expect(out).toContain("Done: 0 applied, 36 already applied, 0 failed, 0 not applied, 0 in doubt; 0 tasks, revision 2.");
    expect(out).toMatch(/Summary: .* holds 600 allocations/);
    expect(out).not.toMatch(/\b\d{12}\b/); // no full account id is printed
  }, 30_000);
});
