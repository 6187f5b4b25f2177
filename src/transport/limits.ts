/**
 * Limits both HTTP transports hold to, so that `node:http` and `fetch` behave
 * the same: the largest response body read, and the error when a response
 * passes it (not retried: the same request would only fetch it again).
 */
import { NetworkError } from "../errors.js";

/** Upper bound on a response body a transport reads (16 MiB); a larger one is refused while it streams in. */
export const MAX_RESPONSE_BODY_BYTES = 16 * 1024 * 1024;

/** The error of a response body over {@link MAX_RESPONSE_BODY_BYTES}: `NetworkError` `EBODYTOOLARGE`, not retryable. */
export function responseTooLarge(declaredBytes?: number): NetworkError {
  const size = declaredBytes === undefined ? "" : ` (content-length ${declaredBytes})`;
  return new NetworkError(`Response body exceeded ${MAX_RESPONSE_BODY_BYTES} bytes${size}; it was not read further`, {
    code: "EBODYTOOLARGE",
    retryable: false,
  });
}

/** The declared `content-length` when it is over the cap, else `undefined` (absent, unreadable or within it). */
export function declaredTooLarge(contentLength: string | null | undefined): number | undefined {
  if (!contentLength || !/^\d+$/.test(contentLength.trim())) return undefined;
  const bytes = Number(contentLength.trim());
  return bytes > MAX_RESPONSE_BODY_BYTES ? bytes : undefined;
}
