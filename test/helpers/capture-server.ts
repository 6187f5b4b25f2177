/**
 * A scripted local HTTP server for tests: records every request (decoded CBOR
 * body included) and answers from a queue of responses or a handler function.
 */
import * as http from "node:http";
import type { AddressInfo } from "node:net";
import { decodeCbor, encodeCbor } from "../../src/protocol/cbor.js";

export interface CapturedRequest {
  method: string;
  path: string;
  headers: http.IncomingHttpHeaders;
  raw: Buffer;
  body: unknown;
}

export interface ScriptedResponse {
  status?: number;
  headers?: Record<string, string>;
  /** Encoded as CBOR unless it is a string or Buffer. */
  body?: unknown;
  /** Destroy the socket instead of answering. */
  drop?: boolean;
  /** Delay before answering, in ms. */
  delayMs?: number;
}

export interface CaptureServer {
  endpoint: string;
  requests: CapturedRequest[];
  /** Responses served in order; when empty, `fallback` answers. */
  queue: ScriptedResponse[];
  fallback: (req: CapturedRequest) => ScriptedResponse;
  close(): Promise<void>;
}

export function cborResponse(body: unknown, status = 200, extraHeaders: Record<string, string> = {}): ScriptedResponse {
  return {
    status,
    headers: { "content-type": "application/cbor", "smithy-protocol": "rpc-v2-cbor", ...extraHeaders },
    body,
  };
}

export function errorResponse(type: string, status: number, members: Record<string, unknown> = {}): ScriptedResponse {
  return cborResponse({ __type: `com.amazonaws.partnercentralrevenuemeasurement#${type}`, ...members }, status, {
    "x-amzn-requestid": "req-error-1",
  });
}

export async function startCaptureServer(): Promise<CaptureServer> {
  const state: CaptureServer = {
    endpoint: "",
    requests: [],
    queue: [],
    fallback: () => cborResponse({}),
    close: async () => {},
  };
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const raw = Buffer.concat(chunks);
      let body: unknown;
      try {
        body = raw.length ? decodeCbor(new Uint8Array(raw)) : undefined;
      } catch {
        body = "<undecodable>";
      }
      const captured: CapturedRequest = { method: req.method ?? "", path: req.url ?? "", headers: req.headers, raw, body };
      state.requests.push(captured);
      const reply = state.queue.shift() ?? state.fallback(captured);
      const send = (): void => {
        if (reply.drop) {
          req.socket.destroy();
          return;
        }
        const payload =
          reply.body === undefined
            ? Buffer.alloc(0)
            : typeof reply.body === "string" || Buffer.isBuffer(reply.body)
              ? Buffer.from(reply.body as string)
              : Buffer.from(encodeCbor(reply.body));
        res.writeHead(reply.status ?? 200, { "content-length": String(payload.length), ...(reply.headers ?? {}) });
        res.end(payload);
      };
      if (reply.delayMs) setTimeout(send, reply.delayMs);
      else send();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  state.endpoint = `http://127.0.0.1:${port}`;
  state.close = () =>
    new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    });
  return state;
}
