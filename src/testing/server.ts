/**
 * The emulator's HTTP side: Smithy RPC v2 CBOR routing, fault injection,
 * SigV4 verification, the request quotas (on request), input validation against the emulator's own reading of
 * the model (model.ts), and the CBOR responses.
 */
import { randomUUID } from "node:crypto";
import * as http from "node:http";
import type { AddressInfo } from "node:net";
import type { AwsCredentialIdentity } from "@smithy/types";
import type { Logger } from "../client.js";
import { CborDecodeError, decodeCbor, encodeCbor } from "../protocol/cbor.js";
import { SERVICE_NAME } from "../protocol/rpcv2-cbor.js";
import { internalError, SHAPE_NAMESPACE, ServiceError, throttled, validationError } from "./errors.js";
import { FaultInjector } from "./faults.js";
import { validateInput } from "./model.js";
import { OPERATIONS } from "./operations/index.js";
import type { QuotaLimiter } from "./quotas.js";
import { verifySigV4 } from "./sigv4.js";
import type { EmulatorState } from "./state.js";

/** Largest request body accepted (a full 250-item batch is far smaller). */
const MAX_REQUEST_BYTES = 8 * 1024 * 1024;
const PATH_PREFIX = `/service/${SERVICE_NAME}/operation/`;

/** Counters of what the server saw, for tests. */
export interface RequestStats {
  /** Requests to operation paths. */
  total: number;
  /** Requests per operation name. */
  byOperation: Record<string, number>;
  /** Requests answered with AccessDeniedException because of their signature. */
  rejectedSignatures: number;
  /** Requests answered with ValidationException REQUEST_VALIDATION_FAILED. */
  rejectedInputs: number;
  /** Requests answered with ThrottlingException because they were over a quota (the `quotas` option). */
  throttledByQuota: number;
}

/** Settings of the HTTP side. */
export interface ServerSettings {
  host: string;
  port: number;
  region: string;
  credentials: AwsCredentialIdentity;
  verifySignatures: boolean;
  /** The quotas in force, read on every request (they can be switched on and off while the server runs); none by default. */
  quotas?: () => QuotaLimiter | undefined;
  /** Receives one `info` line per request (operation, status, duration) and an `error` line per emulator failure; never secrets or account ids. */
  logger?: Logger;
}

/** A running emulator server. */
export interface RunningServer {
  endpoint: string;
  stats: RequestStats;
  close(): Promise<void>;
}

interface Reply {
  status: number;
  body?: Record<string, unknown>;
  /** Destroy the connection after processing instead of answering. */
  drop?: boolean;
}

function errorReply(error: ServiceError): Reply {
  return { status: error.status, body: error.toBody() };
}

function protocolError(type: string, status: number, message: string): Reply {
  return { status, body: { __type: `${SHAPE_NAMESPACE}#${type}`, Message: message } };
}

const delay = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Starts the HTTP server over `state`, with `faults` consulted for each request. */
export async function startServer(
  state: EmulatorState,
  faults: FaultInjector,
  settings: ServerSettings,
): Promise<RunningServer> {
  const stats: RequestStats = { total: 0, byOperation: {}, rejectedSignatures: 0, rejectedInputs: 0, throttledByQuota: 0 };

  async function process(req: http.IncomingMessage, body: Buffer): Promise<Reply> {
    const url = req.url ?? "/";
    const path = url.split("?")[0]!;
    const operationName = path.startsWith(PATH_PREFIX) ? path.slice(PATH_PREFIX.length) : "";
    const operation = OPERATIONS.get(operationName);
    if (req.method !== "POST" || !operation) {
      return protocolError("UnknownOperationException", 404, `No operation at ${req.method} ${path}`);
    }
    stats.total++;
    stats.byOperation[operationName] = (stats.byOperation[operationName] ?? 0) + 1;

    const fault = faults.decide(operationName);
    if (fault.delayMs) await delay(fault.delayMs);
    if (fault.drop === "before") return { status: 0, drop: true };
    if (fault.throttle) return errorReply(throttled());
    if (fault.internalError) return errorReply(internalError());

    if (String(req.headers["smithy-protocol"] ?? "").toLowerCase() !== "rpc-v2-cbor") {
      return protocolError("ValidationException", 400, "Requests must carry the header smithy-protocol: rpc-v2-cbor");
    }
    if (settings.verifySignatures) {
      const denied = await verifySigV4(
        { method: req.method, url, headers: req.headers, body: new Uint8Array(body) },
        settings.credentials,
        settings.region,
        Date.now(),
      );
      if (denied) {
        stats.rejectedSignatures++;
        return errorReply(denied);
      }
    }
    // After the signature: a request the service would not authenticate spends none of the account's quota.
    const overQuota = settings.quotas?.()?.admit(operationName);
    if (overQuota) {
      stats.throttledByQuota++;
      return errorReply(overQuota);
    }

    let input: unknown = {};
    if (body.length) {
      const type = String(req.headers["content-type"] ?? "").split(";")[0]!.trim().toLowerCase();
      if (type !== "application/cbor") {
        return protocolError("SerializationException", 415, `Expected content-type application/cbor, got ${type || "none"}`);
      }
      try {
        input = decodeCbor(new Uint8Array(body));
      } catch (e) {
        if (e instanceof CborDecodeError) return protocolError("SerializationException", 400, `Malformed CBOR body: ${e.message}`);
        throw e;
      }
    }
    if (input === null || typeof input !== "object" || Array.isArray(input) || input instanceof Uint8Array) {
      return protocolError("SerializationException", 400, "The request body must be a CBOR map");
    }
    const fields = validateInput(operation.model, input as Record<string, unknown>, state.options.now());
    if (fields.length) {
      stats.rejectedInputs++;
      return errorReply(validationError("REQUEST_VALIDATION_FAILED", fields));
    }

    const record = input as Record<string, unknown>;
    const run = () => operation.handler(record, state);
    const output = operation.model.idempotent ? state.idempotent(operationName, record, run) : run();
    if (fault.drop === "after") return { status: 0, drop: true };
    return { status: 200, body: output };
  }

  const server = http.createServer((req, res) => {
    const started = Date.now();
    const chunks: Buffer[] = [];
    let size = 0;
    req.on("data", (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_REQUEST_BYTES) {
        req.socket.destroy();
        return;
      }
      chunks.push(chunk);
    });
    req.on("end", () => {
      process(req, Buffer.concat(chunks))
        .catch((e: unknown) => {
          if (e instanceof ServiceError) return errorReply(e);
          settings.logger?.error?.(`emulator failure: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
          return errorReply(internalError(`Emulator failure: ${String(e)}`));
        })
        .then((reply) => {
          const op = (req.url ?? "").split("?")[0]!.replace(PATH_PREFIX, "");
          settings.logger?.info?.(`${req.method} ${op} -> ${reply.drop ? "connection dropped" : reply.status} (${Date.now() - started} ms)`);
          if (reply.drop) {
            req.socket.destroy();
            return;
          }
          const payload = Buffer.from(encodeCbor(reply.body ?? {}));
          res.writeHead(reply.status, {
            "content-type": "application/cbor",
            "smithy-protocol": "rpc-v2-cbor",
            "x-amzn-requestid": randomUUID(),
            "content-length": String(payload.length),
          });
          res.end(payload);
        });
    });
  });
  server.keepAliveTimeout = 5_000;

  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(settings.port, settings.host, () => {
      server.off("error", reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  const hostForUrl = settings.host.includes(":") ? `[${settings.host}]` : settings.host;
  return {
    endpoint: `http://${hostForUrl}:${port}`,
    stats,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
