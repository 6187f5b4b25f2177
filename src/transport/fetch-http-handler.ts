/**
 * The fetch-based HTTP handler, built on `ky`. Used when the caller passes a
 * `fetch` implementation or when `node:http` is not available. Retries are the
 * client's job, so ky's own retry is turned off. It behaves as the `node:http`
 * handler does: redirects are not followed (a 3xx is returned as it came),
 * and the body is read as a stream that is cancelled once it passes 16 MiB.
 */
import { InvalidConfigurationError } from "../endpoints.js";
import { AbortError, NetworkError } from "../errors.js";
import { OWN_HTTP_HANDLER, type HttpHandler, type HttpRequestSpec, type HttpResponseSpec } from "./types.js";
import { readBody } from "./body.js";
import { loadOptionalModule } from "../optional-module.js";

/** A `fetch`-compatible function. */
export type FetchLike = (input: Request | string | URL, init?: RequestInit) => Promise<Response>;

/**
 * ky, loaded on the first fetch request (src/optional-module.ts): a bundled handler does not contain it. Without
 * `ky` in `node_modules` beside the bundle, this throws {@link InvalidConfigurationError} saying so, instead of Node's
 * bare "Cannot find module".
 */
async function loadKy(): Promise<typeof import("ky")> {
  try {
    return await loadOptionalModule<typeof import("ky")>("ky");
  } catch (cause) {
    const reason = (cause instanceof Error ? cause.message : String(cause)).split("\n")[0];
    throw new InvalidConfigurationError(
      `The fetch transport (the client's \`fetch\` option) needs the ky package, which could not be loaded (${reason}). ` +
        "Install ky beside your bundle (a bundled require() handler leaves it out; mark it external), or leave out " +
        "`fetch` to send with node:http.",
      { cause },
    );
  }
}

/** `fetch` handler (via ky); ky is imported on first use. */
export class FetchHttpHandler implements HttpHandler {
  readonly [OWN_HTTP_HANDLER] = true as const;
  constructor(private readonly fetchImpl: FetchLike = globalThis.fetch) {}

  async handle(
    request: HttpRequestSpec,
    options: { abortSignal?: AbortSignal; timeoutMs?: number } = {},
  ): Promise<HttpResponseSpec> {
    const { abortSignal, timeoutMs } = options;
    if (abortSignal?.aborted) throw new AbortError(undefined, { cause: abortSignal.reason });
    const { default: ky } = await loadKy();
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
      // The origin and path only, as node:http sends them: SigV4 here signs no query string, so one a request may
      // carry would be sent unsigned (and the service would answer 403).
      const response = await ky(request.url.origin + request.url.pathname, {
        method: request.method,
        headers,
        body: request.body as Uint8Array<ArrayBuffer>,
        retry: 0,
        timeout: false,
        throwHttpErrors: false,
        redirect: "manual",
        signal: controller.signal,
        fetch: this.fetchImpl,
      });
      const body = await readBody(response.body);
      const out: Record<string, string> = {};
      response.headers.forEach((value, name) => {
        out[name.toLowerCase()] = value;
      });
      return { statusCode: response.status, headers: out, body };
    } catch (e) {
      throw mapFetchError(e, abortSignal, timedOut ? timeoutMs : undefined);
    } finally {
      controller.abort(); // releases the connection of a body left unread (no-op once it was read)
      if (timer) clearTimeout(timer);
      abortSignal?.removeEventListener("abort", onAbort);
    }
  }
}

function mapFetchError(e: unknown, abortSignal: AbortSignal | undefined, timedOutAfterMs: number | undefined): Error {
  if (e instanceof NetworkError) return e;
  if (abortSignal?.aborted) return new AbortError(undefined, { cause: abortSignal.reason });
  if (timedOutAfterMs !== undefined) {
    return new NetworkError(`Request timed out after ${timedOutAfterMs} ms`, { code: "TimeoutError", cause: e });
  }
  const err = e as { name?: string; message?: string; cause?: { code?: string } };
  return new NetworkError(`Request failed: ${err?.message ?? String(e)}`, { code: err?.cause?.code, cause: e });
}
