/**
 * What a consumer's bundle of this package holds and runs, checked with
 * esbuild (the bundler of the Lambda bench in bench/):
 * - a handler that imports one command carries no other command;
 * - neither the credential chain nor ky is in the bundle (both are loaded by
 *   name at run time, src/optional-module.ts);
 * - at run time, with environment credentials, neither is loaded, neither
 *   before nor after a request, and Node's `fetch` (undici) is never started.
 *   Controls: with a `fetch` option ky and undici do load; without
 *   environment keys the chain is loaded from node_modules (credentials file),
 *   and where it cannot be found the call fails with a clear error;
 * - a handler written with `require()` (the CommonJS build) stays within
 *   100 KiB, carries zod's used parts only, and loads no other file.
 */
import { spawn } from "node:child_process";
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { createRequire } from "node:module";
import { join, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import * as esbuild from "esbuild";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { cborResponse, startCaptureServer, type CaptureServer } from "./helpers/capture-server.js";

const root = resolve(__dirname, "..");
const commands = readdirSync(join(root, "src", "commands"))
  .filter((f) => f.endsWith("Command.ts"))
  .map((f) => f.slice(0, -3));

function build(contents: string, options: esbuild.BuildOptions = {}) {
  return esbuild.build({
    stdin: { contents, resolveDir: root, loader: "ts", sourcefile: "handler.ts" },
    bundle: true,
    format: "cjs",
    platform: "node",
    target: "node20",
    write: false,
    metafile: true,
    outfile: join(root, "bench", ".out", "bundle-test.cjs"),
    logLevel: "silent",
    ...options,
  });
}

/** Source files (relative to the repo) that put bytes into the single output. */
function includedSources(metafile: esbuild.Metafile): string[] {
  const [output] = Object.values(metafile.outputs);
  return Object.entries(output!.inputs)
    .filter(([path, info]) => info.bytesInOutput > 0 && path.startsWith("src/"))
    .map(([path]) => path);
}

describe("bundle contents (esbuild metafile)", () => {
  it.each(commands)("a handler importing only %s carries no other command", async (command) => {
    const result = await build(
      `import { ${command}, PartnerCentralRevenueMeasurementClient } from "./src/index.ts";
       export const handler = (input: never) => new PartnerCentralRevenueMeasurementClient().send(new ${command}(input));`,
      { external: ["@aws-sdk/*", "@smithy/*", "ky"] },
    );
    const sources = includedSources(result.metafile!);
    expect(sources.filter((p) => p.startsWith("src/commands/"))).toEqual([`src/commands/${command}.ts`]);
    for (const area of ["src/testing/", "src/waiters/", "src/batch/", "src/paginators/", "src/PartnerCentralRevenueMeasurement"]) {
      expect(sources.filter((p) => p.startsWith(area))).toEqual([]);
    }
  });

  it("leaves the credential chain and ky out (loaded by name at run time), and of @smithy has only the middleware stack", async () => {
    const result = await build(
      `export { PartnerCentralRevenueMeasurementClient, CreateMarketplaceRevenueShareAllocationCommand } from "./src/index.ts";`,
    );
    const edges = Object.entries(result.metafile!.inputs)
      .filter(([from]) => from.startsWith("src/"))
      .flatMap(([from, input]) => input.imports.map((imp) => ({ from, to: imp.path, kind: imp.kind })))
      .filter((e) => e.to.includes("node_modules/"));
    expect(Object.keys(result.metafile!.inputs).filter((p) => /credential-provider|node_modules\/ky\//.test(p))).toEqual([]);
    const code = result.outputFiles![0]!.text;
    expect(code).toContain('loadOptionalModule("ky")');
    expect(code).toContain('"@aws-sdk/credential-provider-node"');
    // @smithy/core's client entry, for its middleware stack (constructStack) only: nothing else of it runs or ships.
    expect([...new Set(edges.filter((e) => e.to.includes("@smithy/")).map((e) => e.to.replace(/.*node_modules\//, "")))]).toEqual([
      "@smithy/core/dist-es/submodules/client/index.js",
    ]);
    const smithyBytes = Object.entries(Object.values(result.metafile!.outputs)[0]!.inputs)
      .filter(([path]) => path.includes("@smithy/"))
      .map(([path, info]) => [path.replace(/.*node_modules\//, ""), info.bytesInOutput] as const)
      .filter(([, bytes]) => bytes > 0);
    expect(smithyBytes.map(([path]) => path)).toEqual(["@smithy/core/dist-es/submodules/client/middleware-stack/MiddlewareStack.js"]);
    // Everything else the package itself pulls in statically is zod.
    const staticPackages = new Set(
      edges.filter((e) => e.kind !== "dynamic-import").map((e) => /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(e.to)![1]),
    );
    expect([...staticPackages].sort()).toEqual(["@smithy/core", "zod"]);
  });
});

describe("what a bundled handler loads at run time", () => {
  let server: CaptureServer;
  let dir: string;
  let bundlePath: string;
  /** The same bundle inside the repository, where node_modules (and so the chain) can be resolved. */
  const inRepoBundlePath = join(root, "bench", ".out", "bundle-test-handler.cjs");

  beforeAll(async () => {
    server = await startCaptureServer();
    server.fallback = () => cborResponse({ MarketplaceRevenueShareAllocationId: "mrsa-ABCDEFGHIJ123", Status: "ACTIVE" });
    dir = mkdtempSync(join(tmpdir(), "pcrm-bundle-test-"));
    bundlePath = join(dir, "handler.cjs");
    // Marks the moment the chain's or ky's module body runs.
    const marker: esbuild.Plugin = {
      name: "load-marker",
      setup(b) {
        b.onLoad({ filter: /node_modules[\\/](@aws-sdk[\\/]credential-provider-node|ky)[\\/].*index\.js$/ }, async (args) => {
          const { readFile } = await import("node:fs/promises");
          const name = args.path.includes("credential-provider-node") ? "credential-provider-node" : "ky";
          const contents = await readFile(args.path, "utf8");
          return { contents: `${contents}\n;(globalThis.__loaded ??= []).push(${JSON.stringify(name)});`, loader: "js" };
        });
      },
    };
    await build(
      `import { CreateMarketplaceRevenueShareAllocationCommand, PartnerCentralRevenueMeasurementClient } from "./src/index.ts";
       export async function run(useFetch: boolean) {
         const client = new PartnerCentralRevenueMeasurementClient({ endpoint: process.env.TEST_ENDPOINT, ...(useFetch ? { fetch: globalThis.fetch } : {}) });
         const out = await client.send(new CreateMarketplaceRevenueShareAllocationCommand({
           Catalog: "AWS", ProductId: "prod-abc123def4567", EffectiveFrom: "2026-07-01", RevenueSharePercent: "15.50" }));
         client.destroy();
         return out.MarketplaceRevenueShareAllocationId;
       }`,
      { write: true, outfile: bundlePath, plugins: [marker], minify: true },
    );
    mkdirSync(join(root, "bench", ".out"), { recursive: true });
    copyFileSync(bundlePath, inRepoBundlePath);
    writeFileSync(
      join(dir, "main.cjs"),
      `const undici = () => process.moduleLoadList.some((m) => /undici/.test(m));
       const mod = require(process.argv[3]);
       // A module bundled in marks itself (the plugin above); one loaded from node_modules is in require.cache.
       const loaded = () => [...(globalThis.__loaded ?? []), ...Object.keys(require.cache).flatMap((p) => /node_modules[\\/](ky|@aws-sdk[\\/]credential-provider-node)[\\/]/.exec(p)?.[1].replace(/.*[\\/]/, "") ?? [])];
       const atInit = { loaded: [...new Set(loaded())], undici: undici() };
       mod.run(process.argv[2] === "fetch").then((result) => {
         process.stdout.write(JSON.stringify({ result, atInit, afterRequest: { loaded: [...new Set(loaded())], undici: undici() } }));
         process.exit(0);
       }, (e) => { process.stderr.write(String(e?.stack ?? e)); process.exit(1); });`,
    );
  }, 60_000);

  afterAll(async () => {
    await server.close();
    rmSync(dir, { recursive: true, force: true });
    rmSync(inRepoBundlePath, { force: true });
  });

  function runChild(env: Record<string, string>, mode: "node" | "fetch", bundle = bundlePath) {
    return new Promise<{ result: string; atInit: { loaded: string[]; undici: boolean }; afterRequest: { loaded: string[]; undici: boolean } }>(
      (resolvePromise, reject) => {
        const child = spawn(process.execPath, [join(dir, "main.cjs"), mode, bundle], {
          env: { PATH: process.env.PATH ?? "", AWS_REGION: "us-east-1", TEST_ENDPOINT: server.endpoint, ...env },
        });
        let out = "";
        let err = "";
        child.stdout.on("data", (d: Buffer) => (out += d));
        child.stderr.on("data", (d: Buffer) => (err += d));
        const timer = setTimeout(() => child.kill(), 20_000);
        child.on("close", (code) => {
          clearTimeout(timer);
          if (code === 0) resolvePromise(JSON.parse(out));
          else reject(new Error(`child exited with ${code}: ${err}`));
        });
      },
    );
  }

  const envKeys = { AWS_ACCESS_KEY_ID: "AKIDEXAMPLE", AWS_SECRET_ACCESS_KEY: "secret", HOME: tmpdir() };

  it("with environment credentials on Node: no credential chain, no ky, no undici, before or after a request", async () => {
    const r = await runChild(envKeys, "node");
    expect(r.result).toBe("mrsa-ABCDEFGHIJ123");
    expect(r.atInit).toEqual({ loaded: [], undici: false });
    expect(r.afterRequest).toEqual({ loaded: [], undici: false });
    expect(server.requests.at(-1)?.headers.authorization).toContain("Credential=AKIDEXAMPLE/");
  });

  it("with a fetch option and no ky beside the bundle, the call fails with InvalidConfigurationError naming ky", async () => {
    const failure = await runChild(envKeys, "fetch").then(
      () => "resolved",
      (e: Error) => e.message,
    );
    expect(failure).toContain("InvalidConfigurationError");
    expect(failure).toContain("needs the ky package");
  });

  it("control: with a fetch option and ky in node_modules, ky is loaded and undici starts (only then)", async () => {
    const r = await runChild(envKeys, "fetch", inRepoBundlePath);
    expect(r.result).toBe("mrsa-ABCDEFGHIJ123");
    expect(r.atInit).toEqual({ loaded: [], undici: false });
    expect(r.afterRequest).toEqual({ loaded: ["ky"], undici: true });
  });

  function credentialsHome(): string {
    const home = join(dir, "home");
    mkdirSync(join(home, ".aws"), { recursive: true });
    writeFileSync(join(home, ".aws", "credentials"), "[default]\naws_access_key_id = AKIDFROMFILE\naws_secret_access_key = file-secret\n");
    return home;
  }

  it("control: without environment keys, the chain is loaded from node_modules on the first request (credentials file)", async () => {
    const r = await runChild({ HOME: credentialsHome(), AWS_EC2_METADATA_DISABLED: "true" }, "node", inRepoBundlePath);
    expect(r.result).toBe("mrsa-ABCDEFGHIJ123");
    expect(r.atInit.loaded).toEqual([]);
    expect(server.requests.at(-1)?.headers.authorization).toContain("Credential=AKIDFROMFILE/");
  });

  it("without environment keys and with no chain beside the bundle, the call fails with a clear error", async () => {
    const failure = await runChild({ HOME: credentialsHome(), AWS_EC2_METADATA_DISABLED: "true" }, "node").then(
      () => "resolved",
      (e: Error) => e.message,
    );
    expect(failure).toContain("CredentialsUnavailableError");
    expect(failure).toContain("Pass `credentials` to the client");
  });
});

/**
 * A handler written with `require()` gets the package's `require` entry: a
 * bundler picks dist/index.require.js (the `module` condition), Node
 * dist/index.cjs; both are one scope of the same build (tsup.config.ts,
 * writeCommonJsEntries). A bundler cannot tree-shake what `require()` returns,
 * so what keeps such a handler small is the build itself: one file holding
 * zod/mini's used parts and nothing else from node_modules. Built here with the
 * project's tsup configuration (CommonJS only, no types) into a scratch
 * node_modules, so that the handler resolves the package by name through its
 * package.json, as a consumer's does.
 */
describe("a handler written with require() (the package's require entry)", () => {
  // In the repository's .tmp/ (not under node_modules, which may be a link to another checkout's): a project of its own.
  const scratch = join(root, ".tmp", "pcrm-bundle-test-cjs");
  const packageDir = join(scratch, "node_modules", "partnercentral-revenue-measurement");
  const outDir = join(packageDir, "dist");
  let server: CaptureServer;
  let handlerPath: string;
  let bundled: esbuild.BuildResult<{ metafile: true; write: true }>;

  beforeAll(async () => {
    const { build: tsup } = await import("tsup");
    const { packageBuild, writeCommonJsEntries } = await import("../tsup.config.js");
    rmSync(scratch, { recursive: true, force: true });
    await tsup({ ...packageBuild(outDir), format: ["cjs"], dts: false, silent: true, onSuccess: () => writeCommonJsEntries(outDir) });
    copyFileSync(join(root, "package.json"), join(packageDir, "package.json"));
    // A project of its own, so that the name resolves in its node_modules rather than to this repository (self-reference).
    writeFileSync(join(scratch, "package.json"), JSON.stringify({ name: "pcrm-bundle-test", private: true }));
    server = await startCaptureServer();
    server.fallback = () => cborResponse({ MarketplaceRevenueShareAllocationId: "mrsa-ABCDEFGHIJ123", Status: "ACTIVE" });
    handlerPath = join(scratch, "handler.cjs");
    writeFileSync(
      join(scratch, "handler-source.cjs"),
      `const { CreateMarketplaceRevenueShareAllocationCommand, PartnerCentralRevenueMeasurementClient } = require("partnercentral-revenue-measurement");
       const client = new PartnerCentralRevenueMeasurementClient({ endpoint: process.env.TEST_ENDPOINT });
       exports.run = async () => (await client.send(new CreateMarketplaceRevenueShareAllocationCommand({
         Catalog: "AWS", ProductId: "prod-abc123def4567", EffectiveFrom: "2026-07-01", RevenueSharePercent: "15.50" }))).MarketplaceRevenueShareAllocationId;`,
    );
    bundled = await esbuild.build({
      entryPoints: [join(scratch, "handler-source.cjs")],
      outfile: handlerPath,
      bundle: true,
      format: "cjs",
      platform: "node",
      target: "node20",
      minify: true,
      metafile: true,
      write: true,
      logLevel: "silent",
    });
  }, 120_000);

  afterAll(async () => {
    await server?.close();
    rmSync(scratch, { recursive: true, force: true });
  });

  it("bundles (minified) the ES module entry to at most 100 KiB, with zod's used parts only and no credential chain", () => {
    const output = Object.values(bundled.metafile.outputs)[0]!;
    expect(output.bytes).toBeLessThanOrEqual(100 * 1024);
    // The package's one file for bundlers and the handler, nothing from node_modules: zod comes tree-shaken inside,
    // never from zod's CommonJS build (all of zod, ~535 KiB); no credential chain, no ky.
    expect(Object.keys(bundled.metafile.inputs).sort()).toEqual([
      ".tmp/pcrm-bundle-test-cjs/handler-source.cjs",
      ".tmp/pcrm-bundle-test-cjs/node_modules/partnercentral-revenue-measurement/dist/index.require.js",
    ]);
  });

  it("index.require.js exports exactly what index.cjs exports", async () => {
    const commonJs = createRequire(import.meta.url)(join(outDir, "index.cjs")) as object;
    const esModule = (await import(pathToFileURL(join(outDir, "index.require.js")).href)) as object;
    expect(Object.keys(esModule).sort()).toEqual(Object.keys(commonJs).sort());
    expect(Object.keys(commonJs).sort()).toEqual(Object.keys(await import("../src/index.js")).sort()); // all of the package entry
  });

  const script = `
    const [, file] = process.argv; // node -e <script> <file>
    const before = new Set(Object.keys(require.cache));
    const mod = require(file);
    mod.run().then((result) => {
      const { dirname, relative } = require("node:path");
      const required = Object.keys(require.cache).filter((p) => !before.has(p)).map((p) => relative(dirname(file), p));
      const undici = process.moduleLoadList.some((m) => /undici/.test(m));
      process.stdout.write(JSON.stringify({ result, required, undici }));
      process.exit(0);
    }, (e) => { process.stderr.write(String(e && e.stack || e)); process.exit(1); });`;
  const runIn = (file: string, env: Record<string, string>) =>
    new Promise<{ result: string; required: string[]; undici: boolean }>((resolvePromise, reject) => {
      const child = spawn(process.execPath, ["-e", script, file], {
        env: { PATH: process.env.PATH ?? "", AWS_REGION: "us-east-1", TEST_ENDPOINT: server.endpoint, ...env },
      });
      let out = "";
      let err = "";
      child.stdout.on("data", (d: Buffer) => (out += d));
      child.stderr.on("data", (d: Buffer) => (err += d));
      child.on("close", (code) => (code === 0 ? resolvePromise(JSON.parse(out)) : reject(new Error(`child exited with ${code}: ${err}`))));
    });
  const envKeys = { HOME: tmpdir(), AWS_ACCESS_KEY_ID: "AKIDEXAMPLE", AWS_SECRET_ACCESS_KEY: "secret" };

  it("sends a request in a bundle and in Node without a bundler (index.cjs), loading no other file and no undici", async () => {
    // Node's own modules are not in require.cache; of files, the handler and (without a bundler) index.cjs only.
    expect(await runIn(handlerPath, envKeys)).toEqual({ result: "mrsa-ABCDEFGHIJ123", required: ["handler.cjs"], undici: false });
    expect(await runIn(join(scratch, "handler-source.cjs"), envKeys)).toEqual({
      result: "mrsa-ABCDEFGHIJ123",
      required: ["handler-source.cjs", "node_modules/partnercentral-revenue-measurement/dist/index.cjs"],
      undici: false,
    });
  });

  it("control: without environment keys, the bundle requires the credential chain from node_modules at run time", async () => {
    const home = join(scratch, "home");
    mkdirSync(join(home, ".aws"), { recursive: true });
    writeFileSync(join(home, ".aws", "credentials"), "[default]\naws_access_key_id = AKIDFROMFILE\naws_secret_access_key = file-secret\n");
    const r = await runIn(handlerPath, { HOME: home, AWS_EC2_METADATA_DISABLED: "true" });
    expect(r.result).toBe("mrsa-ABCDEFGHIJ123");
    expect(r.required.filter((p) => p.includes("@aws-sdk/credential-provider-node/"))).not.toEqual([]);
    expect(server.requests.at(-1)?.headers.authorization).toContain("Credential=AKIDFROMFILE/");
  });
});
