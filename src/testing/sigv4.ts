/**
 * SigV4 verification for the emulator: the request is signed again with the
 * emulator's credentials (same method, host, path, query, signed headers,
 * body and `x-amz-date`) by `@smithy/signature-v4`, and the signatures must
 * match. Missing, malformed or mismatched signatures are AccessDeniedException;
 * a signing time more than 5 minutes from the server's clock is, as on AWS,
 * InvalidSignatureException ("Signature expired" / "Signature not yet
 * current"), answered with the server's `Date` header.
 */
import { createHash, timingSafeEqual } from "node:crypto";
import { Hash } from "@smithy/hash-node";
import { SignatureV4 } from "@smithy/signature-v4";
import type { AwsCredentialIdentity } from "@smithy/types";
import { SIGNING_SERVICE, formatAmzDate } from "../auth/signer.js";
import { accessDenied, invalidSignature, type ServiceError } from "./errors.js";

/** Largest accepted difference between the request's `x-amz-date` and the server's clock (AWS: 5 minutes). */
export const MAX_CLOCK_SKEW_MS = 5 * 60 * 1000;
/** A header name in a `SignedHeaders` list: lower case token characters. */
const SIGNED_HEADER_NAME = /^[a-z0-9!#$%&'*+.^_`|~-]+$/;

/**
 * The `Authorization` header's parts. `SignedHeaders` is taken up to the next comma or blank (neither can
 * appear in a header name) and each name is then checked against {@link SIGNED_HEADER_NAME}: one rule for
 * what a header name may hold.
 */
const AUTH_RE =
  /^AWS4-HMAC-SHA256\s+Credential=([^/\s,]+)\/(\d{8})\/([^/\s,]+)\/([^/\s,]+)\/aws4_request\s*,\s*SignedHeaders=([^\s,]+)\s*,\s*Signature=([0-9a-f]{64})\s*$/;

/** What the verifier needs from an incoming request. */
export interface IncomingSignedRequest {
  method: string;
  /** The request target as received: path and optional query. */
  url: string;
  /** Header names in lower case. */
  headers: Record<string, string | string[] | undefined>;
  body: Uint8Array;
}

/** The request's header `name`, own properties only (so `constructor` or `__proto__` is no header). */
function header(req: IncomingSignedRequest, name: string): string | undefined {
  if (!Object.hasOwn(req.headers, name)) return undefined;
  const value = req.headers[name];
  return Array.isArray(value) ? value.join(",") : value;
}

function parseAmzDate(value: string): Date | undefined {
  const m = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(value);
  if (!m) return undefined;
  const ms = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]), Number(m[4]), Number(m[5]), Number(m[6]));
  return Number.isNaN(ms) ? undefined : new Date(ms);
}


function sameText(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/**
 * Verifies the request's SigV4 signature. Resolves with nothing when it is
 * valid, or with the AccessDeniedException to answer.
 */
export async function verifySigV4(
  req: IncomingSignedRequest,
  credentials: AwsCredentialIdentity,
  region: string,
  nowMs: number,
): Promise<ServiceError | undefined> {
  const authorization = header(req, "authorization");
  if (!authorization) return accessDenied("Missing Authentication Token: the request is not signed (SigV4)");
  const m = AUTH_RE.exec(authorization);
  if (!m) return accessDenied("Authorization header is not a well-formed AWS4-HMAC-SHA256 signature");
  const [, accessKeyId, scopeDate, scopeRegion, scopeService, signedHeaderList, signature] = m as unknown as string[];
  if (accessKeyId !== credentials.accessKeyId) {
    return accessDenied("The security token included in the request is invalid (unknown access key id)");
  }
  if (scopeService !== SIGNING_SERVICE) {
    return accessDenied(`Credential should be scoped to correct service: '${SIGNING_SERVICE}', not '${scopeService}'`);
  }
  if (scopeRegion !== region) {
    return accessDenied(`Credential should be scoped to a valid region: '${region}', not '${scopeRegion}'`);
  }
  const amzDate = header(req, "x-amz-date");
  const signingDate = amzDate ? parseAmzDate(amzDate) : undefined;
  if (!amzDate || !signingDate) return accessDenied("The request must carry a valid x-amz-date header");
  if (amzDate.slice(0, 8) !== scopeDate) {
    return accessDenied(`Credential date ${scopeDate} does not match x-amz-date ${amzDate}`);
  }
  const skew = signingDate.getTime() - nowMs;
  if (Math.abs(skew) > MAX_CLOCK_SKEW_MS) {
    const bound = formatAmzDate(new Date(nowMs - Math.sign(skew) * MAX_CLOCK_SKEW_MS));
    const now = formatAmzDate(new Date(nowMs));
    return invalidSignature(
      skew < 0
        ? `Signature expired: ${amzDate} is now earlier than ${bound} (${now} - 5 min.)`
        : `Signature not yet current: ${amzDate} is still later than ${bound} (${now} + 5 min.)`,
    );
  }
  const signedHeaders = signedHeaderList!.split(";");
  if (!signedHeaders.includes("host")) return accessDenied("The host header must be signed");
  const wellFormed = signedHeaders.every(
    (name, i) => SIGNED_HEADER_NAME.test(name) && (i === 0 || signedHeaders[i - 1]! < name),
  );
  if (!wellFormed) return accessDenied("SignedHeaders must be distinct lower-case header names in sorted order");
  const headers: Record<string, string> = Object.create(null) as Record<string, string>;
  for (const name of signedHeaders) {
    const value = header(req, name);
    if (value === undefined) return accessDenied(`Signed header ${name} is missing from the request`);
    headers[name] = value;
  }
  const declaredHash = header(req, "x-amz-content-sha256");
  if (declaredHash && declaredHash !== "UNSIGNED-PAYLOAD") {
    const actual = createHash("sha256").update(req.body).digest("hex");
    if (declaredHash !== actual) return accessDenied("x-amz-content-sha256 does not match the request body");
  }

  const target = new URL(req.url, "http://emulator.invalid");
  const query: Record<string, string | string[]> = {};
  for (const [k, v] of target.searchParams) {
    const prev = query[k];
    query[k] = prev === undefined ? v : Array.isArray(prev) ? [...prev, v] : [prev, v];
  }
  const signer = new SignatureV4({
    service: SIGNING_SERVICE,
    region,
    credentials,
    sha256: Hash.bind(null, "sha256"),
  });
  const hostHeader = headers.host!;
  const expected = await signer.sign(
    {
      method: req.method,
      protocol: "http:",
      hostname: hostHeader.replace(/:\d+$/, ""),
      path: target.pathname,
      query,
      headers,
      body: req.body,
    },
    { signingDate, signableHeaders: new Set(signedHeaders) },
  );
  const expectedAuth = String(expected.headers.authorization ?? expected.headers.Authorization ?? "");
  const em = AUTH_RE.exec(expectedAuth);
  if (!em || em[5] !== signedHeaderList || !sameText(em[6]!, signature!)) {
    return accessDenied(
      "The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method.",
    );
  }
  return undefined;
}
