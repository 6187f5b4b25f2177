/**
 * Shared setup for tests that talk to a local capture server: the client
 * configuration they use and the reset between tests.
 */
import type { CaptureServer } from "./capture-server.js";

/** Fixed test credentials; the capture server does not check signatures. */
export const TEST_CREDENTIALS = { accessKeyId: "AKIDEXAMPLE", secretAccessKey: "secret" };

/** Client configuration for a local server: us-east-1, the test credentials, a single attempt (no retries). */
export function localClientConfig(endpoint: string) {
  return { endpoint, region: "us-east-1", credentials: TEST_CREDENTIALS, maxAttempts: 1 };
}

/** Forgets the requests a capture server recorded and the responses still queued. */
export function resetCaptureServer(server: CaptureServer): void {
  server.requests.length = 0;
  server.queue.length = 0;
}
