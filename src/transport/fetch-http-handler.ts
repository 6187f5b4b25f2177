/**
 * The fetch-based HTTP handler, built on `ky`. Used when the caller passes a
 * `fetch` implementation or when `node:http` is not available. Retries are the
 * client's job, so ky's own retry is turned off.
 */
import { AbortError, NetworkError } from "../errors.js";
import type { HttpHandler, HttpRequestSpec, HttpResponseSpec } from "./types.js";

/** A `fetch`-compatible function. */
export type FetchLike = (input: Request | string | URL, init?: RequestInit) => Promise<Response>;

/** `fetch` handler (via ky); ky is imported on first use. */
export class FetchHttpHandler implements HttpHandler {
  constructor(private readonly fetchImpl: FetchLike = globalThis.fetch) {}

  async handle(
    request: HttpRequestSpec,
    options: { abortSignal?: AbortSignal; timeoutMs?: number } = {},
  ): Promise<HttpResponseSpec> {
    const { abortSignal, timeoutMs } = options;
    if (abortSignal?.aborted) throw new AbortError();
    const { default: ky } = await import("ky");
    const headers = { ...request.headers };
    delete headers["content-length"]; // fetch sets it itself and refuses to be told
    let response: Response;
    try {
      response = await ky(request.url.href + "", {
        method: request.method,
        headers,
        body: request.body as Uint8Array<ArrayBuffer>,
        retry: 0,
        timeout: timeoutMs && timeoutMs > 0 ? timeoutMs : false,
        throwHttpErrors: false,
        signal: abortSignal,
        fetch: this.fetchImpl,
      });
    } catch (e) {
      throw mapFetchError(e, abortSignal, timeoutMs);
    }
    let body: ArrayBuffer;
    try {
      body = await response.arrayBuffer();
    } catch (e) {
      throw mapFetchError(e, abortSignal, timeoutMs);
    }
    const out: Record<string, string> = {};
    response.headers.forEach((value, name) => {
      out[name.toLowerCase()] = value;
    });
    return { statusCode: response.status, headers: out, body: new Uint8Array(body) };
  }
}

function mapFetchError(e: unknown, abortSignal: AbortSignal | undefined, timeoutMs: number | undefined): Error {
  if (abortSignal?.aborted) return new AbortError(undefined, { cause: abortSignal.reason });
  const err = e as { name?: string; message?: string; cause?: { code?: string } };
  if (err?.name === "TimeoutError") {
    return new NetworkError(`Request timed out after ${timeoutMs} ms`, { code: "TimeoutError", cause: e });
  }
  return new NetworkError(`Request failed: ${err?.message ?? String(e)}`, { code: err?.cause?.code, cause: e });
}
