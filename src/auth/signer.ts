/**
 * SigV4 signing (AWS4-HMAC-SHA256), service `partnercentral`, on `node:crypto`.
 * Every attempt is signed afresh by the caller (the date and signature change).
 *
 * The output matches `@smithy/signature-v4` with its defaults (checked by a
 * differential test): the same signed headers, including `host`,
 * `x-amz-date`, `x-amz-content-sha256` and `x-amz-security-token`. It is
 * written here because that package loads a large part of `@smithy/core` at
 * start-up, which cost more cold-start time than the rest of this client.
 */
import { createHmac, createSecretKey, type KeyObject } from "node:crypto";
import type { AwsCredentialIdentity } from "@smithy/types";
import { CredentialsUnavailableError } from "../errors.js";
import type { HttpRequestSpec } from "../transport/types.js";
import type { CredentialResolveOptions } from "./credentials.js";
import { sha256Hex } from "./sha256.js";

/** The SigV4 signing name of the service. */
export const SIGNING_SERVICE = "partnercentral";

/** Signs one request; returns the headers to send (the input is not modified). `bounds` limit the credential resolution. */
export type RequestSigner = (
  request: HttpRequestSpec,
  signingDate: Date,
  bounds?: CredentialResolveOptions,
) => Promise<Record<string, string>>;

const ALGORITHM = "AWS4-HMAC-SHA256";
/** Headers never signed (the same list as `@smithy/signature-v4`). */
const UNSIGNABLE_HEADERS = new Set([
  "authorization",
  "cache-control",
  "connection",
  "expect",
  "from",
  "keep-alive",
  "max-forwards",
  "pragma",
  "referer",
  "te",
  "trailer",
  "transfer-encoding",
  "upgrade",
  "user-agent",
  "x-amzn-trace-id",
]);
/** Headers the signer writes itself; caller-supplied values are dropped. */
const GENERATED_HEADERS = new Set(["authorization", "x-amz-date", "date"]);

const hmac = (key: string | Buffer, data: string): Buffer => createHmac("sha256", key).update(data).digest();

/** RFC 3986 encoding as SigV4 wants it (`encodeURIComponent` plus `!'()*`). */
function escapeUri(value: string): string {
  return encodeURIComponent(value).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

/** The canonical URI: dot segments and empty segments removed, then URI-encoded again (non-S3 rule). */
export function canonicalPath(path: string): string {
  const segments: string[] = [];
  for (const segment of path.split("/")) {
    if (segment === "" || segment === ".") continue;
    if (segment === "..") segments.pop();
    else segments.push(segment);
  }
  const normalized = `${path.startsWith("/") ? "/" : ""}${segments.join("/")}${segments.length > 0 && path.endsWith("/") ? "/" : ""}`;
  return escapeUri(normalized).replace(/%2F/g, "/");
}

const twoDigits = (n: number): string => (n < 10 ? `0${n}` : `${n}`);

/**
 * `YYYYMMDDTHHMMSSZ`, as in `x-amz-date`. Written out from the UTC fields rather than cut from `toISOString()` with
 * regular expressions, which a cold start would have to compile first.
 */
export function formatAmzDate(date: Date): string {
  return (
    `${String(date.getUTCFullYear()).padStart(4, "0")}${twoDigits(date.getUTCMonth() + 1)}${twoDigits(date.getUTCDate())}` +
    `T${twoDigits(date.getUTCHours())}${twoDigits(date.getUTCMinutes())}${twoDigits(date.getUTCSeconds())}Z`
  );
}

/** A canonical header value: line breaks to spaces, runs of blanks to one space, no blank at either end. */
function canonicalValue(value: string): string {
  // Most values need none of it; one test instead of three replacements per header and request.
  if (!/[\r\n\t]| {2}|^ | $/.test(value)) return value;
  return value
    .replace(/[\r\n]/g, " ")
    .replace(/[ \t]+/g, " ")
    .replace(/^ | $/g, "");
}

/** Creates a signer for one signing region and a credential source. */
export function createSigner(
  signingRegion: string,
  credentials: (bounds?: CredentialResolveOptions) => Promise<AwsCredentialIdentity>,
): RequestSigner {
  // The derived key depends only on the secret, the day, the region and the service: keep the last one, as a
  // KeyObject: an HMAC keyed with a Buffer turns it into a key object on every call (about 8 µs on Node 24).
  let cachedKey: { secret: string; day: string; key: KeyObject } | undefined;
  const signingKey = (secret: string, day: string): KeyObject => {
    if (cachedKey && cachedKey.secret === secret && cachedKey.day === day) return cachedKey.key;
    let key = hmac(`AWS4${secret}`, day);
    for (const part of [signingRegion, SIGNING_SERVICE, "aws4_request"]) key = hmac(key, part);
    cachedKey = { secret, day, key: createSecretKey(key) };
    return cachedKey.key;
  };

  // The last path's canonical form and the last header layout: consecutive requests repeat them. The date stamp
  // is formatted on every request, not kept for the second it names: a branch taken only when the second changes
  // has no type feedback when V8 optimizes this function, so the first change threw the optimized code away and
  // V8 compiled it again (measured in bench/README.md).
  let lastPath: { path: string; canonical: string } | undefined;
  let lastLayout: HeaderLayout | undefined;

  // Signing is synchronous, in a function of its own; only resolving the credentials waits. V8 optimizes a small
  // synchronous function sooner and at less cost than one async function doing both, and a Lambda container's
  // first thousands of requests run inside that optimization window (figures: bench/README.md).
  const signWith = (creds: AwsCredentialIdentity, request: HttpRequestSpec, signingDate: Date): Record<string, string> => {
    if (typeof creds?.accessKeyId !== "string" || typeof creds.secretAccessKey !== "string") {
      throw new CredentialsUnavailableError(
        "The credentials provider returned no usable credentials: accessKeyId and secretAccessKey must be strings",
      );
    }
    const amzDate = formatAmzDate(signingDate);
    const day = amzDate.slice(0, 8);
    const scope = `${day}/${signingRegion}/${SIGNING_SERVICE}/aws4_request`;
    const payloadHash = sha256Hex(request.body);

    // The headers to send: the caller's (without the ones the signer writes, and without empty entries), then
    // the signer's own.
    const headers: Record<string, string> = {};
    let hasContentHash = false;
    for (const name of Object.keys(request.headers)) {
      const value = request.headers[name];
      if (value == null) continue;
      const lower = name.toLowerCase();
      if (GENERATED_HEADERS.has(lower)) continue;
      if (lower === "x-amz-content-sha256") hasContentHash = true;
      headers[name] = value;
    }
    headers.host = request.url.host;
    headers["x-amz-date"] = amzDate;
    if (creds.sessionToken) headers["x-amz-security-token"] = creds.sessionToken;
    if (!hasContentHash) headers["x-amz-content-sha256"] = payloadHash;

    const names = Object.keys(headers);
    const layout = lastLayout && sameNames(lastLayout.names, names) ? lastLayout : (lastLayout = headerLayout(names));
    let canonicalHeaders = "";
    for (let i = 0; i < layout.signed.length; i++) {
      canonicalHeaders += `${layout.signed[i]}:${canonicalValue(headers[layout.sources[i]!]!)}\n`;
    }
    const path =
      lastPath?.path === request.url.pathname
        ? lastPath
        : (lastPath = { path: request.url.pathname, canonical: canonicalPath(request.url.pathname) });
    // Method, path, query string (none in RPC v2 CBOR requests), headers, signed names, payload hash.
    const canonicalRequest = `${request.method}\n${path.canonical}\n\n${canonicalHeaders}\n${layout.signedHeaders}\n${payloadHash}`;
    const stringToSign = `${ALGORITHM}\n${amzDate}\n${scope}\n${sha256Hex(canonicalRequest)}`;
    const signature = createHmac("sha256", signingKey(creds.secretAccessKey, day)).update(stringToSign).digest("hex");
    headers.authorization = `${ALGORITHM} Credential=${creds.accessKeyId}/${scope}, SignedHeaders=${layout.signedHeaders}, Signature=${signature}`;
    return headers;
  };
  return async (request, signingDate, bounds) => signWith(await credentials(bounds), request, signingDate);
}

/**
 * Which headers of a request are signed, in canonical order, worked out from the header names alone (the
 * values do not change it), so consecutive requests with the same names reuse it.
 */
interface HeaderLayout {
  /** The header names as the request has them, in order. */
  names: readonly string[];
  /** The signed names, lowercase and sorted. */
  signed: readonly string[];
  /** For each signed name, the request's header it takes its value from. */
  sources: readonly string[];
  /** `signed` joined with `;`. */
  signedHeaders: string;
}

function headerLayout(names: readonly string[]): HeaderLayout {
  // Names that differ only in case: the last one in sorted order wins (as @smithy/signature-v4 has it).
  const sourceOf: Record<string, string> = {};
  for (const name of [...names].sort()) {
    const lower = name.toLowerCase();
    if (UNSIGNABLE_HEADERS.has(lower) || /^(proxy|sec)-/.test(lower) || lower === "__proto__") continue;
    sourceOf[lower] = name;
  }
  const signed = Object.keys(sourceOf).sort();
  return { names, signed, sources: signed.map((lower) => sourceOf[lower]!), signedHeaders: signed.join(";") };
}

function sameNames(a: readonly string[], b: readonly string[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}
