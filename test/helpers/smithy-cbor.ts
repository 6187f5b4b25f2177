// @smithy/core's CBOR codec (what the official client uses) as a reference codec for our own, with `Date`s
// mapped to and from its tag-1 objects so values compare with `toEqual`.
import { cbor, dateToTag } from "@smithy/core/cbor";

function toSmithy(value: unknown): unknown {
  if (value instanceof Date) return dateToTag(value);
  if (Array.isArray(value)) return value.map(toSmithy);
  if (value && typeof value === "object" && !(value instanceof Uint8Array)) {
    return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined).map(([k, v]) => [k, toSmithy(v)]));
  }
  return value;
}

function fromSmithy(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(fromSmithy);
  if (value instanceof Uint8Array) return new Uint8Array(value);
  if (value && typeof value === "object") {
    const tagged = value as { tag?: unknown; value?: unknown };
    if (tagged.tag === 1 && typeof tagged.value === "number") return new Date(Math.round(tagged.value * 1000));
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, fromSmithy(v)]));
  }
  return value;
}

/** Encodes with @smithy/core's codec; `Date`s become tag 1 around epoch seconds. */
export const smithyEncode = (value: unknown): Uint8Array => new Uint8Array(cbor.serialize(toSmithy(value)));

/** Decodes with @smithy/core's codec; tag 1 becomes a `Date`, byte strings plain `Uint8Array`s. */
export const smithyDecode = (bytes: Uint8Array): unknown => fromSmithy(cbor.deserialize(bytes));
