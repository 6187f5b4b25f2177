/** The HTTP-level request and response the transport works with. */

/** One HTTP request, fully built (headers include content-length; not yet signed). */
export interface HttpRequestSpec {
  method: "POST";
  /** The operation's URL. One `URL` object serves consecutive requests to an operation: read it, never change it. */
  readonly url: URL;
  headers: Record<string, string>;
  body: Uint8Array;
}

/** One HTTP response, with the body read in full and header names lower-cased. */
export interface HttpResponseSpec {
  statusCode: number;
  headers: Record<string, string>;
  body: Uint8Array;
}

/**
 * Marks this package's own transports (and test doubles of them): a `requestHandler` without it is taken as a
 * `@smithy/types` `HttpHandler`, the official client's interface, and run through an adapter.
 */
export const OWN_HTTP_HANDLER = Symbol.for("partnercentral-revenue-measurement.own-http-handler");

/**
 * Sends one request. Rejects with `NetworkError` on connection failure or timeout, `AbortError` on abort.
 * The package's internal transport interface (public `requestHandler`s are `@smithy/types` `HttpHandler`s).
 */
export interface HttpHandler {
  readonly [OWN_HTTP_HANDLER]?: true;
  handle(request: HttpRequestSpec, options: { abortSignal?: AbortSignal; timeoutMs?: number }): Promise<HttpResponseSpec>;
  /** Releases pooled connections. */
  destroy?(): void;
}
