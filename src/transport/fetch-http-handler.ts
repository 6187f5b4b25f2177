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
    if (abortSignal?.aborted) throw new AbortError(undefined, { cause: abortSignal.reason });
    const { default: ky } =
      typeof __CJS__ !== "undefined" && __CJS__ ? (require("ky") as typeof import("ky")) : await import("ky");
    const headers = { ...request.headers };
    delete headers["content-length"]; // fetch sets it itself and refuses to be told
    // One signal for the caller's abort and for our timeout, which covers the whole exchange
    // (ky's own timeout stops at the response headers, so a stalled body would hang).
    const controller = new AbortController();
    const onAbort = (): void => controller.abort(abortSignal?.reason);
    abortSignal?.addEventListener("abort", onAbort, { once: true });
    let timedOut = false;
    const timer =
      timeoutMs && timeoutMs > 0
        ? setTimeout(() => {
            timedOut = true;
            controller.abort();
          }, timeoutMs)
        : undefined;
    try {
      const response = await ky(request.url.href, {
        method: request.method,
        headers,
        body: request.body as Uint8Array<ArrayBuffer>,
        retry: 0,
        timeout: false,
        throwHttpErrors: false,
        signal: controller.signal,
        fetch: this.fetchImpl,
      });
      const body = await response.arrayBuffer();
      const out: Record<string, string> = {};
      response.headers.forEach((value, name) => {
        out[name.toLowerCase()] = value;
      });
      return { statusCode: response.status, headers: out, body: new Uint8Array(body) };
    } catch (e) {
      throw mapFetchError(e, abortSignal, timedOut ? timeoutMs : undefined);
    } finally {
      if (timer) clearTimeout(timer);
      abortSignal?.removeEventListener("abort", onAbort);
    }
  }
}

function mapFetchError(e: unknown, abortSignal: AbortSignal | undefined, timedOutAfterMs: number | undefined): Error {
  if (abortSignal?.aborted) return new AbortError(undefined, { cause: abortSignal.reason });
  if (timedOutAfterMs !== undefined) {
    return new NetworkError(`Request timed out after ${timedOutAfterMs} ms`, { code: "TimeoutError", cause: e });
  }
  const err = e as { name?: string; message?: string; cause?: { code?: string } };
  return new NetworkError(`Request failed: ${err?.message ?? String(e)}`, { code: err?.cause?.code, cause: e });
}
