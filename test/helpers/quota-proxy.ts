/**
 * A proxy in front of the emulator that enforces the published per-account
 * quotas (API.md section 8) as the service does: over the rate, a 429
 * `ThrottlingException` with a `QuotaCode`; otherwise the request is passed
 * on unchanged (its Host header too, so SigV4 still verifies).
 *
 * The emulator's own `quotas` option covers the published rates; this proxy
 * is for rates it does not take (0: every start refused). Every request
 * through one proxy counts for one account; rates are sliding one-second windows.
 */
import http from "node:http";
import { encodeCbor } from "../../src/protocol/cbor.js";

/** Requests per second per operation class: the published defaults. */
export const PUBLISHED_QUOTAS = { start: 1, read: 50, list: 10, write: 2 } as const;

type QuotaClass = keyof typeof PUBLISHED_QUOTAS;

function classOf(operation: string): QuotaClass {
  if (operation === "StartRevenueAttributionAllocationsTask") return "start";
  if (operation.startsWith("Get")) return "read";
  if (operation.startsWith("List")) return "list";
  return "write";
}

export interface QuotaProxy {
  endpoint: string;
  /** Requests answered 429, per operation. */
  throttled: Record<string, number>;
  /** Requests passed on, per operation. */
  passed: Record<string, number>;
  /** Clears the counters and the rate windows. */
  reset(): void;
  close(): Promise<void>;
}

export async function startQuotaProxy(target: string, quotas: Record<QuotaClass, number> = PUBLISHED_QUOTAS): Promise<QuotaProxy> {
  const targetUrl = new URL(target);
  const sent: Record<QuotaClass, number[]> = { start: [], read: [], list: [], write: [] };
  const throttled: Record<string, number> = {};
  const passed: Record<string, number> = {};
  const agent = new http.Agent({ keepAlive: true });
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const operation = (req.url ?? "").split("/").pop() ?? "";
      const kind = classOf(operation);
      const now = performance.now();
      const window = sent[kind].filter((t) => now - t < 1000);
      sent[kind] = window;
      if (window.length >= quotas[kind]) {
        throttled[operation] = (throttled[operation] ?? 0) + 1;
        const body = encodeCbor({
          __type: "com.amazonaws.partnercentralrevenuemeasurement#ThrottlingException",
          Message: "Rate exceeded",
          ServiceCode: "partnercentral",
          QuotaCode: `quota-${kind}`,
        });
        res.writeHead(429, { "content-type": "application/cbor", "smithy-protocol": "rpc-v2-cbor", "content-length": body.length });
        res.end(body);
        return;
      }
      window.push(now);
      passed[operation] = (passed[operation] ?? 0) + 1;
      const upstream = http.request(
        { host: targetUrl.hostname, port: targetUrl.port, method: req.method, path: req.url, headers: req.headers, agent },
        (up) => {
          res.writeHead(up.statusCode ?? 502, up.headers);
          up.pipe(res);
        },
      );
      upstream.on("error", () => res.destroy());
      upstream.end(Buffer.concat(chunks));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as { port: number };
  return {
    endpoint: `http://127.0.0.1:${port}`,
    throttled,
    passed,
    reset() {
      for (const kind of Object.keys(sent) as QuotaClass[]) sent[kind] = [];
      for (const counts of [throttled, passed]) for (const k of Object.keys(counts)) delete counts[k];
    },
    close: async () => {
      agent.destroy();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
