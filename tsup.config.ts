import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { resolve } from "node:path";
import { defineConfig } from "tsup";

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

/**
 * The modules src/index.ts takes its run-time exports from (`export type` lines
 * aside), each an entry point of its own: the CommonJS index written by
 * {@link writeLazyCommonJsIndex} requires them one by one, on first use.
 */
const indexModuleEntries = Object.fromEntries(
  [...readFileSync("src/index.ts", "utf8").matchAll(/^export (?!type )[^;]*?from "\.\/([^"]+)\.js";/gm)].map(([, path]) => [
    path!.startsWith("commands/") ? path! : `modules/${path}`,
    `src/${path}.ts`,
  ]),
);

/**
 * Replaces tsup's dist/index.cjs, which requires every module at once, with one
 * that defines each export as a getter requiring its module on first use. A
 * CommonJS consumer cannot tree-shake: with the eager index, `require()` of this
 * package built every command's input schema at start-up (about 10 ms of a cold
 * start), while a handler written with `import` builds one. With the getters, a
 * `require()` handler evaluates only what it uses, in Node and in a bundle (a
 * bundler keeps each required module in a wrapper that runs on the first call).
 *
 * The export names are read from the built entry modules. Each getter requires
 * the shared chunk that holds the export (found by identity) rather than the
 * entry module, which only re-exports it: a bundle then carries no re-export code.
 */
export function writeLazyCommonJsIndex(outDir: string): void {
  const requireFromDist = createRequire(resolve(outDir, "index.cjs"));
  // What tsup's (eager) index exports: the names of src/index.ts, no more.
  const exported = Object.entries(requireFromDist("./index.cjs") as Record<string, unknown>);
  const modules = [
    ...readdirSync(outDir).filter((file) => /^chunk-.+\.cjs$/.test(file)),
    ...Object.keys(indexModuleEntries).map((entry) => `${entry}.cjs`),
  ].map((file) => ({ file, exports: Object.entries(requireFromDist(`./${file}`) as Record<string, unknown>) }));
  const byModule = new Map<string, Array<string | [name: string, key: string]>>();
  for (const [name, value] of exported) {
    // The first module holding the very same value (under any key for an object or a function).
    const home = modules.flatMap(({ file, exports }) =>
      exports
        .filter(([key, v]) => v === value && (key === name || typeof value === "object" || typeof value === "function"))
        .map(([key]) => ({ file, key })),
    )[0];
    if (!home) throw new Error(`writeLazyCommonJsIndex: no module of ${outDir} exports ${name}`);
    byModule.set(home.file, [...(byModule.get(home.file) ?? []), home.key === name ? name : [name, home.key]]);
  }
  // One literal require() per module (bundlers follow only literal ones), each export name written once.
  const table = [...byModule].map(([file, names]) => `  [() => require("./${file}"), ${JSON.stringify(names)}],`);
  writeFileSync(
    resolve(outDir, "index.cjs"),
    [
      "'use strict';",
      "// Written by tsup.config.ts: each export requires its module on first use (see writeLazyCommonJsIndex there).",
      'Object.defineProperty(exports, "__esModule", { value: true });',
      "for (const [load, names] of [",
      ...table,
      "]) {",
      "  for (const item of names) {",
      '    const [name, key] = typeof item === "string" ? [item, item] : item;',
      "    Object.defineProperty(exports, name, { enumerable: true, get: () => load()[key] });",
      "  }",
      "}",
      "",
    ].join("\n"),
  );
}

export default defineConfig({
  // "emulator-cli" is the `bin` (src/testing/cli.ts starts with a shebang, which esbuild keeps).
  entry: { ...indexModuleEntries, ...commandEntries, ...publicEntries, "emulator-cli": "src/testing/cli.ts" },
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
    // `__CJS__` tells the source which lazy loader to use: `require` in the CommonJS build (CommonJS runners such
    // as Jest have no `import()` without flags), `import()` in the ES module build. See src/build-env.d.ts.
    options.define = { ...options.define, __CJS__: String(format === "cjs") };
  },
  onSuccess: async () => writeLazyCommonJsIndex("dist"),
});
