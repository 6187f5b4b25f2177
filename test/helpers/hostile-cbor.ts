// Hostile CBOR bodies of a given size, shared by test/cbor-hostile.test.ts and scripts/cbor-hostile.ts.

/** The kinds of hostile body. */
export type HostileKind =
  | "text-empty-chunks"
  | "bytes-empty-chunks"
  | "array-of-empty-arrays"
  | "array-of-empty-maps"
  | "nested-indefinite"
  | "deep-arrays";

/** `size` bytes of the given hostile shape (every one of them well-formed up to its first problem). */
export function hostileBody(kind: HostileKind, size: number): Uint8Array {
  const b = new Uint8Array(size);
  const wrap = (open: number, fill: number) => {
    b.fill(fill);
    b[0] = open;
    b[size - 1] = 0xff;
  };
  switch (kind) {
    case "text-empty-chunks":
      wrap(0x7f, 0x60);
      break;
    case "bytes-empty-chunks":
      wrap(0x5f, 0x40);
      break;
    case "array-of-empty-arrays":
      wrap(0x9f, 0x80);
      break;
    case "array-of-empty-maps":
      wrap(0x9f, 0xa0);
      break;
    case "nested-indefinite":
      b.fill(0x7f);
      break;
    case "deep-arrays":
      b.fill(0x81);
      break;
  }
  return b;
}
