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

/** Sends one request. Rejects with `NetworkError` on connection failure or timeout, `AbortError` on abort. */
export interface HttpHandler {
  handle(request: HttpRequestSpec, options: { abortSignal?: AbortSignal; timeoutMs?: number }): Promise<HttpResponseSpec>;
  /** Releases pooled connections. */
  destroy?(): void;
}
