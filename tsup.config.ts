import { readdirSync } from "node:fs";
import { resolve } from "node:path";
import * as esbuild from "esbuild";
import { defineConfig, type Options } from "tsup";

/** Public entry points (package.json "exports"); each also gets a .d.ts and a .d.cts. */
const publicEntries: Record<string, string> = {
  index: "src/index.ts",
  batch: "src/batch/index.ts",
  testing: "src/testing/index.ts",
  files: "src/files/index.ts",
};

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

/**
 * Writes the package's entry for `require()`, twice, from one build of
 * src/index.ts in one scope (with zod/mini's used parts and @smithy/core's
 * middleware stack, bundled by esbuild from the sources):
 * - dist/index.cjs, CommonJS: what Node (and Jest) load for `require()`;
 * - dist/index.require.js, the same as an ES module: what a bundler picks for
 *   `require()` through the `module` export condition (package.json), which
 *   esbuild, webpack, Rollup and Bun apply and Node ignores.
 *
 * Why one scope: a consumer's bundler cannot tree-shake what `require()`
 * returns, so a `require()` handler carries the whole file. Split into tsup's
 * shared chunks behind an index of lazy getters, every reference across chunks
 * was a property access (`chunk.name`) that no minifier can shorten, plus a
 * wrapper and an export list per chunk: a one-command handler bundled to
 * 100,958 B. Every module runs when the package is required; none builds a
 * zod schema then (src/validation/lazy.ts).
 *
 * Why an ES module for bundlers: a bundler keeps a CommonJS file inside one
 * function (esbuild: `__commonJS((exports, module) => {...})`), which V8
 * parses twice, when the bundle loads and again when the function first runs,
 * in full both times when minified (an arrow function). Of an ES module, the
 * bundler keeps only the statements in such a function (`__esm`) and hoists
 * the functions to the bundle's top level, parsed once. Measured on the
 * bench's `require()` handler (Node 20 / 24, medians of 21 cold starts, in one
 * run): loading the bundle took 16.4 / 18.2 ms with index.cjs and 14.0 /
 * 15.6 ms with index.require.js; index.cjs's function compiled once (the
 * bundle edited by hand) loaded in 12.8 / 14.1 ms instead of 17.0 / 18.3 ms.
 * esbuild's lazy module wrappers for every module in one file (97 KB) started
 * 1.0-1.3 ms slower than one scope: the code stays inside the one CommonJS
 * function, and the first command a handler used built every shape schema.
 * See the README's Performance section.
 */
export async function writeRequireEntries(outDir: string): Promise<void> {
  const options = {
    entryPoints: ["src/index.ts"],
    bundle: true,
    platform: "node",
    target: "node20",
    // `__CJS__` (src/build-env.d.ts): the sources' `require` branches; minifySyntax drops the others (an `import()`
    // there would stop Jest). Names and layout stay readable.
    define: { __CJS__: "true" },
    minifySyntax: true,
    // zod/mini and @smithy/core's middleware stack come inside (their ES modules, tree-shaken); the
    // credential chain and ky are required at run time by computed names (src/auth/credentials.ts,
    // src/transport/fetch-http-handler.ts), so no other package is reached.
    external: ["@aws-sdk/*", "ky"],
    logLevel: "warning",
  } as const satisfies esbuild.BuildOptions;
  await esbuild.build({
    ...options,
    format: "cjs",
    outfile: resolve(outDir, "index.cjs"),
    banner: { js: "// Written by tsup.config.ts (writeRequireEntries): the package's CommonJS entry in one file." },
  });
  await esbuild.build({
    ...options,
    format: "esm",
    outfile: resolve(outDir, "index.require.js"),
    banner: {
      js: "// Written by tsup.config.ts (writeRequireEntries): index.cjs as an ES module, for bundlers (the `module` condition of `require`).",
    },
  });
}

/** Entry points of the CommonJS build besides index.cjs, which {@link writeRequireEntries} writes. */
const commonJsEntries = { testing: publicEntries.testing!, "emulator-cli": "src/testing/cli.ts" };

/**
 * Writes dist/files.cjs, the files subpath for `require()`, with esbuild: the
 * subpath's own code (and csv-parse, external) in one file that takes the
 * package's classes from `./index.cjs`. The subpath imports them through
 * src/index.ts; built into a file of its own, they would be second copies,
 * and an `AllocationsFileError` from it would not be an `instanceof` the
 * `PartnerCentralRevenueMeasurementError` a CommonJS caller requires, nor
 * would the errors of the caller's client be those this subpath checks for.
 */
export async function writeFilesRequireEntry(outDir: string): Promise<void> {
  await writeSubpathRequireEntry(outDir, "files", ["csv-parse"]);
}

/** Writes dist/batch.cjs, the batch subpath for `require()`, on ./index.cjs (see writeSubpathRequireEntry). */
export async function writeBatchRequireEntry(outDir: string): Promise<void> {
  await writeSubpathRequireEntry(outDir, "batch");
}

/**
 * Writes dist/<name>.cjs, the `require()` entry of a subpath (`batch`, `files`), bundled by esbuild from its
 * sources. What it imports from the package's other entries (`../index.js`, `../batch/index.js`) stays a
 * `require()` of their .cjs files, so there is one copy of the client, the commands and the error classes in a
 * process; internal helpers it imports otherwise are bundled into it.
 */
async function writeSubpathRequireEntry(outDir: string, name: "batch" | "files", external: string[] = []): Promise<void> {
  const shared: Record<string, string> = { [resolve("src/index.ts")]: "./index.cjs", [resolve("src/batch/index.ts")]: "./batch.cjs" };
  await esbuild.build({
    entryPoints: [publicEntries[name]!],
    bundle: true,
    platform: "node",
    target: "node20",
    format: "cjs",
    define: { __CJS__: "true" },
    minifySyntax: true,
    external: ["@aws-sdk/*", "ky", ...external],
    outfile: resolve(outDir, `${name}.cjs`),
    logLevel: "warning",
    banner: { js: `// Written by tsup.config.ts (writeSubpathRequireEntry): the ${name} subpath for require(), on ./index.cjs.` },
    plugins: [
      {
        name: "package-entries-as-cjs-files",
        setup(build) {
          build.onResolve({ filter: /(^|\/)index\.js$/ }, (args) => {
            const target = shared[resolve(args.resolveDir, args.path.replace(/\.js$/, ".ts"))];
            return target && target !== `./${name}.cjs` ? { path: target, external: true } : undefined;
          });
        },
      },
    ],
  });
}

/** The package build into `outDir` (`dist`, or `tsup --out-dir`); test/bundle.test.ts and test/jest.test.ts build it elsewhere. */
export function packageBuild(outDir = "dist"): Options {
  return {
    // "emulator-cli" and "allocations-cli" are the `bin`s (their sources start with a shebang, which esbuild keeps);
    // the allocations tool is an ES module only (package.json "type": "module" runs it as one).
    entry: { ...commandEntries, ...publicEntries, "emulator-cli": "src/testing/cli.ts", "allocations-cli": "src/cli/main.ts" },
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
      // The CommonJS index is one file of its own (writeRequireEntries); tsup builds the rest of the CommonJS build.
      if (format === "cjs") options.entryPoints = commonJsEntries;
      // `__CJS__` tells the source which lazy loader to use: `require` in the CommonJS build (CommonJS runners such
      // as Jest have no `import()` without flags), `import()` in the ES module build. See src/build-env.d.ts.
      options.define = { ...options.define, __CJS__: String(format === "cjs") };
    },
    onSuccess: async () => {
      await writeRequireEntries(outDir);
      await writeBatchRequireEntry(outDir);
      await writeFilesRequireEntry(outDir);
    },
  };
}

export default defineConfig((cli) => packageBuild(cli.outDir));
