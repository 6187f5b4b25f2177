/**
 * The one way this package loads a module it may not need: the standard credential chain, ky, `node:https`.
 */
// Not imported as `createRequire`: ES module bundles often start with a banner that declares that name
// (`import { createRequire } from "node:module"`, as AWS CDK's docs show), and a second declaration is a SyntaxError.
import { createRequire as requireFromFile } from "node:module";

/**
 * Loads `name` at run time, resolved from the file this code runs in (the package, or the bundle it was copied
 * into). Rejects with the loader's error when the module cannot be found.
 *
 * Why the name is a parameter: a bundler copies a module into a bundle when it sees the name as a literal in an
 * `import()` or a `require()`; a name passed in is left for Node to resolve, so a Lambda handler neither carries
 * nor parses the credential chain (about 375 KB) or ky when it does not use them.
 * Why two ways inside: in CommonJS (the package's `.cjs` build, a user's CommonJS bundle) `__filename` is defined
 * and `import()` may be missing (Jest without its VM-modules flag), so the module is required; in an ES module
 * `__filename` and `require` do not exist, so it is imported (`webpackIgnore`: webpack leaves it to Node).
 * @internal
 */
export async function loadOptionalModule<T>(name: string): Promise<T> {
  if (typeof __filename !== "string") return (await import(/* webpackIgnore: true */ name)) as T;
  try {
    return requireFromFile(__filename)(name) as T;
  } catch (e) {
    // An ES module bundle whose banner defines `__filename`, on a Node that cannot require an ES module (ky is one;
    // Node 20 before 20.19): import it instead.
    if ((e as { code?: unknown }).code !== "ERR_REQUIRE_ESM") throw e;
    return (await import(/* webpackIgnore: true */ name)) as T;
  }
}
