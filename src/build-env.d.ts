/**
 * Set by the build (tsup.config.ts): `true` in the CommonJS build, `false` in
 * the ES module build. Undefined when the sources run directly (vitest, tsx):
 * test it as `typeof __CJS__ !== "undefined" && __CJS__`, so that each build
 * keeps only its own branch.
 */
declare const __CJS__: boolean;
