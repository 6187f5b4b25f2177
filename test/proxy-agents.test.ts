/**
 * Proxies and custom agents, as docs/proxies.md gives them, run for real: a local CONNECT proxy (counting its
 * tunnels) in front of a local TLS endpoint with a certificate made at test time, which the clients trust through
 * `NODE_EXTRA_CA_CERTS`. Every recipe runs with this package's client and with the official client, in a child
 * process (test/fixtures/proxies/recipes.ts). A request counts as proxied when it reached the endpoint on a
 * connection the proxy opened for a CONNECT.
 */
import { execFile, execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import * as http from "node:http";
import * as https from "node:https";
import * as net from "node:net";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { promisify } from "node:util";
import { NodeHttpHandler as SmithyNodeHttpHandler } from "@smithy/node-http-handler";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  InvalidConfigurationError,
  ListRevenueAttributionsCommand,
  PartnerCentralRevenueMeasurementClient,
} from "../src/index.js";
import { encodeCbor } from "../src/protocol/cbor.js";
import { cborResponse, startCaptureServer } from "./helpers/capture-server.js";

const root = resolve(import.meta.dirname, "..");
const nodeMajor = Number(process.versions.node.split(".")[0]);

/** One request as the TLS endpoint saw it. */
interface EndpointRequest {
  userAgent: string;
  /** The client side's port of the connection: a tunnel's when the request came through the proxy. */
  remotePort: number | undefined;
}

let certDir: string;
let certFile: string;
let endpointServer: https.Server;
let endpoint: string;
const endpointRequests: EndpointRequest[] = [];
let proxyServer: http.Server;
let proxyUrl: string;
/** The CONNECT targets the proxy was asked for, in order. */
const connectTargets: string[] = [];
/** Local ports of the proxy's connections to the endpoint (one per tunnel). */
const tunnelPorts = new Set<number>();
/** Both ends of every tunnel: a CONNECT socket leaves the server's bookkeeping, so closing it means destroying these. */
const tunnelSockets = new Set<net.Socket>();

beforeAll(async () => {
  certDir = mkdtempSync(join(tmpdir(), "pcrm-proxy-"));
  certFile = join(certDir, "cert.pem");
  const keyFile = join(certDir, "key.pem");
  // A self-signed certificate for localhost, valid two days: nothing in the system trusts it.
  execFileSync("openssl", [
    "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes",
    "-keyout", keyFile, "-out", certFile, "-days", "2", "-subj", "/CN=localhost",
    "-addext", "subjectAltName=DNS:localhost,IP:127.0.0.1",
  ], { stdio: "pipe" });

  const reply = cborResponse({ RevenueAttributionSummaries: [] }, 200, { "x-amzn-requestid": "rid-proxy" });
  const payload = Buffer.from(encodeCbor(reply.body));
  endpointServer = https.createServer({ key: readFileSync(keyFile), cert: readFileSync(certFile) }, (req, res) => {
    req.resume();
    req.on("end", () => {
      endpointRequests.push({ userAgent: String(req.headers["user-agent"] ?? ""), remotePort: req.socket.remotePort });
      res.writeHead(reply.status ?? 200, { ...reply.headers, "content-length": String(payload.length) }).end(payload);
    });
  });
  await new Promise<void>((done) => endpointServer.listen(0, "127.0.0.1", done));
  endpoint = `https://localhost:${(endpointServer.address() as net.AddressInfo).port}`;

  // A CONNECT proxy: opens a TCP connection to the asked host and port and pipes both ways.
  proxyServer = http.createServer((_req, res) => res.writeHead(405).end("CONNECT only"));
  proxyServer.on("connect", (req: http.IncomingMessage, client: net.Socket, head: Buffer) => {
    const target = req.url ?? "";
    connectTargets.push(target);
    const separator = target.lastIndexOf(":");
    const upstream = net.connect(Number(target.slice(separator + 1)), target.slice(0, separator), () => {
      if (upstream.localPort !== undefined) tunnelPorts.add(upstream.localPort);
      client.write("HTTP/1.1 200 Connection Established\r\n\r\n");
      if (head.length) upstream.write(head);
      upstream.pipe(client);
      client.pipe(upstream);
    });
    tunnelSockets.add(client).add(upstream);
    upstream.on("error", () => client.destroy());
    client.on("error", () => upstream.destroy());
  });
  await new Promise<void>((done) => proxyServer.listen(0, "127.0.0.1", done));
  proxyUrl = `http://127.0.0.1:${(proxyServer.address() as net.AddressInfo).port}`;
});

afterAll(async () => {
  endpointServer?.closeAllConnections();
  proxyServer?.closeAllConnections();
  for (const socket of tunnelSockets) socket.destroy();
  await Promise.all([
    new Promise((done) => endpointServer?.close(done)),
    new Promise((done) => proxyServer?.close(done)),
  ]);
  rmSync(certDir, { recursive: true, force: true });
});

type Outcome = { ok: true; status: number } | { ok: false; error: string };

/** Runs recipes in a child process that trusts the test certificate; `env` adds to its environment. */
async function runRecipes(recipes: string[], env: Record<string, string> = {}): Promise<Record<string, Record<"ours" | "official", Outcome>>> {
  const childEnv: NodeJS.ProcessEnv = { ...process.env };
  for (const name of ["HTTP_PROXY", "HTTPS_PROXY", "NO_PROXY", "http_proxy", "https_proxy", "no_proxy", "NODE_USE_ENV_PROXY"]) {
    delete childEnv[name];
  }
  Object.assign(childEnv, {
    NODE_EXTRA_CA_CERTS: certFile,
    TEST_ENDPOINT: endpoint,
    TEST_PROXY: proxyUrl,
    TEST_RECIPES: recipes.join(","),
    ...env,
  });
  const { stdout } = await promisify(execFile)(
    process.execPath,
    ["--import", "tsx", join(root, "test/fixtures/proxies/recipes.ts")],
    { cwd: root, env: childEnv, timeout: 60_000 },
  );
  return JSON.parse(stdout);
}

/**
 * What the endpoint saw from one recipe and client since request number `from`: how many requests, and how many
 * came through a tunnel.
 */
function seen(recipe: string, which: "ours" | "official", from: number): { requests: number; tunnelled: number } {
  const mine = endpointRequests.slice(from).filter((r) => r.userAgent.includes(`proxy-recipe/${recipe}.${which}`));
  return { requests: mine.length, tunnelled: mine.filter((r) => r.remotePort !== undefined && tunnelPorts.has(r.remotePort)).length };
}

const endpointHost = (): string => new URL(endpoint).host;

describe("proxy recipes (docs/proxies.md), side by side with the official client", () => {
  it("https-proxy-agent, as the { httpsAgent } shorthand and inside @smithy/node-http-handler's NodeHttpHandler", async () => {
    const recipes = ["shorthand-https-proxy-agent", "smithy-node-http-handler"];
    const connectsBefore = connectTargets.length;
    const requestsBefore = endpointRequests.length;
    const results = await runRecipes(recipes);
    for (const recipe of recipes) {
      for (const which of ["official", "ours"] as const) {
        expect(results[recipe]![which], `${recipe}, ${which}`).toEqual({ ok: true, status: 200 });
        expect(seen(recipe, which, requestsBefore), `${recipe}, ${which}`).toEqual({ requests: 1, tunnelled: 1 });
      }
    }
    // One tunnel per client and recipe (each builds its own agent), each to the endpoint.
    expect(connectTargets.slice(connectsBefore)).toEqual(Array(4).fill(endpointHost()));
  });

  it.skipIf(nodeMajor < 24)(
    "Node 24 NODE_USE_ENV_PROXY=1 with HTTPS_PROXY: https.globalAgent, or an agent with proxyEnv (skipped before Node 24, which does not read these variables)",
    async () => {
      const recipes = ["env-proxy-global-agent", "env-proxy-own-agent"];
      const connectsBefore = connectTargets.length;
      const requestsBefore = endpointRequests.length;
      const results = await runRecipes(recipes, { NODE_USE_ENV_PROXY: "1", HTTPS_PROXY: proxyUrl });
      for (const recipe of recipes) {
        for (const which of ["official", "ours"] as const) {
          expect(results[recipe]![which], `${recipe}, ${which}`).toEqual({ ok: true, status: 200 });
          expect(seen(recipe, which, requestsBefore), `${recipe}, ${which}`).toEqual({ requests: 1, tunnelled: 1 });
        }
      }
      expect(connectTargets.length).toBeGreaterThan(connectsBefore);
      expect(new Set(connectTargets.slice(connectsBefore))).toEqual(new Set([endpointHost()]));
    },
  );

  it.skipIf(nodeMajor < 24)(
    "Node 24 NODE_USE_ENV_PROXY=1 with HTTPS_PROXY but no requestHandler: both clients' default agents go direct (docs/proxies.md says to pass an agent)",
    async () => {
      const requestsBefore = endpointRequests.length;
      const results = await runRecipes(["default-handler"], { NODE_USE_ENV_PROXY: "1", HTTPS_PROXY: proxyUrl });
      for (const which of ["official", "ours"] as const) {
        expect(results["default-handler"]![which], which).toEqual({ ok: true, status: 200 });
        expect(seen("default-handler", which, requestsBefore), which).toEqual({ requests: 1, tunnelled: 0 });
      }
    },
  );

  it("without the proxy set up, the same child reaches the endpoint directly (so the tunnel counts above mean something)", async () => {
    // https.globalAgent without NODE_USE_ENV_PROXY and HTTPS_PROXY connects directly, on every Node.
    const before = connectTargets.length;
    const requestsBefore = endpointRequests.length;
    const results = await runRecipes(["env-proxy-global-agent"]);
    expect(results["env-proxy-global-agent"]!.ours).toEqual({ ok: true, status: 200 });
    expect(seen("env-proxy-global-agent", "ours", requestsBefore)).toEqual({ requests: 1, tunnelled: 0 });
    expect(connectTargets.length).toBe(before);
  });
});

describe("requestHandler values that are not a handler", () => {
  it.each([
    [{ foo: 1 }, "requestHandler.foo"],
    [{ httpsAgent: 42 }, "requestHandler.httpsAgent"],
  ])("%j is refused when the client is built, naming %s", (requestHandler, option) => {
    const build = () => new PartnerCentralRevenueMeasurementClient({ region: "us-east-1", requestHandler } as never);
    expect(build).toThrow(InvalidConfigurationError);
    expect(build).toThrow(option);
  });

  it("an @smithy NodeHttpHandler given from plain JavaScript (no types) is used as given, to the configured endpoint", async () => {
    const server = await startCaptureServer();
    server.fallback = () => cborResponse({ RevenueAttributionSummaries: [] });
    const handler = new SmithyNodeHttpHandler({ requestTimeout: 5_000 });
    const targets: string[] = [];
    const handle = handler.handle.bind(handler);
    handler.handle = (request, options) => {
      targets.push(`${request.protocol}//${request.hostname}:${request.port}`);
      return handle(request, options);
    };
    // As plain JavaScript passes it: no type check between the handler and the option.
    const config: Record<string, unknown> = {
      endpoint: server.endpoint,
      region: "us-east-1",
      credentials: { accessKeyId: "AKIDPROXYTEST", secretAccessKey: "proxy-test-secret" },
      requestHandler: handler,
    };
    const client = new PartnerCentralRevenueMeasurementClient(config);
    try {
      const out = await client.send(new ListRevenueAttributionsCommand({ Catalog: "AWS" }));
      expect(out.$metadata.httpStatusCode).toBe(200);
      expect(targets).toEqual([server.endpoint]);
      expect(server.requests).toHaveLength(1);
      expect(server.requests[0]!.headers.authorization).toMatch(/^AWS4-HMAC-SHA256 /);
    } finally {
      client.destroy();
      await server.close();
    }
  });
});
