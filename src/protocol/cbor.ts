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

class Writer {
  buf = new Uint8Array(256);
  view = new DataView(this.buf.buffer);
  pos = 0;

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
}

function encodeValue(w: Writer, value: unknown): void {
  switch (typeof value) {
    case "string":
      encodeString(w, value);
      return;
    case "number":
      if (Number.isInteger(value) && Math.abs(value) <= Number.MAX_SAFE_INTEGER) {
        if (value >= 0) w.head(0, value);
        else w.head(1, -1 - value);
      } else {
        w.ensure(9);
        w.buf[w.pos++] = 0xfb;
        w.view.setFloat64(w.pos, value);
        w.pos += 8;
      }
      return;
    case "bigint":
      if (value >= 0n) {
        w.ensure(9);
        w.buf[w.pos++] = 0x1b;
        w.view.setBigUint64(w.pos, value);
      } else {
        w.ensure(9);
        w.buf[w.pos++] = 0x3b;
        w.view.setBigUint64(w.pos, -1n - value);
      }
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
      if (value instanceof Date) {
        w.head(6, 1);
        const ms = value.getTime();
        if (Number.isNaN(ms)) throw new TypeError("Cannot encode an invalid Date");
        encodeValue(w, ms / 1000);
        return;
      }
      if (value instanceof Uint8Array) {
        w.head(2, value.length);
        w.ensure(value.length);
        w.buf.set(value, w.pos);
        w.pos += value.length;
        return;
      }
      if (Array.isArray(value)) {
        w.head(4, value.length);
        for (const item of value) encodeValue(w, item);
        return;
      }
      const record = value as Record<string, unknown>;
      const keys = Object.keys(record);
      let size = 0;
      for (const k of keys) if (record[k] !== undefined) size++;
      w.head(5, size);
      for (const k of keys) {
        const v = record[k];
        if (v === undefined) continue;
        encodeString(w, k);
        encodeValue(w, v);
      }
      return;
    }
    case "undefined":
      w.ensure(1);
      w.buf[w.pos++] = 0xf7;
      return;
    default:
      throw new TypeError(`Cannot encode a value of type ${typeof value} as CBOR`);
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
  const bytes = textEncoder.encode(value);
  w.head(3, bytes.length);
  w.ensure(bytes.length);
  w.buf.set(bytes, w.pos);
  w.pos += bytes.length;
}

/**
 * Encodes a value as CBOR. Object members whose value is `undefined` are
 * omitted; `Date` becomes tag 1 around epoch seconds (an integer when whole).
 */
export function encodeCbor(value: unknown): Uint8Array {
  const w = new Writer();
  encodeValue(w, value);
  return w.buf.slice(0, w.pos);
}

// ---------------------------------------------------------------- decoding

const BREAK = Symbol("break");

class Reader {
  pos = 0;
  readonly view: DataView;
  constructor(readonly bytes: Uint8Array) {
    this.view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  }

  need(n: number): void {
    if (this.pos + n > this.bytes.length) {
      throw new CborDecodeError(`Truncated CBOR: needed ${n} more byte(s) at offset ${this.pos} of ${this.bytes.length}`);
    }
  }

  /** Reads the argument of a head; returns -1 for indefinite length. */
  argument(info: number): number {
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
        if (v > BigInt(Number.MAX_SAFE_INTEGER)) throw new CborDecodeError("CBOR integer too large");
        return Number(v);
      }
      case 31:
        return -1;
      default:
        throw new CborDecodeError(`Reserved CBOR additional information ${info} at offset ${this.pos - 1}`);
    }
  }
}

const MAX_DEPTH = 256;

function decodeItem(r: Reader, depth: number): unknown {
  if (depth > MAX_DEPTH) throw new CborDecodeError("CBOR nesting too deep");
  r.need(1);
  const initial = r.bytes[r.pos++]!;
  const major = initial >> 5;
  const info = initial & 0x1f;
  switch (major) {
    case 0:
      return r.argument(info === 31 ? 28 : info);
    case 1:
      return -1 - r.argument(info === 31 ? 28 : info);
    case 2:
    case 3: {
      const len = r.argument(info);
      if (len === -1) {
        const parts: Uint8Array[] = [];
        for (;;) {
          r.need(1);
          if (r.bytes[r.pos] === 0xff) {
            r.pos++;
            break;
          }
          const chunk = decodeItem(r, depth + 1);
          if (major === 2 ? !(chunk instanceof Uint8Array) : typeof chunk !== "string") {
            throw new CborDecodeError("Invalid chunk in indefinite-length string");
          }
          parts.push(typeof chunk === "string" ? textEncoder.encode(chunk) : (chunk as Uint8Array));
        }
        const total = parts.reduce((n, p) => n + p.length, 0);
        const joined = new Uint8Array(total);
        let at = 0;
        for (const p of parts) {
          joined.set(p, at);
          at += p.length;
        }
        return major === 2 ? joined : decodeText(joined);
      }
      r.need(len);
      if (major === 3 && len < 64) {
        const ascii = asciiText(r.bytes, r.pos, r.pos + len);
        if (ascii !== undefined) {
          r.pos += len;
          return ascii;
        }
      }
      const slice = r.bytes.subarray(r.pos, r.pos + len);
      r.pos += len;
      return major === 2 ? slice.slice() : decodeText(slice);
    }
    case 4: {
      const len = r.argument(info);
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
      const len = r.argument(info);
      const out: Record<string, unknown> = {};
      if (len !== -1) r.need(len * 2);
      for (let i = 0; len === -1 || i < len; i++) {
        const key = decodeItem(r, depth + 1);
        if (key === BREAK && len === -1) break;
        if (typeof key !== "string") {
          throw key === BREAK ? new CborDecodeError("Unexpected CBOR break") : new CborDecodeError("CBOR map key is not a text string");
        }
        const value = noBreak(decodeItem(r, depth + 1));
        if (key !== "__proto__") out[key] = value;
      }
      return out;
    }
    case 6: {
      const tagNumber = r.argument(info);
      const inner = noBreak(decodeItem(r, depth + 1));
      if (tagNumber === 1) {
        if (typeof inner !== "number") throw new CborDecodeError("CBOR tag 1 must wrap a number");
        return new Date(Math.round(inner * 1000));
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
        case 24:
          r.need(1);
          r.pos++;
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
          if (info < 20) return undefined; // unassigned simple values
          throw new CborDecodeError(`Reserved CBOR simple value ${info}`);
      }
    }
  }
}

function noBreak(v: unknown): unknown {
  if (v === BREAK) throw new CborDecodeError("Unexpected CBOR break");
  return v;
}

/**
 * Short ASCII strings (most keys and values) are cheaper to build by hand than
 * through TextDecoder; returns undefined when a byte is not ASCII.
 */
function asciiText(bytes: Uint8Array, start: number, end: number): string | undefined {
  let out = "";
  for (let i = start; i < end; i++) {
    const b = bytes[i]!;
    if (b > 0x7f) return undefined;
    out += String.fromCharCode(b);
  }
  return out;
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
 * Decodes exactly one CBOR data item. Throws {@link CborDecodeError} for
 * malformed or truncated input, or for trailing bytes after the item.
 */
export function decodeCbor(bytes: Uint8Array): unknown {
  const r = new Reader(bytes);
  const value = noBreak(decodeItem(r, 0));
  if (r.pos !== bytes.length) {
    throw new CborDecodeError(`Unexpected ${bytes.length - r.pos} trailing byte(s) after CBOR item`);
  }
  return value;
}
