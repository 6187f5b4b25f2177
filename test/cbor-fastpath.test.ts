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
