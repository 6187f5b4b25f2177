/**
 * SHA-256 as lowercase hex, on `node:crypto`: the one hash of the package (SigV4 payload and canonical request
 * hashes, batch submission ids and start tokens).
 */
import { createHash } from "node:crypto";

/**
 * One-shot `crypto.hash` where Node has it: about half the CPU of a `Hash` object per digest. Reached through
 * `process.getBuiltinModule` (Node 20.16+), as src/transport/node-http-handler.ts reaches `node:https`: a
 * namespace import of `node:crypto` would make bundlers copy its hundred-odd exports at start-up, and a named
 * import of `hash` fails to link on Node 20 before 20.12.
 */
const oneShotHash = globalThis.process?.getBuiltinModule?.("node:crypto")?.hash;

/** SHA-256 of a string (as UTF-8) or bytes, as 64 lowercase hex characters. */
export const sha256Hex: (data: string | Uint8Array) => string = oneShotHash
  ? (data) => oneShotHash("sha256", data, "hex")
  : (data) => createHash("sha256").update(data).digest("hex");
