/**
 * A `@smithy/types` `HttpHandler` (what the official client takes as `requestHandler`: `NodeHttpHandler` and
 * `FetchHttpHandler` from `@smithy`, a user's wrapper, a proxy set-up) behind our transport interface. The request
 * goes in the `HttpRequest` shape; the response body, whatever the handler gives (a Node stream, a web stream, a
 * Blob or bytes), is read in full, refused past 16 MiB.
 */
import type { HttpHandlerOptions, HttpRequest as SmithyHttpRequest, HttpResponse, RequestHandler } from "@smithy/types";
import { AbortError, MAX_RESPONSE_BODY_BYTES, NetworkError, responseTooLarge } from "../errors.js";
import { startTimeout } from "./timeouts.js";
import type { HttpHandler, HttpRequestSpec, HttpResponseSpec } from "./types.js";

/** A `@smithy/types` HTTP handler: what `@smithy/protocol-http`'s `HttpHandler` is, without its config methods. */
export type SmithyHttpHandler = RequestHandler<SmithyHttpRequest, HttpResponse, HttpHandlerOptions>;

/** The parts of a response body's possible shapes that are read here. */
type AnyBody =
  | Uint8Array
  | string
  | { getReader(): ReadableStreamDefaultReader<Uint8Array> }
  | AsyncIterable<Uint8Array | string>
  | { arrayBuffer(): Promise<ArrayBuffer> }
  | null
  | undefined;

/** Reads a response body in full, refusing more than {@link MAX_RESPONSE_BODY_BYTES}. */
async function readBody(body: AnyBody): Promise<Uint8Array> {
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

/** Our request in the `@smithy/types` `HttpRequest` shape. */
export function toSmithyRequest(request: HttpRequestSpec): SmithyHttpRequest {
  const { url } = request;
  const query: Record<string, string> = {};
  for (const [key, value] of url.searchParams) query[key] = value;
  return {
    method: request.method,
    protocol: url.protocol,
    hostname: url.hostname.startsWith("[") ? url.hostname.slice(1, -1) : url.hostname,
    port: url.port ? Number(url.port) : undefined,
    path: url.pathname,
    query,
    headers: { ...request.headers },
    body: request.body,
  };
}

/** Runs a `@smithy/types` `HttpHandler` as our transport. */
export class SmithyHttpHandlerAdapter implements HttpHandler {
  constructor(readonly handler: SmithyHttpHandler) {}

  async handle(request: HttpRequestSpec, options: { abortSignal?: AbortSignal; timeoutMs?: number }): Promise<HttpResponseSpec> {
    const { abortSignal, timeoutMs } = options;
    if (abortSignal?.aborted) throw new AbortError(undefined, { cause: abortSignal.reason });
    // One signal for the handler: the caller's abort, or our timeout (a handler may not honour requestTimeout).
    const controller = new AbortController();
    let timedOut = false;
    const onAbort = (): void => controller.abort(abortSignal?.reason);
    abortSignal?.addEventListener("abort", onAbort, { once: true });
    const cancelTimeout =
      timeoutMs !== undefined && timeoutMs > 0
        ? startTimeout(timeoutMs, () => {
            timedOut = true;
            controller.abort();
          })
        : undefined;
    try {
      const { response } = await this.handler.handle(toSmithyRequest(request), {
        abortSignal: controller.signal,
        requestTimeout: timeoutMs,
      });
      const headers: Record<string, string> = {};
      for (const [name, value] of Object.entries(response.headers ?? {})) {
        if (value != null && name !== "__proto__") headers[name.toLowerCase()] = String(value);
      }
      return { statusCode: response.statusCode, headers, body: await readBody(response.body as AnyBody) };
    } catch (e) {
      if (timedOut) throw new NetworkError(`Request timed out after ${timeoutMs} ms`, { code: "TimeoutError", cause: e });
      if (abortSignal?.aborted) throw new AbortError(undefined, { cause: abortSignal.reason });
      if (e instanceof NetworkError || e instanceof AbortError) throw e;
      const err = e as { code?: string; name?: string; message?: string };
      // What a handler throws is a transport failure: a NetworkError keeps its code (ECONNRESET, TimeoutError, …).
      throw new NetworkError(`Request failed: ${err?.message ?? String(e)}`, {
        code: err?.code ?? (err?.name === "TimeoutError" ? "TimeoutError" : undefined),
        cause: e,
      });
    } finally {
      cancelTimeout?.();
      abortSignal?.removeEventListener("abort", onAbort);
    }
  }

  destroy(): void {
    this.handler.destroy?.();
  }
}
