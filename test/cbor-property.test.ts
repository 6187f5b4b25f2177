/**
 * Property tests of the CBOR codec (src/protocol/cbor.ts) against @smithy/core's
 * cbor (what the official client uses), with fast-check:
 *
 * - random values: encoded by either codec, decoded by the other, equal;
 * - random valid encodings (definite and indefinite lengths, chunked strings,
 *   non-minimal heads, float widths): both decoders read the same value;
 * - random and mutated bytes: the decoder returns or throws CborDecodeError,
 *   nothing else, and the work it does (what it builds) is bounded by the
 *   input's length.
 *
 * Run counts and input sizes are modest so the file runs in a few seconds.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { CborDecodeError, decodeCbor, encodeCbor } from "../src/protocol/cbor.js";
import { smithyDecode, smithyEncode } from "./helpers/smithy-cbor.js";

/** What our codec promises to keep: maps lose their null members (Smithy structures). */
function normalize(value: unknown, options: { negativeZero?: number } = {}): unknown {
  if (Array.isArray(value)) return value.map((v) => normalize(v, options));
  if (Object.is(value, -0) && options.negativeZero !== undefined) return options.negativeZero;
  if (value instanceof Uint8Array || value instanceof Date || value === null || typeof value !== "object") return value;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) if (v != null) out[k] = normalize(v, options);
  return out;
}

const key = fc.string({ maxLength: 12, unit: "grapheme" }).filter((k) => k !== "__proto__");
const scalar = fc.oneof(
  fc.string({ maxLength: 40, unit: "grapheme" }),
  fc.string({ maxLength: 8, unit: "binary" }),
  fc.integer({ min: Number.MIN_SAFE_INTEGER, max: Number.MAX_SAFE_INTEGER }),
  fc.integer({ min: -70_000, max: 70_000 }),
  fc.double(),
  fc.boolean(),
  fc.constant(null),
  fc.uint8Array({ maxLength: 16 }),
  fc.date({ min: new Date("1900-01-01T00:00:00Z"), max: new Date("2200-01-01T00:00:00Z"), noInvalidDate: true }),
);
const { value: anyValue } = fc.letrec<{ value: unknown }>((tie) => ({
  value: fc.oneof(
    { depthSize: "small", withCrossShrink: true },
    scalar,
    fc.array(tie("value"), { maxLength: 6 }),
    fc.dictionary(key, tie("value"), { maxKeys: 6 }),
  ),
}));

describe("decoder and encoder agree with @smithy/core/cbor on random values", () => {
  it("we decode what @smithy/core encodes", () => {
    fc.assert(
      fc.property(anyValue, (value) => {
        // @smithy/core writes -0 as the integer 0; we keep -0 (the other direction checks that).
        expect(decodeCbor(smithyEncode(value))).toEqual(normalize(value, { negativeZero: 0 }));
      }),
      { numRuns: 400 },
    );
  });

  it("@smithy/core decodes what we encode", () => {
    fc.assert(
      fc.property(anyValue, (value) => {
        expect(smithyDecode(encodeCbor(value))).toEqual(normalize(value));
      }),
      { numRuns: 400 },
    );
  });
});

// ------------------------------------------------- random valid encodings

/** A tiny deterministic generator of choices, seeded by fast-check. */
function chooser(seed: number): (n: number) => number {
  let s = seed >>> 0 || 1;
  return (n) => {
    s ^= s << 13;
    s ^= s >>> 17;
    s ^= s << 5;
    return (s >>> 0) % n;
  };
}

/** A head with a randomly chosen (possibly non-minimal) width for `arg`. */
function head(major: number, arg: number, pick: (n: number) => number): number[] {
  const widths = [arg < 24 ? 0 : -1, arg < 0x100 ? 1 : -1, arg < 0x10000 ? 2 : -1, arg < 2 ** 32 ? 4 : -1, 8].filter((w) => w >= 0);
  const width = widths[pick(widths.length)]!;
  if (width === 0) return [(major << 5) | arg];
  const out = [(major << 5) | (24 + Math.log2(width))];
  for (let i = width - 1; i >= 0; i--) out.push(Math.floor(arg / 2 ** (8 * i)) % 256);
  return out;
}

function floatBytes(value: number, pick: (n: number) => number): number[] {
  if (Math.fround(value) === value || Number.isNaN(value)) {
    if (pick(2) === 0) {
      const b = Buffer.alloc(5);
      b[0] = 0xfa;
      b.writeFloatBE(value, 1);
      return [...b];
    }
  }
  const b = Buffer.alloc(9);
  b[0] = 0xfb;
  b.writeDoubleBE(value, 1);
  return [...b];
}

/** Splits `bytes` into random chunks, some of them empty, as an indefinite-length string of `major`. */
function chunked(major: number, bytes: Uint8Array, pick: (n: number) => number, text: boolean): number[] {
  const out = [(major << 5) | 31];
  let at = 0;
  while (at < bytes.length || pick(3) === 0) {
    let len = Math.min(bytes.length - at, pick(6));
    if (text) while (at + len < bytes.length && (bytes[at + len]! & 0xc0) === 0x80) len++; // chunks end on code points
    out.push(...head(major, len, pick), ...bytes.subarray(at, at + len));
    at += len;
    if (at >= bytes.length && pick(2) === 0) break;
  }
  out.push(0xff);
  return out;
}

/** Encodes `value` as valid CBOR, choosing lengths, widths and chunking at random. */
function randomEncoding(value: unknown, pick: (n: number) => number): number[] {
  if (value === null) return [0xf6];
  if (typeof value === "boolean") return [value ? 0xf5 : 0xf4];
  if (typeof value === "number") {
    if (Number.isSafeInteger(value) && !Object.is(value, -0)) return value >= 0 ? head(0, value, pick) : head(1, -1 - value, pick);
    return floatBytes(value, pick);
  }
  if (typeof value === "string") {
    const bytes = new TextEncoder().encode(value);
    return pick(3) === 0 ? chunked(3, bytes, pick, true) : [...head(3, bytes.length, pick), ...bytes];
  }
  if (value instanceof Uint8Array) return pick(3) === 0 ? chunked(2, value, pick, false) : [...head(2, value.length, pick), ...value];
  if (value instanceof Date) {
    const seconds = value.getTime() / 1000;
    return [0xc1, ...(Number.isInteger(seconds) && pick(2) === 0 ? randomEncoding(seconds, pick) : floatBytes(seconds, pick))];
  }
  const indefinite = pick(2) === 0;
  if (Array.isArray(value)) {
    const items = value.flatMap((v) => randomEncoding(v, pick));
    return indefinite ? [0x9f, ...items, 0xff] : [...head(4, value.length, pick), ...items];
  }
  const entries = Object.entries(value as Record<string, unknown>);
  // Keys keep definite lengths: @smithy/core's decoder does not read chunked keys (ours does; see cbor.test.ts).
  const body = entries.flatMap(([k, v]) => {
    const keyBytes = new TextEncoder().encode(k);
    return [...head(3, keyBytes.length, pick), ...keyBytes, ...randomEncoding(v, pick)];
  });
  return indefinite ? [0xbf, ...body, 0xff] : [...head(5, entries.length, pick), ...body];
}

describe("random valid encodings", () => {
  it("both decoders read the same value from the same bytes", () => {
    fc.assert(
      fc.property(anyValue, fc.integer(), (value, seed) => {
        const bytes = new Uint8Array(randomEncoding(value, chooser(seed)));
        expect(decodeCbor(bytes)).toEqual(normalize(smithyDecode(bytes)));
        expect(decodeCbor(bytes)).toEqual(normalize(value));
      }),
      { numRuns: 400 },
    );
  });
});

// ------------------------------------------------- random and mutated bytes

/**
 * The size of what a decode built: one per value, plus string and byte lengths. Linear work means this stays
 * within a small multiple of the input's length, whatever the input.
 */
function built(value: unknown): number {
  if (typeof value === "string") return 1 + value.length;
  if (value instanceof Uint8Array) return 1 + value.length;
  if (Array.isArray(value)) return value.reduce((n: number, v) => n + built(v), 1);
  if (value !== null && typeof value === "object" && !(value instanceof Date)) {
    return Object.entries(value).reduce((n, [k, v]) => n + k.length + built(v), 1);
  }
  return 1;
}

/** Decodes, and checks the only outcomes allowed: a value no bigger than the input allows, or CborDecodeError. */
function decodesSafely(bytes: Uint8Array): void {
  let value: unknown;
  try {
    value = decodeCbor(bytes);
  } catch (e) {
    if (!(e instanceof CborDecodeError)) throw e;
    expect(e.message.length).toBeGreaterThan(0);
    return;
  }
  expect(built(value)).toBeLessThanOrEqual(2 * bytes.length);
}

const mutation = fc.record({
  at: fc.nat(),
  kind: fc.constantFrom("flip", "insert", "delete", "truncate", "set"),
  byte: fc.integer({ min: 0, max: 255 }),
});

describe("random and mutated bytes: CborDecodeError or a value, nothing else", () => {
  it("random bytes", () => {
    fc.assert(fc.property(fc.uint8Array({ maxLength: 256 }), (bytes) => decodesSafely(bytes)), { numRuns: 3000 });
  });

  it("random bytes biased to heads that open strings, arrays, maps, tags and breaks", () => {
    const interesting = fc.constantFrom(0x5f, 0x7f, 0x9f, 0xbf, 0xff, 0x40, 0x60, 0x80, 0xa0, 0xc1, 0xdf, 0x1b, 0xf9, 0xfb, 0x61);
    fc.assert(
      fc.property(fc.array(fc.oneof(interesting, fc.integer({ min: 0, max: 255 })), { maxLength: 256 }), (bytes) =>
        decodesSafely(new Uint8Array(bytes)),
      ),
      { numRuns: 3000 },
    );
  });

  it("valid encodings with mutations", () => {
    fc.assert(
      fc.property(anyValue, fc.integer(), fc.array(mutation, { minLength: 1, maxLength: 4 }), (value, seed, mutations) => {
        const bytes = randomEncoding(value, chooser(seed));
        for (const m of mutations) {
          const at = bytes.length ? m.at % bytes.length : 0;
          if (m.kind === "flip") bytes[at] = (bytes[at] ?? 0) ^ (1 << m.byte % 8);
          else if (m.kind === "insert") bytes.splice(at, 0, m.byte);
          else if (m.kind === "delete") bytes.splice(at, 1);
          else if (m.kind === "truncate") bytes.length = at;
          else bytes[at] = m.byte;
        }
        decodesSafely(new Uint8Array(bytes));
      }),
      { numRuns: 2000 },
    );
  });
});
