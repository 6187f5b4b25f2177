/**
 * Credential resolution. Environment keys are read directly (the standard
 * chain would pick them first anyway); otherwise the standard Node chain is
 * imported on first use, by name through `loadOptionalModule`, so that bundlers
 * leave it out of a handler's bundle: a Lambda cold start (credentials always
 * in the environment) neither loads nor parses it. Resolved credentials are
 * cached and refreshed five minutes before they expire.
 */
import type { AwsCredentialIdentity, AwsCredentialIdentityProvider } from "@smithy/types";
import { AbortError, CredentialsUnavailableError, PartnerCentralRevenueMeasurementError } from "../errors.js";
import { loadOptionalModule } from "../optional-module.js";

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

/** The standard chain's package, loaded only when the environment holds no keys (see loadOptionalModule). */
const CREDENTIAL_CHAIN_MODULE = "@aws-sdk/credential-provider-node";

type CredentialChainModule = typeof import("@aws-sdk/credential-provider-node");

async function loadCredentialChain(): Promise<CredentialChainModule> {
  try {
    return await loadOptionalModule<CredentialChainModule>(CREDENTIAL_CHAIN_MODULE);
  } catch (cause) {
    throw new CredentialsUnavailableError(
      `No credentials: AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY are not set and ${CREDENTIAL_CHAIN_MODULE} could not ` +
        "be loaded. Pass `credentials` to the client, or ship that package beside your bundle (mark it external).",
      { cause },
    );
  }
}

async function defaultChain(): Promise<AwsCredentialIdentity> {
  const fromEnv = credentialsFromEnv();
  if (fromEnv) return fromEnv;
  const { defaultProvider } = await loadCredentialChain();
  return defaultProvider()();
}

/** Bounds of one credential resolution: the call's abort signal and timeout. */
export interface CredentialResolveOptions {
  /** Stops the wait at once with `AbortError` (the provider itself keeps running, its result is cached). */
  abortSignal?: AbortSignal;
  /** Stops the wait after this many milliseconds with `CredentialsUnavailableError`; `0` or absent: no limit. */
  timeoutMs?: number;
}

/** Resolves credentials, from the cache when they are fresh, within the given bounds. */
export type CredentialResolver = (options?: CredentialResolveOptions) => Promise<AwsCredentialIdentity>;

/**
 * Wraps a credentials option in a caching provider: static credentials are
 * returned as they are; provider results are kept until five minutes before
 * their `expiration`, and concurrent callers share one in-flight refresh.
 * A caller waiting on a refresh stops waiting when its `abortSignal` fires or
 * its `timeoutMs` passes, so a hanging provider never hangs a call.
 */
export function createCredentialResolver(option: CredentialsOption | undefined, now: () => number): CredentialResolver {
  if (option && typeof option === "object") {
    const fixed = option;
    return () => Promise.resolve(fixed);
  }
  const provider = option ?? defaultChain;
  let cached: AwsCredentialIdentity | undefined;
  let inFlight: Promise<AwsCredentialIdentity> | undefined;
  return (options = {}) => {
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
          // Every error of this package descends from its root: a provider's own error (the credential chain's
          // CredentialsProviderError, a custom provider's) becomes the cause of ours, its message kept.
          if (err instanceof PartnerCentralRevenueMeasurementError) throw err;
          const reason = err instanceof Error ? err.message : String(err);
          throw new CredentialsUnavailableError(`Could not resolve credentials: ${reason}`, { cause: err });
        },
      );
    return within(inFlight, options);
  };
}

/** `pending`, or the abort or timeout error when one comes first. */
function within<T>(pending: Promise<T>, { abortSignal, timeoutMs = 0 }: CredentialResolveOptions): Promise<T> {
  if (!abortSignal && !(timeoutMs > 0)) return pending;
  return new Promise<T>((resolve, reject) => {
    /** Ends the wait: removes the timer and the abort listener. */
    const stop = (): void => {
      clearTimeout(timer);
      abortSignal?.removeEventListener("abort", onAbort);
    };
    const fail = (error: unknown): void => {
      stop();
      reject(error);
    };
    const onAbort = (): void => fail(new AbortError(undefined, { cause: abortSignal?.reason }));
    const timer =
      timeoutMs > 0
        ? setTimeout(() => fail(new CredentialsUnavailableError(`No credentials within ${timeoutMs} ms (requestTimeoutMs)`)), timeoutMs)
        : undefined;
    if (abortSignal?.aborted) return onAbort();
    abortSignal?.addEventListener("abort", onAbort, { once: true });
    pending.then((value) => {
      stop();
      resolve(value);
    }, fail); // a provider may reject with any value, even a falsy one
  });
}
