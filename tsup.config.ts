import { readdirSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { resolve } from "node:path";
import * as esbuild from "esbuild";
import { defineConfig, type Options } from "tsup";

/** Public entry points (package.json "exports"); each also gets a .d.ts and a .d.cts. */
const publicEntries: Record<string, string> = { index: "src/index.ts", testing: "src/testing/index.ts" };

/**
 * Every command is an entry point too (internal, not exported), so the output
 * keeps one module per command and a consumer's bundler drops the commands it
 * does not import ("sideEffects": false). Without this, one bundled file holds
 * every command's input schema and a one-command handler carries all of them.
 */
const commandEntries = Object.fromEntries(
  readdirSync("src/commands")
    .filter((file) => file.endsWith(".ts"))
    .map((file) => [`commands/${file.slice(0, -3)}`, `src/commands/${file}`]),
);

/** How {@link writeCommonJsIndex} bundles: for Node 20, the CommonJS branches of the sources only. */
const COMMONJS_INDEX_OPTIONS = {
  bundle: true,
  format: "cjs",
  platform: "node",
  target: "node20",
  define: { __CJS__: "true" },
  // Folds `__CJS__` and drops the ES module build's branches (an `import()` there would stop Jest); names stay.
  minifySyntax: true,
  logLevel: "warning",
} as const satisfies esbuild.BuildOptions;

/**
 * Writes dist/index.cjs, the CommonJS entry, as one file: every module of
 * src/index.ts, zod/mini's used parts and @smithy/core's middleware stack,
 * bundled by esbuild from the sources, with each export a getter that
 * `require()`s its source module on first use.
 *
 * Why one file: a consumer's bundler cannot tree-shake CommonJS, so a
 * `require()` handler carries the whole build. Split into tsup's shared chunks,
 * every reference across chunks became a property access (`chunk.name`) that
 * no minifier can shorten, plus a wrapper and an export list per chunk (about
 * 7 KB of a 101 KB handler). In one file esbuild wraps each required module in
 * a lazy initialiser instead (its ES-module-to-CommonJS `__esm` wrapper), so
 * modules still run only when first used: a one-command handler builds one
 * command's input schema at start-up, not 18 (about 10 ms).
 *
 * The export names come from src/index.ts (each `export { … } from`, and each
 * `export * from` module's exports as esbuild reports them); the written file
 * is checked to export exactly what the ES module build's index exports.
 */
export async function writeCommonJsIndex(outDir: string, plugins: esbuild.Plugin[] = []): Promise<void> {
  const index = readFileSync("src/index.ts", "utf8");
  const statements = [...index.matchAll(/^export (?!type )(\*|\{[^}]*\}) from "\.\/([^"]+)\.js";/gm)].map(([, what, path]) => ({
    source: `src/${path}.ts`,
    names: what === "*" ? undefined : namedValueExports(what!),
  }));
  // The run-time exports of each `export * from` module, from an esbuild metafile (nothing written).
  const starSources = statements.filter((s) => !s.names).map((s) => s.source);
  const { metafile } = await esbuild.build({
    entryPoints: starSources,
    bundle: true,
    format: "esm",
    platform: "node",
    packages: "external",
    outdir: "star-exports",
    write: false,
    metafile: true,
    logLevel: "silent",
  });
  const starExports = new Map(Object.values(metafile.outputs).map((o) => [o.entryPoint!, o.exports]));
  const named = new Set(statements.flatMap((s) => s.names ?? []));
  const table = statements.map(({ source, names }) => {
    const exported = names ?? starExports.get(source)!.filter((name) => !named.has(name));
    return `  [() => require("./${source}"), ${JSON.stringify(exported)}],`;
  });
  const entry = [
    "'use strict';",
    'Object.defineProperty(exports, "__esModule", { value: true });',
    "for (const [load, names] of [",
    ...table,
    "]) {",
    "  for (const name of names) Object.defineProperty(exports, name, { enumerable: true, get: () => load()[name] });",
    "}",
  ].join("\n");
  const file = resolve(outDir, "index.cjs");
  await esbuild.build({
    ...COMMONJS_INDEX_OPTIONS,
    stdin: { contents: entry, resolveDir: process.cwd(), loader: "js", sourcefile: "index.cjs" },
    outfile: file,
    // zod/mini and @smithy/core's middleware stack come inside (their ES modules, tree-shaken); the
    // credential chain and ky are required at run time by computed names (src/auth/credentials.ts,
    // src/transport/fetch-http-handler.ts), so no other package is reached.
    external: ["@aws-sdk/*", "ky"],
    banner: { js: "// Written by tsup.config.ts (writeCommonJsIndex): the CommonJS build in one file, each module run on first use." },
    plugins,
  });
  // The same export names as the ES module build (dist/index.js, written by tsup alongside).
  const esm = await esbuild.build({
    entryPoints: ["src/index.ts"], bundle: true, format: "esm", platform: "node", packages: "external",
    outdir: "esm-exports", write: false, metafile: true, logLevel: "silent",
  });
  const expected = Object.values(esm.metafile.outputs)[0]!.exports.sort();
  const actual = Object.keys(createRequire(file)(file) as object).sort();
  if (JSON.stringify(actual) !== JSON.stringify(expected)) {
    throw new Error(`writeCommonJsIndex: ${file} exports ${actual.join(", ")}; src/index.ts exports ${expected.join(", ")}`);
  }
}

/** The value names of `{ a, type B, c }` (no renames in src/index.ts: `as` would need handling here). */
function namedValueExports(list: string): string[] {
  const items = list.slice(1, -1).split(",").map((item) => item.trim()).filter(Boolean);
  if (items.some((item) => / as /.test(item))) throw new Error(`writeCommonJsIndex: renamed export in src/index.ts: ${list}`);
  return items.filter((item) => !item.startsWith("type "));
}

/** Entry points of the CommonJS build besides index.cjs, which {@link writeCommonJsIndex} writes. */
const commonJsEntries = { testing: publicEntries.testing!, "emulator-cli": "src/testing/cli.ts" };

/** The package build into `outDir` (`dist`, or `tsup --out-dir`); test/bundle.test.ts and test/jest.test.ts build it elsewhere. */
export function packageBuild(outDir = "dist"): Options {
  return {
    // "emulator-cli" is the `bin` (src/testing/cli.ts starts with a shebang, which esbuild keeps).
    entry: { ...commandEntries, ...publicEntries, "emulator-cli": "src/testing/cli.ts" },
    outDir,
    format: ["esm", "cjs"],
    dts: { entry: publicEntries },
    clean: true,
    sourcemap: false,
    splitting: true,
    treeshake: true,
    target: "node20",
    platform: "node",
    // zod: external in the ES module build (a consumer's bundler tree-shakes zod/mini's ES modules itself),
    // bundled into the CommonJS build, so that only the parts of zod/mini this package uses are there.
    // A consumer's bundler cannot tree-shake CommonJS: with zod external, one `require()` of this package
    // brought all of zod's CommonJS build (about 535 KiB minified) into a handler's bundle.
    // @smithy/core likewise: its CommonJS client entry is ~26 KiB where the middleware stack we use is ~4 KiB.
    noExternal: ["zod", "@smithy/core"],
    esbuildOptions(options, { format }) {
      if (format === "esm") options.external = [...(options.external ?? []), "zod", "zod/*", "@smithy/core", "@smithy/core/*"];
      // The CommonJS index is one file of its own (writeCommonJsIndex); tsup builds the rest of the CommonJS build.
      if (format === "cjs") options.entryPoints = commonJsEntries;
      // `__CJS__` tells the source which lazy loader to use: `require` in the CommonJS build (CommonJS runners such
      // as Jest have no `import()` without flags), `import()` in the ES module build. See src/build-env.d.ts.
      options.define = { ...options.define, __CJS__: String(format === "cjs") };
    },
    onSuccess: async () => writeCommonJsIndex(outDir),
  };
}

export default defineConfig((cli) => packageBuild(cli.outDir));
