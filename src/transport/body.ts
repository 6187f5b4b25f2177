/**
 * Reading a response body in full, whatever shape a transport gives it (bytes, text, a web stream, a Node stream,
 * a Blob), refusing it past {@link MAX_RESPONSE_BODY_BYTES} as it streams in: one place for both the `fetch`
 * transport and the adapter of `@smithy` handlers.
 */
import { MAX_RESPONSE_BODY_BYTES, responseTooLarge } from "../errors.js";

/** The parts of a response body's possible shapes that are read here. */
export type AnyBody =
  | Uint8Array
  | string
  | { getReader(): ReadableStreamDefaultReader<Uint8Array> }
  | AsyncIterable<Uint8Array | string>
  | { arrayBuffer(): Promise<ArrayBuffer> }
  | null
  | undefined;

/** Reads a response body in full, refusing more than {@link MAX_RESPONSE_BODY_BYTES}. */
export async function readBody(body: AnyBody): Promise<Uint8Array> {
  if (body == null) return new Uint8Array();
  if (body instanceof Uint8Array) return body;
  if (typeof body === "string") return new TextEncoder().encode(body);
  const chunks: Uint8Array[] = [];
  let size = 0;
  const take = (chunk: Uint8Array | string): void => {
    const bytes = typeof chunk === "string" ? new TextEncoder().encode(chunk) : chunk;
    size += bytes.byteLength;
    if (size > MAX_RESPONSE_BODY_BYTES) throw responseTooLarge();
    chunks.push(bytes);
  };
  if ("getReader" in body) {
    const reader = body.getReader();
    try {
      for (let r = await reader.read(); !r.done; r = await reader.read()) take(r.value);
    } finally {
      void reader.cancel().catch(() => undefined);
    }
  } else if (Symbol.asyncIterator in body) {
    for await (const chunk of body) take(chunk);
  } else {
    take(new Uint8Array(await body.arrayBuffer()));
  }
  const out = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    out.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return out;
}

