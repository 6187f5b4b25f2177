/**
 * Schemas built on first use. Building zod schemas is most of the work of
 * evaluating this package's modules, and a `require()` of the package
 * evaluates every module (a bundler cannot drop what `require()` returns):
 * with each shape built on first use ({@link lazy}) and each object schema's
 * members read through getters ({@link lazyObject}: zod's own way to defer a
 * member, resolved once, on the first parse), a module defines its schemas
 * without building them, and a handler builds those of the commands it sends.
 */
import * as z from "zod/mini";

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

/**
 * `z.object` of members given as functions returning their schemas: a shape of
 * shapes.ts (`ClientToken`), or `() => z.optional(ClientToken())`. Each becomes
 * a getter of the object's shape, which zod reads once, on the first parse (or
 * the first read of `.shape`), and keeps.
 * @internal
 */
/* @__NO_SIDE_EFFECTS__ */
export function lazyObject<const T extends Record<string, () => z.ZodMiniType>>(
  members: T,
): z.ZodMiniObject<{ -readonly [K in keyof T]: ReturnType<T[K]> }> {
  const shape = {};
  for (const [name, member] of Object.entries(members)) Object.defineProperty(shape, name, { get: member, enumerable: true });
  return z.object(shape) as never;
}
