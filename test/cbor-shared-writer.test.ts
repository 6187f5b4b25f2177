// encodeCbor reuses one writer between calls: a call that throws, a nested call (a getter that encodes) and a
// large payload must leave nothing behind for the next call.
import { describe, expect, it } from "vitest";
import { CborEncodeError, decodeCbor, encodeCbor } from "../src/protocol/cbor.js";
import { smithyEncode } from "./helpers/smithy-cbor.js";

const same = (ours: Uint8Array, value: unknown) => expect(Buffer.from(ours).toString("hex")).toBe(Buffer.from(smithyEncode(value)).toString("hex"));

describe("encodeCbor's shared writer", () => {
  it("a call that throws half-way leaves the next call's output clean", () => {
    expect(() => encodeCbor({ a: "written first", b: new Map() })).toThrow(CborEncodeError);
    same(encodeCbor({ c: 1 }), { c: 1 });
  });

  it("a getter that encodes while its object is encoded gets its own writer", () => {
    let inner: Uint8Array | undefined;
    const value = {
      first: "x",
      get second() {
        inner = encodeCbor({ nested: "value" });
        return "y";
      },
    };
    const outer = encodeCbor(value);
    expect(decodeCbor(outer)).toEqual({ first: "x", second: "y" });
    expect(decodeCbor(inner!)).toEqual({ nested: "value" });
  });

  it("outputs are copies: a later call does not change an earlier result", () => {
    const a = encodeCbor({ id: "aaaa" });
    const b = encodeCbor({ id: "bbbb" });
    expect(decodeCbor(a)).toEqual({ id: "aaaa" });
    expect(decodeCbor(b)).toEqual({ id: "bbbb" });
  });

  it("a payload larger than the kept buffer, then a small one", () => {
    const big = { items: Array.from({ length: 5000 }, (_, i) => ({ Id: `item-${i}`, Percent: "12.50" })) };
    same(encodeCbor(big), big);
    same(encodeCbor({ small: true }), { small: true });
  });
});
