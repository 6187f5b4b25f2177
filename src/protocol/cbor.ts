/**
 * A small CBOR (RFC 8949) codec covering what Smithy RPC v2 CBOR uses:
 * integers, floats, text and byte strings, arrays, maps, booleans, null and
 * tag 1 (epoch-seconds timestamps, surfaced as `Date`).
 *
 * Decoding is defensive: truncated input, reserved additional-info values and
 * unsupported major types throw {@link CborDecodeError}; nothing is left to
 * hang or to read past the end of the buffer.
 */
import { PartnerCentralRevenueMeasurementError } from "../errors.js";

/** Thrown when a payload is not well-formed CBOR. */
export class CborDecodeError extends PartnerCentralRevenueMeasurementError {
  override readonly name = "CborDecodeError";
}

const textEncoder = new TextEncoder();
const textDecoder = new TextDecoder("utf-8", { fatal: true });

// ---------------------------------------------------------------- encoding

/** Thrown when a value cannot be encoded faithfully (it would arrive as something else). */
export class CborEncodeError extends PartnerCentralRevenueMeasurementError {
  override readonly name = "CborEncodeError";
}

/** Deepest nesting of arrays and maps read or written (deeper input is refused, never a stack overflow). */
export const MAX_DEPTH = 256;
/**
 * Most arrays, maps, byte strings and timestamps one payload may hold. Each costs one input byte but tens of
 * bytes of memory, so this bounds what a hostile body can allocate; the service's largest page holds about 500.
 */
export const MAX_OBJECTS = 100_000;

const TWO_64 = 1n << 64n;

/** The largest buffer the shared writer keeps between calls. */
const MAX_KEPT_BYTES = 64 * 1024;

class Writer {
  buf = new Uint8Array(256);
  view = new DataView(this.buf.buffer);
  pos = 0;

  /** Ready for the next value; a buffer grown past {@link MAX_KEPT_BYTES} (a large batch) is let go. */
  reset(): void {
    this.pos = 0;
    if (this.buf.length > MAX_KEPT_BYTES) {
      this.buf = new Uint8Array(256);
      this.view = new DataView(this.buf.buffer);
    }
  }

  ensure(n: number): void {
    if (this.pos + n <= this.buf.length) return;
    let size = this.buf.length * 2;
    while (size < this.pos + n) size *= 2;
    const next = new Uint8Array(size);
    next.set(this.buf.subarray(0, this.pos));
    this.buf = next;
    this.view = new DataView(next.buffer);
  }

  head(major: number, length: number): void {
    this.ensure(9);
    const m = major << 5;
    if (length < 24) {
      this.buf[this.pos++] = m | length;
    } else if (length < 0x100) {
      this.buf[this.pos++] = m | 24;
      this.buf[this.pos++] = length;
    } else if (length < 0x10000) {
      this.buf[this.pos++] = m | 25;
      this.view.setUint16(this.pos, length);
      this.pos += 2;
    } else if (length < 0x100000000) {
      this.buf[this.pos++] = m | 26;
      this.view.setUint32(this.pos, length);
      this.pos += 4;
    } else {
      this.buf[this.pos++] = m | 27;
      this.view.setBigUint64(this.pos, BigInt(length));
      this.pos += 8;
    }
  }

  float64(value: number): void {
    this.ensure(9);
    this.buf[this.pos++] = 0xfb;
    this.view.setFloat64(this.pos, value);
    this.pos += 8;
  }
}

const objectTag = (value: object): string => Object.prototype.toString.call(value).slice(8, -1);

/**
 * Whether `value` is a `Date`, from this realm or another one (a `vm` context, a test sandbox): the brand
 * check `Date.prototype.getTime` makes, not `instanceof`.
 */
export function isDate(value: unknown): value is Date {
  if (value instanceof Date) return true;
  if (value === null || typeof value !== "object" || objectTag(value) !== "Date") return false;
  try {
    Date.prototype.getTime.call(value);
    return true;
  } catch {
    return false;
  }
}

function encodeValue(w: Writer, value: unknown, depth: number): void {
  switch (typeof value) {
    case "string":
      encodeString(w, value);
      return;
    case "number":
      if (Number.isInteger(value) && Math.abs(value) <= Number.MAX_SAFE_INTEGER && (value !== 0 || 1 / value > 0)) {
        if (value >= 0) w.head(0, value);
        else w.head(1, -1 - value);
      } else {
        w.float64(value); // fractions, -0, NaN, ±Infinity and integers beyond 2^53 (already floats in JS)
      }
      return;
    case "bigint":
      if (value >= TWO_64 || value < -TWO_64) {
        throw new CborEncodeError(`Cannot encode the bigint ${value}: CBOR integers hold at most 64 bits`);
      }
      w.ensure(9);
      w.buf[w.pos++] = value >= 0n ? 0x1b : 0x3b;
      w.view.setBigUint64(w.pos, value >= 0n ? value : -1n - value);
      w.pos += 8;
      return;
    case "boolean":
      w.ensure(1);
      w.buf[w.pos++] = value ? 0xf5 : 0xf4;
      return;
    case "object": {
      if (value === null) {
        w.ensure(1);
        w.buf[w.pos++] = 0xf6;
        return;
      }
      if (depth >= MAX_DEPTH) throw new CborEncodeError(`Cannot encode nesting deeper than ${MAX_DEPTH} levels (a cycle?)`);
      if (Array.isArray(value)) {
        w.head(4, value.length);
        for (const item of value) encodeValue(w, item, depth + 1);
        return;
      }
      const proto = Object.getPrototypeOf(value) as unknown;
      if (proto === Object.prototype || proto === null) encodeMap(w, value as Record<string, unknown>, depth);
      else encodeSpecialObject(w, value, depth);
      return;
    }
    case "undefined":
      w.ensure(1);
      w.buf[w.pos++] = 0xf7;
      return;
    default:
      throw new CborEncodeError(`Cannot encode a value of type ${typeof value} as CBOR`);
  }
}

/** Dates, byte strings, and objects that are not plain (from another realm, class instances); refuses the rest. */
function encodeSpecialObject(w: Writer, value: object, depth: number): void {
  if (isDate(value)) {
    const ms = value.getTime();
    if (Number.isNaN(ms)) throw new CborEncodeError("Cannot encode an invalid Date");
    w.head(6, 1);
    encodeValue(w, ms / 1000, depth + 1);
    return;
  }
  const tag = objectTag(value);
  if (tag === "Uint8Array" && ArrayBuffer.isView(value)) {
    const bytes = value as Uint8Array;
    w.head(2, bytes.length);
    w.ensure(bytes.length);
    w.buf.set(bytes, w.pos);
    w.pos += bytes.length;
    return;
  }
  if (tag !== "Object") {
    throw new CborEncodeError(`Cannot encode a ${tag} as CBOR; pass a plain object, an array, a Date or a Uint8Array`);
  }
  encodeMap(w, value as Record<string, unknown>, depth);
}

/** A map of the own enumerable members; `undefined` and `null` members are left out (Smithy: absent). */
function encodeMap(w: Writer, record: Record<string, unknown>, depth: number): void {
  const keys = Object.keys(record);
  let size = 0;
  for (const k of keys) if (record[k] != null) size++;
  w.head(5, size);
  for (const k of keys) {
    const v = record[k];
    if (v == null) continue;
    encodeString(w, k);
    encodeValue(w, v, depth + 1);
  }
}

/** Writes a text string; ASCII (the usual case: keys, ids, dates) is copied byte by byte without TextEncoder. */
function encodeString(w: Writer, value: string): void {
  const n = value.length;
  if (n < 64) {
    let ascii = true;
    for (let i = 0; i < n; i++) {
      if (value.charCodeAt(i) > 0x7f) {
        ascii = false;
        break;
      }
    }
    if (ascii) {
      w.head(3, n);
      w.ensure(n);
      const buf = w.buf;
      let pos = w.pos;
      for (let i = 0; i < n; i++) buf[pos++] = value.charCodeAt(i);
      w.pos = pos;
      return;
    }
  }
  const at = loneSurrogateIndex(value);
  if (at >= 0) {
    throw new CborEncodeError(`Cannot encode a string with a lone surrogate (at index ${at}): UTF-8 cannot carry it`);
  }
  const bytes = textEncoder.encode(value);
  w.head(3, bytes.length);
  w.ensure(bytes.length);
  w.buf.set(bytes, w.pos);
  w.pos += bytes.length;
}

/** An unpaired UTF-16 surrogate: a high one not followed by a low one, or a low one not after a high one. */
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/** Index of the first unpaired UTF-16 surrogate in `value`, or -1 when the string is well-formed. */
export function loneSurrogateIndex(value: string): number {
  const wellFormed = (value as unknown as { isWellFormed(): boolean }).isWellFormed(); // native since Node 20
  return wellFormed ? -1 : value.search(LONE_SURROGATE);
}

/**
 * Encodes a value as CBOR. Object members whose value is `undefined` or `null`
 * are omitted (Smithy structures: a null member is an absent one); `Date`
 * (from any realm) becomes tag 1 around epoch seconds (an integer when whole);
 * `-0` stays a float. Throws {@link CborEncodeError} instead of writing
 * something else for what CBOR here cannot carry faithfully: bigints beyond 64
 * bits, `Map`, `Set` and other non-plain objects, strings with a lone
 * surrogate, invalid Dates, functions, symbols, nesting deeper than
 * {@link MAX_DEPTH}.
 */
export function encodeCbor(value: unknown): Uint8Array {
  // One writer for every call: its buffer (off the V8 heap at this size) is allocated once, not per request. A
  // nested call (a getter of the value encoding something itself) gets a writer of its own.
  const w = sharedWriterBusy ? new Writer() : sharedWriter;
  if (w === sharedWriter) sharedWriterBusy = true;
  try {
    encodeValue(w, value, 0);
    return w.buf.slice(0, w.pos);
  } finally {
    if (w === sharedWriter) {
      w.reset();
      sharedWriterBusy = false;
    }
  }
}

const sharedWriter = new Writer();
let sharedWriterBusy = false;

// ---------------------------------------------------------------- decoding
//
// Every step consumes input: a head reads at least one byte before anything is
// allocated, declared lengths are checked against the bytes left before a
// buffer or array is made, indefinite-length strings are measured in one pass
// and copied in a second (no per-chunk allocation), nesting is capped at
// MAX_DEPTH and allocated objects at MAX_OBJECTS. Time and memory are
// therefore linear in the input, whatever the input.

const BREAK = Symbol("break");
/** The largest distance from the epoch a `Date` can hold, in milliseconds (ECMA-262). */
const MAX_DATE_MS = 8.64e15;

const MAJOR_NAMES = ["unsigned integer", "negative integer", "byte string", "text string", "array", "map", "tag", "simple value"];

class Reader {
  pos = 0;
  objects = 0;
  readonly view: DataView;
  constructor(readonly bytes: Uint8Array) {
    this.view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  }

  need(n: number): void {
    if (this.pos + n > this.bytes.length) {
      throw new CborDecodeError(`Truncated CBOR: needed ${n} more byte(s) at offset ${this.pos} of ${this.bytes.length}`);
    }
  }

  /** Counts one allocated array, map, byte string or timestamp against {@link MAX_OBJECTS}. */
  allocate(): void {
    if (++this.objects > MAX_OBJECTS) {
      throw new CborDecodeError(`CBOR payload holds more than ${MAX_OBJECTS} arrays, maps, byte strings and timestamps`);
    }
  }

  /** Reads the argument of a head with `major` type; returns -1 for indefinite length (additional information 31). */
  argument(major: number, info: number): number {
    if (info < 24) return info;
    switch (info) {
      case 24:
        this.need(1);
        return this.bytes[this.pos++]!;
      case 25: {
        this.need(2);
        const v = this.view.getUint16(this.pos);
        this.pos += 2;
        return v;
      }
      case 26: {
        this.need(4);
        const v = this.view.getUint32(this.pos);
        this.pos += 4;
        return v;
      }
      case 27: {
        this.need(8);
        const v = this.view.getBigUint64(this.pos);
        this.pos += 8;
        if (v > BigInt(Number.MAX_SAFE_INTEGER)) {
          throw new CborDecodeError(`CBOR ${MAJOR_NAMES[major]} argument ${v} at offset ${this.pos - 9} is beyond 2^53`);
        }
        return Number(v);
      }
      case 31:
        if (major >= 2 && major <= 5) return -1;
        throw new CborDecodeError(
          `Malformed CBOR at offset ${this.pos - 1}: a ${MAJOR_NAMES[major]} cannot have indefinite length (additional information 31)`,
        );
      default:
        throw new CborDecodeError(`Malformed CBOR at offset ${this.pos - 1}: reserved additional information ${info}`);
    }
  }
}

function decodeItem(r: Reader, depth: number): unknown {
  r.need(1);
  const initial = r.bytes[r.pos++]!;
  const major = initial >> 5;
  const info = initial & 0x1f;
  switch (major) {
    case 0:
      return r.argument(0, info);
    case 1:
      return -1 - r.argument(1, info);
    case 2:
    case 3: {
      const len = r.argument(major, info);
      if (len === -1) return decodeIndefiniteString(r, major);
      r.need(len);
      if (major === 3 && len < 256) {
        const ascii = asciiText(r.bytes, r.pos, r.pos + len);
        if (ascii !== undefined) {
          r.pos += len;
          return ascii;
        }
      }
      const slice = r.bytes.subarray(r.pos, r.pos + len);
      r.pos += len;
      if (major === 3) return decodeText(slice);
      r.allocate();
      return slice.slice();
    }
    case 4: {
      if (depth >= MAX_DEPTH) throw tooDeep();
      const len = r.argument(4, info);
      r.allocate();
      const out: unknown[] = [];
      if (len === -1) {
        for (;;) {
          const item = decodeItem(r, depth + 1);
          if (item === BREAK) break;
          out.push(item);
        }
      } else {
        r.need(len); // every item takes at least one byte
        for (let i = 0; i < len; i++) out.push(noBreak(decodeItem(r, depth + 1)));
      }
      return out;
    }
    case 5: {
      if (depth >= MAX_DEPTH) throw tooDeep();
      const len = r.argument(5, info);
      r.allocate();
      const out: Record<string, unknown> = {};
      if (len !== -1) r.need(len * 2);
      for (let i = 0; len === -1 || i < len; i++) {
        const keyAt = r.pos;
        const key = decodeKey(r, depth + 1);
        if (key === BREAK && len === -1) break;
        if (typeof key !== "string") {
          throw key === BREAK
            ? new CborDecodeError(`Unexpected CBOR break at offset ${keyAt}`)
            : new CborDecodeError(`CBOR map key is not a text string (offset ${keyAt})`);
        }
        const value = noBreak(decodeItem(r, depth + 1), r);
        // Maps are Smithy structures here: a null member is an absent one. `__proto__` is never assigned.
        if (value != null && key !== "__proto__") out[key] = value;
      }
      return out;
    }
    case 6: {
      const tagAt = r.pos - 1;
      const tagNumber = r.argument(6, info);
      if (depth >= MAX_DEPTH) throw tooDeep();
      const inner = noBreak(decodeItem(r, depth + 1), r);
      if (tagNumber === 1) {
        if (typeof inner !== "number") {
          throw new CborDecodeError(`CBOR tag 1 (epoch time) at offset ${tagAt} must wrap a number, not a ${describe(inner)}`);
        }
        const ms = Math.round(inner * 1000);
        if (!(ms <= MAX_DATE_MS && ms >= -MAX_DATE_MS)) {
          throw new CborDecodeError(
            Number.isFinite(inner)
              ? `CBOR tag 1 (epoch time) at offset ${tagAt} is outside the range of a Date`
              : `CBOR tag 1 (epoch time) at offset ${tagAt} wraps ${inner}, which is not a point in time`,
          );
        }
        r.allocate();
        return new Date(ms);
      }
      return inner;
    }
    default: {
      switch (info) {
        case 20:
          return false;
        case 21:
          return true;
        case 22:
          return null;
        case 23:
          return undefined;
        case 25: {
          r.need(2);
          const v = halfToFloat(r.view.getUint16(r.pos));
          r.pos += 2;
          return v;
        }
        case 26: {
          r.need(4);
          const v = r.view.getFloat32(r.pos);
          r.pos += 4;
          return v;
        }
        case 27: {
          r.need(8);
          const v = r.view.getFloat64(r.pos);
          r.pos += 8;
          return v;
        }
        case 31:
          return BREAK;
        default:
          throw new CborDecodeError(
            info < 24
              ? `Unsupported CBOR simple value ${info} at offset ${r.pos - 1}`
              : `Unsupported CBOR simple value (additional information ${info}) at offset ${r.pos - 1}`,
          );
      }
    }
  }
}

/**
 * An indefinite-length byte or text string: its chunks must be definite-length
 * strings of the same type (RFC 8949 section 3.2.3). Pass one checks the chunk
 * heads and adds up the length; pass two copies the bytes into one buffer.
 */
function decodeIndefiniteString(r: Reader, major: number): Uint8Array | string {
  const kind = MAJOR_NAMES[major]!;
  const bytes = r.bytes;
  const start = r.pos;
  let p = start;
  let total = 0;
  for (;;) {
    if (p >= bytes.length) {
      r.pos = p;
      r.need(1);
    }
    const head = bytes[p]!;
    if (head === 0xff) break;
    if (head >> 5 !== major) {
      throw new CborDecodeError(
        `Malformed CBOR at offset ${p}: a chunk of an indefinite-length ${kind} must be a definite-length ${kind}, not a ${MAJOR_NAMES[head >> 5]}`,
      );
    }
    const info = head & 0x1f;
    if (info < 24) {
      p += 1 + info; // the common case, kept free of calls: a short chunk, or a hostile run of empty ones
      total += info;
      continue;
    }
    if (info === 31) {
      throw new CborDecodeError(`Malformed CBOR at offset ${p}: an indefinite-length ${kind} nested inside another one`);
    }
    r.pos = p + 1;
    const len = r.argument(major, info);
    r.need(len);
    p = r.pos + len;
    total += len;
  }
  const end = p;
  r.pos = end + 1; // past the break
  if (major === 3 && total === 0) return "";
  const joined = new Uint8Array(total);
  let at = 0;
  for (let p = start; p < end; ) {
    const info = bytes[p]! & 0x1f;
    const width = info < 24 ? 0 : 1 << (info - 24);
    let len = info < 24 ? info : 0;
    for (let i = 1; i <= width; i++) len = len * 256 + bytes[p + i]!;
    p += 1 + width;
    if (major === 3 && len > 0 && (bytes[p]! & 0xc0) === 0x80) {
      throw new CborDecodeError(`Malformed CBOR at offset ${p}: a chunk of an indefinite-length text string splits a UTF-8 sequence`);
    }
    if (len > 0) joined.set(bytes.subarray(p, p + len), at);
    at += len;
    p += len;
  }
  if (major === 2) {
    r.allocate();
    return joined;
  }
  return decodeText(joined);
}

/**
 * Map keys are member names, the same few in every response. A short ASCII key is looked up in a small cache by a
 * hash of its bytes and compared byte by byte: a repeated key costs no new string, and is the string V8 already
 * holds as a property name (a fresh one must be looked up in V8's string table to become one). Anything else is
 * decoded as any item.
 */
const KEY_CACHE_SIZE = 512; // a power of two
const keyCache: (string | undefined)[] = new Array<string | undefined>(KEY_CACHE_SIZE).fill(undefined);

function decodeKey(r: Reader, depth: number): unknown {
  const bytes = r.bytes;
  const head = r.pos < bytes.length ? bytes[r.pos]! : 0;
  // A definite-length text string: up to 23 bytes after a one-byte head, or a length in one more byte.
  const len = head >= 0x60 && head < 0x78 ? head - 0x60 : head === 0x78 && r.pos + 1 < bytes.length ? bytes[r.pos + 1]! : -1;
  const start = r.pos + (head === 0x78 ? 2 : 1);
  if (len < 1 || len > 64 || start + len > bytes.length) return decodeItem(r, depth);
  let hash = len;
  for (let i = start; i < start + len; i++) hash = (Math.imul(hash, 31) + bytes[i]!) | 0;
  const slot = hash & (KEY_CACHE_SIZE - 1);
  const cached = keyCache[slot];
  if (cached !== undefined && cached.length === len) {
    let same = true;
    for (let i = 0; i < len && same; i++) same = cached.charCodeAt(i) === bytes[start + i];
    if (same) {
      r.pos = start + len;
      return cached;
    }
  }
  const key = decodeItem(r, depth);
  // Cached only when ASCII, which the comparison above relies on: UTF-8 takes more bytes than UTF-16 takes units
  // for any other character, so one character per byte means ASCII.
  if (typeof key === "string" && key.length === len) keyCache[slot] = key;
  return key;
}

const tooDeep = (): CborDecodeError => new CborDecodeError(`CBOR nesting deeper than ${MAX_DEPTH} levels`);

function describe(v: unknown): string {
  if (v === null) return "null";
  if (Array.isArray(v)) return "array";
  if (v instanceof Uint8Array) return "byte string";
  if (v instanceof Date) return "timestamp";
  return typeof v === "object" ? "map" : typeof v;
}

function noBreak(v: unknown, r?: Reader): unknown {
  if (v === BREAK) throw new CborDecodeError(`Unexpected CBOR break${r ? ` before offset ${r.pos}` : ""}`);
  return v;
}

/**
 * ASCII strings of up to 255 bytes (keys, ids, dates, ARNs: nearly every string of a response) are built in one
 * call from their bytes, cheaper than through TextDecoder; returns undefined when a byte is not ASCII.
 */
function asciiText(bytes: Uint8Array, start: number, end: number): string | undefined {
  for (let i = start; i < end; i++) if (bytes[i]! > 0x7f) return undefined;
  return String.fromCharCode.apply(null, bytes.subarray(start, end) as unknown as number[]);
}

function decodeText(bytes: Uint8Array): string {
  try {
    return textDecoder.decode(bytes);
  } catch {
    throw new CborDecodeError("CBOR text string is not valid UTF-8");
  }
}

function halfToFloat(h: number): number {
  const sign = h & 0x8000 ? -1 : 1;
  const exp = (h >> 10) & 0x1f;
  const frac = h & 0x3ff;
  if (exp === 0) return sign * 2 ** -14 * (frac / 1024);
  if (exp === 0x1f) return frac ? NaN : sign * Infinity;
  return sign * 2 ** (exp - 15) * (1 + frac / 1024);
}

/**
 * Decodes exactly one CBOR data item, in time and memory linear in the input.
 * Maps become plain objects without their `null` members (Smithy structures);
 * tag 1 becomes a `Date`. Throws {@link CborDecodeError}, and nothing else, for
 * malformed or truncated input, trailing bytes, nesting deeper than
 * {@link MAX_DEPTH}, more than {@link MAX_OBJECTS} arrays, maps, byte strings
 * and timestamps, integers beyond 2^53, and simple values other than
 * false/true/null/undefined and floats.
 */
export function decodeCbor(bytes: Uint8Array): unknown {
  const r = new Reader(bytes);
  const value = noBreak(decodeItem(r, 0), r);
  if (r.pos !== bytes.length) {
    throw new CborDecodeError(`Unexpected ${bytes.length - r.pos} trailing byte(s) after CBOR item`);
  }
  return value;
}
