/**
 * Schemas built on first use. Building zod schemas is most of the work of
 * evaluating this package's modules, and a `require()` of the CommonJS build
 * evaluates every module (a bundler cannot drop what CommonJS does not use):
 * with each shape built on first use, and each input schema's members read
 * through getters (zod's own way to defer a member, resolved once on the first
 * parse), a module defines its schemas without building them, and a handler
 * builds those of the commands it sends only.
 */

/**
 * A function returning the value `build` makes on the first call, and the same
 * value on every later call.
 * @internal
 */
/* @__NO_SIDE_EFFECTS__ */
export function lazy<T>(build: () => T): () => T {
  let value: T | undefined;
  return () => (value ??= build());
}
