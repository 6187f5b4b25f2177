import { describe, expect, it } from "vitest";
import { runInNewContext } from "node:vm";
import { CborDecodeError, CborEncodeError, MAX_OBJECTS, decodeCbor, encodeCbor } from "../src/protocol/cbor.js";
import { smithyDecode, smithyEncode } from "./helpers/smithy-cbor.js";

const hex = (bytes: Uint8Array): string => Buffer.from(bytes).toString("hex");
const fromHex = (h: string): Uint8Array => new Uint8Array(Buffer.from(h.replace(/\s+/g, ""), "hex"));

describe("encodeCbor: RFC 8949 encodings", () => {
  it.each([
    [0, "00"],
    [1, "01"],
    [23, "17"],
    [24, "1818"],
    [255, "18ff"],
    [256, "190100"],
    [65535, "19ffff"],
    [65536, "1a00010000"],
    [4294967295, "1affffffff"],
    [4294967296, "1b0000000100000000"],
    [Number.MAX_SAFE_INTEGER, "1b001fffffffffffff"],
    [-1, "20"],
    [-24, "37"],
    [-25, "3818"],
    [-256, "38ff"],
    [-257, "390100"],
    [1.5, "fb3ff8000000000000"],
    [-0.25, "fbbfd0000000000000"],
    [true, "f5"],
    [false, "f4"],
    [null, "f6"],
    ["", "60"],
    ["a", "6161"],
    ["ü", "62c3bc"],
    [[], "80"],
    [[1, [2, 3]], "8201820203"],
    [{}, "a0"],
    [{ a: 1 }, "a1616101"],
    [new Uint8Array([1, 2, 3]), "43010203"],
  ])("encodes %o as %s", (value, expected) => {
    expect(hex(encodeCbor(value))).toBe(expected);
  });

  it("encodes a whole-second Date as tag 1 around an integer", () => {
    expect(hex(encodeCbor(new Date(1_700_000_000_000)))).toBe("c11a6553f100");
  });

  it("encodes a fractional-second Date as tag 1 around a float64", () => {
    expect(hex(encodeCbor(new Date(1_700_000_000_500)))).toBe("c1fb41d954fc40200000");
  });

  it("encodes a pre-1970 Date as tag 1 around a negative integer", () => {
    expect(hex(encodeCbor(new Date(-10_000)))).toBe("c129");
  });

  it("omits object members whose value is undefined", () => {
    expect(decodeCbor(encodeCbor({ a: 1, b: undefined, c: "x" }))).toEqual({ a: 1, c: "x" });
    expect(hex(encodeCbor({ b: undefined }))).toBe("a0");
  });

  it("rejects an invalid Date and values CBOR cannot carry", () => {
    expect(() => encodeCbor(new Date(Number.NaN))).toThrow(CborEncodeError);
    expect(() => encodeCbor(() => 1)).toThrow(CborEncodeError);
    expect(() => encodeCbor(Symbol("s"))).toThrow(CborEncodeError);
  });

  it("refuses what it cannot encode faithfully instead of writing something else", () => {
    expect(() => encodeCbor(2n ** 64n)).toThrow(/at most 64 bits/);
    expect(() => encodeCbor(-(2n ** 64n) - 1n)).toThrow(/at most 64 bits/);
    expect(() => encodeCbor({ m: new Map([["a", 1]]) })).toThrow(/Cannot encode a Map/);
    expect(() => encodeCbor(new Set([1]))).toThrow(/Cannot encode a Set/);
    expect(() => encodeCbor(new Int16Array(2))).toThrow(/Cannot encode a Int16Array/);
    expect(() => encodeCbor({ s: "a\ud800b" })).toThrow(/lone surrogate \(at index 1\)/);
    expect(() => encodeCbor(["\udc00"])).toThrow(CborEncodeError);
    expect(() => encodeCbor({ ["k\ud800"]: 1 })).toThrow(CborEncodeError);
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    expect(() => encodeCbor(cyclic)).toThrow(/deeper than 256/);
  });

  it("keeps what it can encode at the edges: 64-bit bigints, -0, paired surrogates", () => {
    expect(hex(encodeCbor(2n ** 64n - 1n))).toBe("1bffffffffffffffff");
    expect(hex(encodeCbor(-(2n ** 64n)))).toBe("3bffffffffffffffff");
    expect(hex(encodeCbor(-0))).toBe("fb8000000000000000");
    expect(Object.is(decodeCbor(encodeCbor(-0)), -0)).toBe(true);
    expect(decodeCbor(encodeCbor({ s: "🚀 ok" }))).toEqual({ s: "🚀 ok" });
  });

  it("encodes a Date, a Uint8Array and a plain object from another realm", () => {
    const foreign = runInNewContext("({ d: new Date(1700000000000), b: new Uint8Array([1, 2]), o: { a: 1 } })");
    expect(foreign.d instanceof Date).toBe(false);
    expect(decodeCbor(encodeCbor(foreign))).toEqual({ d: new Date(1_700_000_000_000), b: new Uint8Array([1, 2]), o: { a: 1 } });
  });

  it("does not take an object that only claims to be a Date", () => {
    const fake = { [Symbol.toStringTag]: "Date" };
    expect(hex(encodeCbor(fake))).toBe("a0"); // a plain object with no enumerable string members
  });

  it("leaves out null and undefined members (a null structure member is absent), keeps null in lists", () => {
    expect(hex(encodeCbor({ a: null, b: undefined }))).toBe("a0");
    expect(decodeCbor(encodeCbor({ a: [null, 1], b: null }))).toEqual({ a: [null, 1] });
  });

  it("grows its buffer for long strings and many items", () => {
    const long = "x".repeat(70_000);
    const list = Array.from({ length: 5000 }, (_, i) => ({ i, s: `item-${i}` }));
    expect(decodeCbor(encodeCbor({ long, list }))).toEqual({ long, list });
  });
});

describe("decodeCbor", () => {
  it.each([
    ["00", 0],
    ["17", 23],
    ["1818", 24],
    ["190100", 256],
    ["1a00010000", 65536],
    ["1b0000000100000000", 4294967296],
    ["20", -1],
    ["3863", -100],
    ["f4", false],
    ["f5", true],
    ["f6", null],
    ["f97c00", Infinity],
    ["f93c00", 1],
    ["f9c400", -4],
    ["f90001", 5.960464477539063e-8],
    ["fa47c35000", 100000],
    ["fb3ff199999999999a", 1.1],
    ["6449455446", "IETF"],
    ["83010203", [1, 2, 3]],
    ["a26161016162820203", { a: 1, b: [2, 3] }],
  ])("decodes %s", (h, expected) => {
    expect(decodeCbor(fromHex(h))).toEqual(expected);
  });

  it("decodes half-float NaN", () => {
    expect(decodeCbor(fromHex("f97e00"))).toBeNaN();
  });

  it("decodes indefinite-length strings, arrays and maps", () => {
    expect(decodeCbor(fromHex("7f657374726561646d696e67ff"))).toBe("streaming");
    expect(decodeCbor(fromHex("5f42010243030405ff"))).toEqual(new Uint8Array([1, 2, 3, 4, 5]));
    expect(decodeCbor(fromHex("9f018202039f0405ffff"))).toEqual([1, [2, 3], [4, 5]]);
    expect(decodeCbor(fromHex("bf61610161629f0203ffff"))).toEqual({ a: 1, b: [2, 3] });
  });

  it("turns tag 1 around an integer or a float into a Date", () => {
    expect(decodeCbor(fromHex("c11a514b67b0"))).toEqual(new Date(1_363_896_240_000));
    expect(decodeCbor(fromHex("c1fb41d452d9ec200000"))).toEqual(new Date(1_363_896_240_500));
  });

  it("passes the content of other tags through", () => {
    expect(decodeCbor(fromHex("d82076687474703a2f2f7777772e6578616d706c652e636f6d"))).toBe("http://www.example.com");
  });

  it("ignores a __proto__ key instead of polluting the prototype", () => {
    const out = decodeCbor(encodeCbor({ ["__proto__"]: { polluted: true }, a: 1 } as never)) as Record<string, unknown>;
    // `{ ["__proto__"]: ... }` in a literal is an own key; make sure it is dropped, and no prototype changed.
    expect(out.a).toBe(1);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    const crafted = fromHex("a2" + "69" + Buffer.from("__proto__").toString("hex") + "a1617801" + "616101");
    const decoded = decodeCbor(crafted) as Record<string, unknown>;
    expect(Object.getPrototypeOf(decoded)).toBe(Object.prototype);
    expect(decoded).toEqual({ a: 1 });
  });
});

describe("decodeCbor: truncated and malformed input throws CborDecodeError", () => {
  it.each([
    ["empty input", ""],
    ["truncated uint16", "19 01"],
    ["truncated uint64", "1b 00 00 00 01"],
    ["truncated text", "65 68 65 6c"],
    ["truncated byte string", "44 01 02"],
    ["truncated array", "83 01 02"],
    ["truncated map (missing value)", "a2 61 61 01 61 62"],
    ["truncated float64", "fb 3f f1 99"],
    ["truncated half float", "f9 3c"],
    ["unterminated indefinite array", "9f 01 02"],
    ["unterminated indefinite map", "bf 61 61 01"],
    ["unterminated indefinite text", "7f 61 61"],
    ["reserved additional info 28", "1c"],
    ["reserved additional info 30 on an array", "9e"],
    ["stray break", "ff"],
    ["break inside a definite array", "82 01 ff"],
    ["break as a map value", "bf 61 61 ff"],
    ["non-text map key", "a1 01 02"],
    ["invalid UTF-8 in text", "62 c3 28"],
    ["byte chunk inside indefinite text", "7f 41 00 ff"],
    ["tag 1 around a string", "c1 61 61"],
    ["trailing bytes", "01 02"],
    ["array length larger than the input", "9a 7f ff ff ff"],
    ["map length larger than the input", "ba 7f ff ff ff 61 61"],
    ["integer beyond 2^53", "1b ff ff ff ff ff ff ff ff"],
  ])("%s", (_name, h) => {
    expect(() => decodeCbor(fromHex(h))).toThrow(CborDecodeError);
  });

  it("rejects nesting deeper than 256 levels without a stack overflow", () => {
    const deep = new Uint8Array(100_000).fill(0x81);
    expect(() => decodeCbor(deep)).toThrow(/nesting deeper than 256/);
    const deepTags = new Uint8Array(100_000).fill(0xc1);
    expect(() => decodeCbor(deepTags)).toThrow(/nesting deeper than 256/);
    const deepMaps = new Uint8Array(100_001).fill(0xa1);
    for (let i = 1; i < deepMaps.length; i += 2) deepMaps[i] = 0x60; // { "": { "": ... } }
    expect(() => decodeCbor(deepMaps)).toThrow(/nesting deeper than 256/);
  });

  it("accepts nesting of exactly 256 levels", () => {
    const bytes = new Uint8Array(257).fill(0x81);
    bytes[256] = 0x00;
    let v = decodeCbor(bytes);
    let depth = 0;
    while (Array.isArray(v)) [v, depth] = [v[0], depth + 1];
    expect(depth).toBe(256);
  });

  it.each([
    ["tag with additional information 31", "df 00", /tag cannot have indefinite length/],
    ["unsigned integer with additional information 31", "1f", /unsigned integer cannot have indefinite length/],
    ["negative integer with additional information 31", "3f", /negative integer cannot have indefinite length/],
    ["nested indefinite-length text chunk", "7f 7f 61 61 ff ff", /indefinite-length text string nested inside another one/],
    ["nested indefinite-length byte chunk", "5f 5f 41 00 ff ff", /indefinite-length byte string nested inside another one/],
    ["text chunk inside an indefinite byte string", "5f 61 61 ff", /must be a definite-length byte string, not a text string/],
    ["integer chunk inside an indefinite text string", "7f 01 ff", /must be a definite-length text string, not a unsigned integer/],
    ["tag 1 around NaN", "c1 f9 7e 00", /wraps NaN, which is not a point in time/],
    ["tag 1 around Infinity", "c1 f9 7c 00", /wraps Infinity/],
    ["tag 1 around -Infinity", "c1 fb ff f0 00 00 00 00 00 00", /wraps -Infinity/],
    ["tag 1 beyond the range of a Date", "c1 fb 7f ef ff ff ff ff ff ff", /outside the range of a Date/],
    ["tag 1 around a map", "c1 a0", /must wrap a number, not a map/],
    ["a chunk that splits a UTF-8 sequence", "7f 61 c3 61 bc ff", /splits a UTF-8 sequence/],
    ["simple value in the two-byte form", "f8 20", /simple value \(additional information 24\)/],
    ["unassigned simple value", "f0", /simple value 16/],
    ["reserved additional information 28", "1c", /reserved additional information 28/],
  ])("names the problem: %s", (_name, h, message) => {
    expect(() => decodeCbor(fromHex(h))).toThrow(CborDecodeError);
    expect(() => decodeCbor(fromHex(h))).toThrow(message);
  });

  it("decodes an indefinite-length string of many chunks into one value", () => {
    const chunks = "7f" + "6161".repeat(1000) + "60".repeat(1000) + "62c3bc" + "ff";
    expect(decodeCbor(fromHex(chunks))).toBe("a".repeat(1000) + "ü");
    expect(decodeCbor(fromHex("5f" + "40".repeat(10) + "4101" + "5900020203" + "ff"))).toEqual(new Uint8Array([1, 2, 3]));
    expect(decodeCbor(fromHex("7fff"))).toBe("");
    expect(decodeCbor(fromHex("5fff"))).toEqual(new Uint8Array(0));
  });

  it("stops at MAX_OBJECTS arrays, maps, byte strings and timestamps, however they are spread", () => {
    const within = new Uint8Array(5 + MAX_OBJECTS - 1); // the outer array and MAX_OBJECTS - 1 empty ones
    within.set([0x9a, ...[0, 0, 0, 0]]);
    new DataView(within.buffer).setUint32(1, MAX_OBJECTS - 1);
    within.fill(0x80, 5);
    expect((decodeCbor(within) as unknown[]).length).toBe(MAX_OBJECTS - 1);
    for (const item of ["80", "a0", "40", "c100"]) {
      const body = fromHex("9f" + item.repeat(MAX_OBJECTS) + "ff");
      expect(() => decodeCbor(body), item).toThrow(/more than 100000 arrays, maps, byte strings and timestamps/);
    }
  });

  it("drops null and undefined map members (Smithy structures) and keeps them in lists", () => {
    expect(decodeCbor(fromHex("a2 61 61 f6 61 62 f7"))).toEqual({});
    expect(Object.keys(decodeCbor(fromHex("a1 61 61 f6")) as object)).toEqual([]);
    expect(decodeCbor(fromHex("82 f6 01"))).toEqual([null, 1]);
  });

  it("never throws anything but CborDecodeError on every prefix of a valid payload", () => {
    const full = encodeCbor({
      TaskId: "raatask-abcdefghij123",
      StartedAt: new Date(1_700_000_000_250),
      Total: 250,
      List: [{ A: "x", B: [1, 2, -3, 1.5] }],
      Bytes: new Uint8Array([9, 8, 7]),
    });
    for (let n = 0; n < full.length; n++) {
      expect(() => decodeCbor(full.subarray(0, n)), `prefix of ${n} bytes`).toThrow(CborDecodeError);
    }
  });

  it("never throws anything but CborDecodeError on random garbage", () => {
    let seed = 42;
    const rnd = (): number => (seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31;
    for (let i = 0; i < 2000; i++) {
      const bytes = new Uint8Array(1 + Math.floor(rnd() * 40)).map(() => Math.floor(rnd() * 256));
      try {
        decodeCbor(bytes);
      } catch (e) {
        expect(e).toBeInstanceOf(CborDecodeError);
      }
    }
  });
});

describe("round trip and differential against @smithy/core/cbor", () => {
  const samples: Record<string, unknown> = {
    "a create request": {
      Catalog: "AWS",
      ProductId: "prod-abc123def4567",
      EffectiveFrom: "2026-07-01",
      RevenueSharePercent: "15.50",
      ClientToken: "3f0c7a3e-4a1b-4a8e-9c1e-2f6f2b7c9d10",
    },
    "a task output with timestamps": {
      TaskId: "raatask-abcdefghij123",
      Status: "COMPLETE",
      StartedAt: new Date(1_700_000_000_000),
      EndedAt: new Date(1_700_000_123_456),
      TotalRevenueAttributionAllocationRecords: 250,
    },
    "numbers of every width": { n: [0, 23, 24, 255, 256, 65535, 65536, 2 ** 32, 2 ** 40, -1, -24, -25, -65537, 0.5, -1e300] },
    "unicode text": { s: "Grüße, 世界, 🚀", empty: "" },
    "nested lists and maps": { a: [[], [{}], [{ b: [true, false, null] }]] },
    "a 250-item batch": {
      RevenueShareAllocations: Array.from({ length: 250 }, (_, i) => ({
        Action: "CREATE",
        EntityType: "OFFER",
        EntityIdentifier: `offer-${i}`,
        CustomerAwsAccountId: "123456789012",
        RevenueSharePercent: "10",
        EffectiveFrom: "2026-01-01",
        EffectiveUntil: "2026-12-31",
      })),
    },
  };

  it.each(Object.entries(samples))("%s: decode(encode(x)) equals x", (_name, value) => {
    expect(decodeCbor(encodeCbor(value))).toEqual(value);
  });

  it.each(Object.entries(samples))("%s: @smithy/core decodes our encoding to the same value", (_name, value) => {
    expect(smithyDecode(encodeCbor(value))).toEqual(value);
  });

  it.each(Object.entries(samples))("%s: we decode @smithy/core's encoding to the same value", (_name, value) => {
    expect(decodeCbor(smithyEncode(value))).toEqual(value);
  });

  it("decodes byte strings from @smithy/core", () => {
    expect(decodeCbor(smithyEncode({ b: new Uint8Array([1, 2, 3]) }))).toEqual({ b: new Uint8Array([1, 2, 3]) });
  });
});
