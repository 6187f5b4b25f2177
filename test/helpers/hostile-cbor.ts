// Hostile CBOR bodies of a given size, shared by test/cbor-hostile.test.ts and scripts/cbor-hostile.ts.

/** Bodies of one opening head, then one repeated byte, then a break (0xff). */
const WRAPPED = {
  "text-empty-chunks": [0x7f, 0x60], // an indefinite-length text string of empty chunks
  "bytes-empty-chunks": [0x5f, 0x40], // the same for a byte string
  "array-of-empty-arrays": [0x9f, 0x80],
  "array-of-empty-maps": [0x9f, 0xa0],
} as const;
/** Bodies of one byte repeated. */
const FILLED = {
  "nested-indefinite": 0x7f, // indefinite-length text strings nested in one another
  "deep-arrays": 0x81, // one-element arrays nested in one another
} as const;

/** The kinds of hostile body. */
export type HostileKind = keyof typeof WRAPPED | keyof typeof FILLED;

/** `size` bytes of the given hostile shape. */
export function hostileBody(kind: HostileKind, size: number): Uint8Array {
  const body = new Uint8Array(size);
  if (kind in FILLED) return body.fill(FILLED[kind as keyof typeof FILLED]);
  const [open, fill] = WRAPPED[kind as keyof typeof WRAPPED];
  body.fill(fill);
  body[0] = open;
  body[size - 1] = 0xff;
  return body;
}

/** Every kind, for scripts that measure them all. */
export const HOSTILE_KINDS = [...Object.keys(WRAPPED), ...Object.keys(FILLED)] as HostileKind[];
