/**
 * The package build, two paths:
 * 1. tsup: the ES module build of every entry, split into shared chunks and one module per command, so a
 *    consumer's bundler keeps only what a handler imports; the declarations (.d.ts and .d.cts) of the public
 *    entries; and `testing.cjs`.
 * 2. esbuild (writeCommonJsEntries): one file per public entry for `require()`, which a bundler cannot
 *    tree-shake, so each file holds only its entry's code in one scope.
 * Optional modules (the credential chain, ky) are loaded by name at run time (src/optional-module.ts) in every
 * output: nothing here needs to know about them.
 */
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

/** The `require()` files that esbuild writes: index.cjs first, as the others `require()` it. */
const commonJsEntries = ["index", "batch", "files"] as const;

/**
 * Writes the package's files for `require()`, each bundled by esbuild from the sources in one scope (with
 * zod/mini's used parts and @smithy/core's middleware stack):
 * - dist/index.cjs, what Node (and Jest) load for `require()`; and dist/index.require.js, the same code as an ES
 *   module, for bundlers (the `module` condition under `require` in package.json, which esbuild, webpack, Rollup
 *   and Bun apply and Node ignores). A bundler keeps a CommonJS file inside one function, which V8 parses twice
 *   (when the bundle loads and when the function first runs); of an ES module it hoists the functions to the
 *   bundle's top level, parsed once. The bench's `require()` handler starts measurably sooner with it
 *   (bench/README.md).
 * - dist/batch.cjs and dist/files.cjs, which `require("./index.cjs")` (and files also `./batch.cjs`) for what they
 *   import from the package's other entries, so a process holds one copy of the client, the commands and the
 *   error classes (an `AllocationsFileError` is then an `instanceof` the root class a caller requires).
 * Why one scope: split into shared chunks behind an index of lazy getters, every reference across chunks is a
 * property access no minifier can shorten, and a one-command `require()` handler bundled to over 100 KiB.
 */
export async function writeCommonJsEntries(outDir: string): Promise<void> {
  const files: Record<string, string> = {
    [resolve(publicEntries.index!)]: "./index.cjs",
    [resolve(publicEntries.batch!)]: "./batch.cjs",
  };
  for (const name of commonJsEntries) {
    const options = {
      entryPoints: [publicEntries[name]!],
      bundle: true,
      platform: "node",
      target: "node20",
      minifySyntax: true, // smaller output; names and layout stay readable
      external: name === "files" ? ["csv-parse"] : [],
      logLevel: "warning",
      plugins: [
        {
          name: "other-entries-as-commonjs-files",
          setup(build) {
            build.onResolve({ filter: /(^|\/)index\.js$/ }, (args) => {
              const target = files[resolve(args.resolveDir, args.path.replace(/\.js$/, ".ts"))];
              return target && target !== `./${name}.cjs` ? { path: target, external: true } : undefined;
            });
          },
        },
      ],
    } as const satisfies esbuild.BuildOptions;
    const banner = `// Written by tsup.config.ts (writeCommonJsEntries): the ${name} entry for require().`;
    await esbuild.build({ ...options, format: "cjs", outfile: resolve(outDir, `${name}.cjs`), banner: { js: banner } });
    if (name === "index") {
      await esbuild.build({
        ...options,
        format: "esm",
        outfile: resolve(outDir, "index.require.js"),
        banner: { js: "// Written by tsup.config.ts (writeCommonJsEntries): index.cjs as an ES module, for bundlers." },
      });
    }
  }
}

/** The package build into `outDir` (`dist`, or `tsup --out-dir`); test/bundle.test.ts and test/jest.test.ts build it elsewhere. */
export function packageBuild(outDir = "dist"): Options {
  return {
    // "emulator-cli" and "allocations-cli" are the `bin`s (their sources start with a shebang, which esbuild keeps).
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
    // zod and @smithy/core: external in the ES module build (a consumer's bundler tree-shakes their ES modules),
    // bundled into the CommonJS files, which a bundler cannot tree-shake: with zod external, one `require()` of
    // the package brought all of zod's CommonJS build (about 535 KiB minified) into a handler's bundle.
    noExternal: ["zod", "@smithy/core"],
    esbuildOptions(options, { format }) {
      if (format === "esm") options.external = [...(options.external ?? []), "zod", "zod/*", "@smithy/core", "@smithy/core/*"];
      // tsup's CommonJS pass writes testing.cjs (and the .d.cts files); writeCommonJsEntries writes the other entries.
      if (format === "cjs") options.entryPoints = { testing: publicEntries.testing! };
    },
    onSuccess: () => writeCommonJsEntries(outDir),
  };
}

export default defineConfig((cli) => packageBuild(cli.outDir));
