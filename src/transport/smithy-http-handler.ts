/**
 * A `@smithy/types` `HttpHandler` (what the official client takes as `requestHandler`: `NodeHttpHandler` and
 * `FetchHttpHandler` from `@smithy`, a user's wrapper, a proxy set-up) behind our transport interface. The request
 * goes in the `HttpRequest` shape; the response body, whatever the handler gives (a Node stream, a web stream, a
 * Blob or bytes), is read in full, refused past 16 MiB.
 */
import type {
  HttpHandlerOptions,
  HttpRequest as SmithyHttpRequest,
  HttpResponse,
  RequestHandler,
  RequestHandlerOutput,
} from "@smithy/types";
import { AbortError, NetworkError } from "../errors.js";
import { readBody, type AnyBody } from "./body.js";
import { startTimeout } from "./timeouts.js";
import type { HttpHandler, HttpRequestSpec, HttpResponseSpec } from "./types.js";

/**
 * A `@smithy/types` HTTP handler: what `@smithy/protocol-http`'s `HttpHandler` is, without its config methods.
 * `handle` is a method (its parameter is checked both ways) because `NodeHttpHandler` and `FetchHttpHandler` declare
 * theirs on the `HttpRequest` class of `@smithy/core`, not on the `@smithy/types` interface: as a function-typed
 * property, as in `RequestHandler`, they would not be assignable (TS2322), while the official client takes them.
 */
export interface SmithyHttpHandler extends Omit<RequestHandler<SmithyHttpRequest, HttpResponse, HttpHandlerOptions>, "handle"> {
  handle(request: SmithyHttpRequest, handlerOptions?: HttpHandlerOptions): Promise<RequestHandlerOutput<HttpResponse>>;
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
