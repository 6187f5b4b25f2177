import { readdirSync } from "node:fs";
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

export default defineConfig({
  // "emulator-cli" is the `bin` (src/testing/cli.ts starts with a shebang, which esbuild keeps).
  entry: { ...commandEntries, ...publicEntries, "emulator-cli": "src/testing/cli.ts" },
  format: ["esm", "cjs"],
  dts: { entry: publicEntries },
  clean: true,
  sourcemap: false,
  splitting: true,
  treeshake: true,
  target: "node20",
  platform: "node",
  // `__CJS__` tells the source which lazy loader to use: `require` in the CommonJS build (CommonJS runners such
  // as Jest have no `import()` without flags), `import()` in the ES module build. See src/build-env.d.ts.
  esbuildOptions(options, { format }) {
    options.define = { ...options.define, __CJS__: String(format === "cjs") };
  },
});
