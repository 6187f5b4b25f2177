// The codec's ASCII fast paths (short strings written and read byte by byte) against @smithy/core's codec and TextEncoder.
import { describe, expect, it } from "vitest";
import { CborDecodeError, decodeCbor, encodeCbor } from "../src/protocol/cbor.js";
import { smithyDecode, smithyEncode } from "./helpers/smithy-cbor.js";

const strings: string[] = [];
for (const n of [0, 1, 23, 24, 63, 64, 65, 255, 256]) {
  strings.push("a".repeat(n), "é".repeat(n), `${"x".repeat(Math.max(0, n - 1))}€`, `\u007f${"~".repeat(n)}`, `😀${"b".repeat(n)}`);
}

describe("CBOR text fast paths", () => {
  it.each(strings.map((s) => [s.length, s] as const))("string of length %i encodes as @smithy/core does and round-trips", (_n, s) => {
    const ours = encodeCbor(s);
    expect(Buffer.from(ours).equals(Buffer.from(smithyEncode(s)))).toBe(true);
    expect(decodeCbor(ours)).toBe(s);
    expect(decodeCbor(new Uint8Array(smithyEncode(s)))).toBe(s);
  });

  it("map keys and values round-trip with @smithy/core, undefined members are omitted, __proto__ is skipped", () => {
    const value = { ascii: "prod-abc123def4567", "ключ": "значение", empty: "", skipped: undefined, n: 1 };
    const bytes = encodeCbor(value);
    expect(smithyDecode(bytes)).toEqual({ ascii: "prod-abc123def4567", "ключ": "значение", empty: "", n: 1 });
    // {"__proto__": {"polluted": 1}, "a": "b"}
    const proto = new Uint8Array([0xa2, 0x69, ...Buffer.from("__proto__"), 0xa1, 0x68, ...Buffer.from("polluted"), 0x01, 0x61, 0x61, 0x61, 0x62]);
    const out = decodeCbor(proto) as Record<string, unknown>;
    expect(out).toEqual({ a: "b" });
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it("rejects invalid UTF-8 in a short string", () => {
    expect(() => decodeCbor(new Uint8Array([0x62, 0xc3, 0x28]))).toThrow(CborDecodeError);
    expect(() => decodeCbor(new Uint8Array([0x61, 0xff]))).toThrow(CborDecodeError);
  });

  it("rejects a break or a non-string key inside a map", () => {
    expect(() => decodeCbor(new Uint8Array([0xa1, 0xff, 0x01]))).toThrow(/Unexpected CBOR break/);
    expect(() => decodeCbor(new Uint8Array([0xbf, 0x01, 0x02, 0xff]))).toThrow(/map key is not a text string/);
    expect(decodeCbor(new Uint8Array([0xbf, 0x61, 0x61, 0x01, 0xff]))).toEqual({ a: 1 });
  });
});

describe("CBOR map keys (the decoder's key cache)", () => {
  // 2,000 keys of 1 to 64 characters for a cache of 512 slots: many share a slot or a length, some differ in one
  // byte only; decoded again and again, each must come back as itself.
  const keys = Array.from({ length: 2000 }, (_, i) => `${"k".repeat(i % 64)}${i.toString(36)}`.slice(-(1 + (i % 64))));
  const nonAscii = ["clé", "ключ", "😀", "aé", "é".repeat(32)];

  it("keys that collide in the cache, differ in one byte or are not ASCII decode as @smithy/core decodes them", () => {
    const value = Object.fromEntries([...keys, ...nonAscii, "Arn", "Arm", "Ar"].map((k, i) => [k, i]));
    const bytes = new Uint8Array(smithyEncode(value));
    for (let round = 0; round < 3; round++) {
      const decoded = decodeCbor(bytes) as Record<string, number>;
      expect(decoded).toEqual(smithyDecode(bytes));
      expect(Object.keys(decoded).length).toBe(Object.keys(value).length);
    }
  });

  it("a key cached from one payload does not leak into another of the same length and slot", () => {
    for (let i = 0; i < 200; i++) {
      const key = `m${String(i).padStart(5, "0")}`;
      expect(Object.keys(decodeCbor(encodeCbor({ [key]: 1 })) as object)).toEqual([key]);
    }
  });

  it("a truncated key is still refused", () => {
    const bytes = encodeCbor({ abcdef: 1 }).slice(0, 4);
    expect(() => decodeCbor(bytes)).toThrow(CborDecodeError);
  });
});
