/**
 * SigV4 signing with `@smithy/signature-v4`, service `partnercentral`.
 * Every attempt is signed afresh by the caller (the date and signature change).
 */
import { SignatureV4 } from "@smithy/signature-v4";
import { Hash } from "@smithy/hash-node";
import type { AwsCredentialIdentity } from "@smithy/types";
import type { HttpRequestSpec } from "../transport/types.js";

/** The SigV4 signing name of the service. */
export const SIGNING_SERVICE = "partnercentral";

/** Signs one request; returns the headers to send (the input is not modified). */
export type RequestSigner = (request: HttpRequestSpec, signingDate: Date) => Promise<Record<string, string>>;

/** Creates a signer for one signing region and a credential source. */
export function createSigner(signingRegion: string, credentials: () => Promise<AwsCredentialIdentity>): RequestSigner {
  const signer = new SignatureV4({
    service: SIGNING_SERVICE,
    region: signingRegion,
    credentials,
    sha256: Hash.bind(null, "sha256"),
  });
  return async (request, signingDate) => {
    const signed = await signer.sign(
      {
        method: request.method,
        protocol: request.url.protocol,
        hostname: request.url.hostname,
        port: request.url.port ? Number(request.url.port) : undefined,
        path: request.url.pathname,
        query: {},
        headers: { ...request.headers, host: request.url.host },
        body: request.body,
      },
      { signingDate },
    );
    return signed.headers as Record<string, string>;
  };
}
