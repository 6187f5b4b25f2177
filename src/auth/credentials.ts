/**
 * Credential resolution. Environment keys are read directly (the standard
 * chain would pick them first anyway); otherwise the standard Node chain is
 * imported lazily on first use, so a cold start with environment credentials
 * never loads it. Resolved credentials are cached and refreshed five minutes
 * before they expire.
 */
import type { AwsCredentialIdentity, AwsCredentialIdentityProvider } from "@smithy/types";

/** Static credentials or a provider function, as in the AWS SDK v3. */
export type CredentialsOption = AwsCredentialIdentity | AwsCredentialIdentityProvider;

const REFRESH_BEFORE_EXPIRY_MS = 5 * 60 * 1000;

/** Reads `AWS_ACCESS_KEY_ID`/`AWS_SECRET_ACCESS_KEY` (and session token) from the environment. */
export function credentialsFromEnv(env: Record<string, string | undefined> = process.env): AwsCredentialIdentity | undefined {
  const accessKeyId = env.AWS_ACCESS_KEY_ID;
  const secretAccessKey = env.AWS_SECRET_ACCESS_KEY;
  if (!accessKeyId || !secretAccessKey) return undefined;
  return {
    accessKeyId,
    secretAccessKey,
    ...(env.AWS_SESSION_TOKEN ? { sessionToken: env.AWS_SESSION_TOKEN } : {}),
  };
}

async function defaultChain(): Promise<AwsCredentialIdentity> {
  const fromEnv = credentialsFromEnv();
  if (fromEnv) return fromEnv;
  const { defaultProvider } = await import("@aws-sdk/credential-provider-node");
  return defaultProvider()();
}

/**
 * Wraps a credentials option in a caching provider: static credentials are
 * returned as they are; provider results are kept until five minutes before
 * their `expiration`, and concurrent callers share one in-flight refresh.
 */
export function createCredentialResolver(
  option: CredentialsOption | undefined,
  now: () => number,
): () => Promise<AwsCredentialIdentity> {
  if (option && typeof option === "object") {
    const fixed = option;
    return () => Promise.resolve(fixed);
  }
  const provider = option ?? defaultChain;
  let cached: AwsCredentialIdentity | undefined;
  let inFlight: Promise<AwsCredentialIdentity> | undefined;
  return () => {
    if (cached && !(cached.expiration && cached.expiration.getTime() - REFRESH_BEFORE_EXPIRY_MS <= now())) {
      return Promise.resolve(cached);
    }
    inFlight ??= Promise.resolve()
      .then(() => provider())
      .then(
        (creds) => {
          cached = creds;
          inFlight = undefined;
          return creds;
        },
        (err: unknown) => {
          inFlight = undefined;
          throw err;
        },
      );
    return inFlight;
  };
}
