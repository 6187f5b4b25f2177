/**
 * `npx tsx scripts/emulator-hostile.ts [MiB]`: how long the emulator takes to answer one signed request whose body is
 * a hostile CBOR item (an indefinite-length text string of empty chunks, default 8 MiB, the emulator's cap), and the
 * extra peak RSS of the process meanwhile.
 */
import { createSigner } from "../src/auth/signer.js";
import { decodeCbor } from "../src/protocol/cbor.js";
import { buildRequest } from "../src/protocol/rpcv2-cbor.js";
import { DEFAULT_EMULATOR_CREDENTIALS, startEmulator } from "../src/testing/index.js";
import { hostileBody } from "../test/helpers/hostile-cbor.js";

const mib = Number(process.argv[2] ?? 8);
const emulator = await startEmulator();
const body = hostileBody("text-empty-chunks", mib * 1024 * 1024 - 64);
const built = buildRequest(new URL(emulator.endpoint), "GetRevenueAttribution", {});
const request = { ...built, body, headers: { ...built.headers, "content-length": String(body.length) } };
const signed = await createSigner("us-east-1", async () => DEFAULT_EMULATOR_CREDENTIALS)(request, new Date());
const max0 = process.resourceUsage().maxRSS;
const t0 = performance.now();
const response = await fetch(request.url, { method: "POST", headers: signed, body: Buffer.from(body) });
const reply = decodeCbor(new Uint8Array(await response.arrayBuffer())) as Record<string, unknown>;
const ms = performance.now() - t0;
console.log(JSON.stringify({ MiB: mib, status: response.status, type: reply.__type, ms: Math.round(ms), extraPeakRssMB: Math.round((process.resourceUsage().maxRSS - max0) / 1024) }));
await emulator.close();
