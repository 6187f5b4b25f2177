/**
 * loadOptionalModule (src/optional-module.ts) in an ES module bundle, where it takes its `import()` branch (a
 * CommonJS bundle takes `createRequire`: test/bundle.test.ts and test/jest.test.ts run that one). The handler is
 * bundled by esbuild as an ES module (with the banner AWS CDK suggests); run inside the repository, node_modules resolve beside it; run from a
 * temporary directory, nothing does.
 */
import { spawn } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import * as esbuild from "esbuild";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadOptionalModule } from "../src/optional-module.js";
import { cborResponse, startCaptureServer, type CaptureServer } from "./helpers/capture-server.js";

const root = resolve(__dirname, "..");

describe("loadOptionalModule", () => {
  it("loads a module by the name it is given, and rejects with the loader's error for a missing one", async () => {
    const ky = await loadOptionalModule<typeof import("ky")>("ky");
    expect(typeof ky.default.create).toBe("function");
    await expect(loadOptionalModule("no-such-package-pcrm")).rejects.toThrow(/no-such-package-pcrm/);
  });
});

describe("an ES module bundle loads the optional modules at run time", () => {
  let server: CaptureServer;
  let dir: string;
  const inRepo = join(root, "bench", ".out", "optional-module-test.mjs");
  let outside: string;
  let code: string;

  beforeAll(async () => {
    server = await startCaptureServer();
    server.fallback = () => cborResponse({ MarketplaceRevenueShareAllocationId: "mrsa-ABCDEFGHIJ123", Status: "ACTIVE" });
    const result = await esbuild.build({
      stdin: {
        contents: `import { CreateMarketplaceRevenueShareAllocationCommand, PartnerCentralRevenueMeasurementClient } from "./src/index.ts";
          const client = new PartnerCentralRevenueMeasurementClient({ endpoint: process.env.TEST_ENDPOINT, ...(process.argv[2] === "fetch" ? { fetch: globalThis.fetch } : {}) });
          client.send(new CreateMarketplaceRevenueShareAllocationCommand({
            Catalog: "AWS", ProductId: "prod-abc123def4567", EffectiveFrom: "2026-07-01", RevenueSharePercent: "15.50" }))
            .then((out) => { process.stdout.write(out.MarketplaceRevenueShareAllocationId); client.destroy(); },
                  (e) => { process.stderr.write(e.name + ": " + e.message); process.exitCode = 1; });`,
        resolveDir: root,
        loader: "ts",
      },
      bundle: true,
      format: "esm",
      platform: "node",
      target: "node20",
      write: false,
      logLevel: "silent",
      // The banner AWS CDK's docs give ES module bundles: the package must not declare these names again.
      banner: { js: "import { createRequire } from 'node:module'; const require = createRequire(import.meta.url);" },
    });
    code = result.outputFiles[0]!.text;
    mkdirSync(join(root, "bench", ".out"), { recursive: true });
    writeFileSync(inRepo, code);
    dir = mkdtempSync(join(tmpdir(), "pcrm-optional-module-"));
    outside = join(dir, "handler.mjs");
    writeFileSync(outside, code);
    const home = join(dir, "home");
    mkdirSync(join(home, ".aws"), { recursive: true });
    writeFileSync(join(home, ".aws", "credentials"), "[default]\naws_access_key_id = AKIDFROMFILE\naws_secret_access_key = file-secret\n");
  }, 60_000);

  afterAll(async () => {
    await server.close();
    rmSync(dir, { recursive: true, force: true });
    rmSync(inRepo, { force: true });
  });

  /** Runs a bundle in a fresh node without environment keys (the credentials file in a home of its own). */
  function run(file: string, mode: "node" | "fetch", env: Record<string, string> = {}) {
    return new Promise<{ code: number | null; out: string; err: string }>((done) => {
      const child = spawn(process.execPath, [file, mode], {
        env: { PATH: process.env.PATH ?? "", AWS_REGION: "us-east-1", TEST_ENDPOINT: server.endpoint, HOME: join(dir, "home"), AWS_EC2_METADATA_DISABLED: "true", ...env },
      });
      let out = "";
      let err = "";
      child.stdout.on("data", (d: Buffer) => (out += d));
      child.stderr.on("data", (d: Buffer) => (err += d));
      child.on("close", (code) => done({ code, out, err }));
    });
  }

  it("holds neither the credential chain nor ky", () => {
    expect(code).toContain('"@aws-sdk/credential-provider-node"');
    expect(code).not.toMatch(/fromIni|defaultProvider\s*=/);
    expect(code).not.toContain("ky/distribution");
  });

  it("with node_modules beside it: the chain (credentials file) and ky are imported and the call succeeds", async () => {
    expect(await run(inRepo, "node")).toEqual({ code: 0, out: "mrsa-ABCDEFGHIJ123", err: "" });
    expect(server.requests.at(-1)?.headers.authorization).toContain("Credential=AKIDFROMFILE/");
    expect(await run(inRepo, "fetch")).toEqual({ code: 0, out: "mrsa-ABCDEFGHIJ123", err: "" });
  });

  it("without them: the typed errors that say what to do", async () => {
    const noChain = await run(outside, "node");
    expect(noChain.code).toBe(1);
    expect(noChain.err).toMatch(/^CredentialsUnavailableError: .*Pass `credentials` to the client/);
    const noKy = await run(outside, "fetch", { AWS_ACCESS_KEY_ID: "AKIDEXAMPLE", AWS_SECRET_ACCESS_KEY: "secret" });
    expect(noKy.code).toBe(1);
    expect(noKy.err).toMatch(/^InvalidConfigurationError: The fetch transport .* needs the ky package/);
  });
});
