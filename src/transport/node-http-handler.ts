/**
 * The default HTTP handler on Node: `node:http`/`node:https` with keep-alive
 * agents. It avoids the cost of starting undici (`fetch`) on the first call,
 * which matters for Lambda cold starts.
 */
// The default import is node:http's own exports object: `http.request` is looked up at each call, so a tracer
// that replaces it (OpenTelemetry, dd-trace, X-Ray's captureHTTPsGlobal) sees our requests in both module systems.
// (A named import binds the original function in an ES module.)
import http from "node:http";
import type * as https from "node:https";
import { AbortError, MAX_RESPONSE_BODY_BYTES, NetworkError, responseTooLarge } from "../errors.js";
import { loadOptionalModule } from "../optional-module.js";
import { startTimeout } from "./timeouts.js";
import { OWN_HTTP_HANDLER, type HttpHandler, type HttpRequestSpec, type HttpResponseSpec } from "./types.js";

/**
 * `node:https` is loaded on the first https request, not at start-up: it brings
 * in TLS (2-4 ms of a cold start), which a plain-http endpoint (the emulator, a
 * local server) never needs. `process.getBuiltinModule` (Node 20.16+) loads it
 * synchronously from either module format; older Node loads it as an optional module.
 */
let httpsModule: typeof https | undefined;
async function loadHttps(): Promise<typeof https> {
  return (httpsModule ??=
    process.getBuiltinModule?.("node:https") ?? (await loadOptionalModule<typeof https>("node:https")));
}

/** The host name as `node:http` takes it: an IPv6 address without its brackets. */
function bareHostname(hostname: string): string {
  return hostname.startsWith("[") && hostname.endsWith("]") ? hostname.slice(1, -1) : hostname;
}

/**
 * The response headers with lower-cased names, repeated ones joined with `, ` (as `fetch` has them), read
 * from the raw list: cheaper than `res.headers`, which node:http builds on first access.
 */
function responseHeaders(raw: string[]): Record<string, string> {
  const headers: Record<string, string> = {};
  for (let i = 0; i + 1 < raw.length; i += 2) {
    const name = raw[i]!.toLowerCase();
    if (name === "__proto__") continue;
    const value = raw[i + 1]!;
    const seen = headers[name]; // a string only when set here (`toString` and the like are inherited functions)
    headers[name] = typeof seen === "string" ? `${seen}, ${value}` : value;
  }
  return headers;
}

/**
 * Options of the default handler: the official client's `requestHandler` shorthand (`NodeHttpHandlerOptions`
 * of `@smithy/node-http-handler`), so `{ httpsAgent }` with a proxy agent or custom TLS works as it does there.
 */
export interface NodeHttpHandlerOptions {
  /** The agent of `http:` requests; default a keep-alive agent of 50 sockets. */
  httpAgent?: http.Agent;
  /** The agent of `https:` requests (a proxy agent, custom CA, …); default a keep-alive agent of 50 sockets. */
  httpsAgent?: https.Agent;
  /** Milliseconds to wait for a new connection (TCP and TLS) before the attempt fails with a retried `NetworkError`. */
  connectionTimeout?: number;
}

/**
 * `node:http(s)` handler with keep-alive connection pooling. Redirects are not
 * followed (a 3xx is returned as it came); a body over 16 MiB is refused as
 * it streams in.
 */
export class NodeHttpHandler implements HttpHandler {
  readonly [OWN_HTTP_HANDLER] = true as const;
  private httpAgent?: http.Agent;
  private httpsAgent?: https.Agent;
  private readonly connectionTimeout?: number;

  constructor(options: NodeHttpHandlerOptions = {}) {
    this.httpAgent = options.httpAgent;
    this.httpsAgent = options.httpsAgent;
    this.connectionTimeout = options.connectionTimeout;
  }

  handle(
    request: HttpRequestSpec,
    options: { abortSignal?: AbortSignal; timeoutMs?: number } = {},
  ): Promise<HttpResponseSpec> {
    if (request.url.protocol === "https:" && !httpsModule) return loadHttps().then(() => this.handle(request, options));
    const { abortSignal, timeoutMs } = options;
    return new Promise<HttpResponseSpec>((resolve, reject) => {
      if (abortSignal?.aborted) {
        reject(new AbortError());
        return;
      }
      const isHttps = request.url.protocol === "https:";
      const agent = isHttps
        ? (this.httpsAgent ??= new httpsModule!.Agent({ keepAlive: true, maxSockets: 50 }))
        : (this.httpAgent ??= new http.Agent({ keepAlive: true, maxSockets: 50 }));
      const requestFn = isHttps ? httpsModule!.request : http.request;
      let settled = false;
      let cancelTimeout: (() => void) | undefined;
      const finish = (err: Error | undefined, value?: HttpResponseSpec): void => {
        if (settled) return;
        settled = true;
        cancelTimeout?.();
        abortSignal?.removeEventListener("abort", onAbort);
        if (err) reject(err);
        else resolve(value!);
      };
      const req = requestFn(
        {
          agent,
          method: request.method,
          protocol: request.url.protocol,
          hostname: bareHostname(request.url.hostname),
          port: request.url.port || undefined,
          path: request.url.pathname,
          // An object, never the flat `[name, value, ...]` list node:http also takes: HTTP instrumentations copy
          // `options.headers` as an object (`{ ...headers }`) to add their trace headers, and a list copied so
          // becomes `{ "0": name, "1": value, ... }`, which loses every header. Each attempt's headers are a fresh
          // object from the signer, so an instrumentation adding its own to them changes nothing of ours.
          // node:http adds `Host` when it is missing.
          headers: request.headers,
        },
        (res) => {
          const chunks: Buffer[] = [];
          let size = 0;
          res.on("data", (chunk: Buffer) => {
            size += chunk.length;
            if (size > MAX_RESPONSE_BODY_BYTES) {
              req.destroy();
              finish(responseTooLarge());
              return;
            }
            chunks.push(chunk);
          });
          res.on("end", () => {
            if (!res.complete) {
              finish(new NetworkError("Connection closed before the response body was complete", { code: "ECONNRESET" }));
              return;
            }
            const body = chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks);
            finish(undefined, {
              statusCode: res.statusCode ?? 0,
              headers: responseHeaders(res.rawHeaders),
              body: new Uint8Array(body.buffer, body.byteOffset, body.byteLength),
            });
          });
          res.on("error", (e: NodeJS.ErrnoException) =>
            finish(new NetworkError(`Response stream failed: ${e.message}`, { code: e.code ?? "ECONNRESET", cause: e })),
          );
          res.on("aborted", () =>
            finish(new NetworkError("Connection closed before the response body was complete", { code: "ECONNRESET" })),
          );
        },
      );
      const onAbort = (): void => {
        req.destroy();
        finish(new AbortError(undefined, { cause: abortSignal?.reason }));
      };
      abortSignal?.addEventListener("abort", onAbort, { once: true });
      if (timeoutMs !== undefined && timeoutMs > 0) {
        cancelTimeout = startTimeout(timeoutMs, () => {
          req.destroy();
          finish(new NetworkError(`Request timed out after ${timeoutMs} ms`, { code: "TimeoutError" }));
        });
      }
      if (this.connectionTimeout) {
        const connectionTimeout = this.connectionTimeout;
        req.once("socket", (socket) => {
          if (!socket.connecting) return; // a pooled connection
          const timer = setTimeout(() => {
            req.destroy();
            finish(new NetworkError(`Connection not established within ${connectionTimeout} ms`, { code: "TimeoutError" }));
          }, connectionTimeout);
          socket.once(isHttps ? "secureConnect" : "connect", () => clearTimeout(timer));
          socket.once("close", () => clearTimeout(timer));
        });
      }
      req.on("error", (e: NodeJS.ErrnoException) => {
        finish(new NetworkError(`Request failed: ${e.message}`, { code: e.code, cause: e }));
      });
      req.end(request.body);
    });
  }

  /** Closes pooled sockets so the process can exit. */
  destroy(): void {
    this.httpAgent?.destroy();
    this.httpsAgent?.destroy();
  }
}
