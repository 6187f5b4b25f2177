/** The ClientToken store: a repeated token replays the first result, or is a conflict when the input differs. */
import { conflict } from "../errors.js";

/** The stored first result of a call with a ClientToken. */
interface TokenEntry {
  fingerprint: string;
  output: Record<string, unknown>;
}

/** First results by operation and ClientToken. */
export class ClientTokens {
  private readonly tokens = new Map<string, TokenEntry>();

  /** Forgets every token. */
  reset(): void {
    this.tokens.clear();
  }

  /**
   * Runs `action` once per ClientToken: a repeated token with the same input
   * returns the first result; with a different input it is a conflict.
   */
  idempotent(
    operation: string,
    input: Record<string, unknown>,
    action: () => Record<string, unknown>,
  ): Record<string, unknown> {
    const token = input.ClientToken;
    if (typeof token !== "string") return action();
    const key = `${operation}\u0000${token}`;
    const fingerprint = fingerprintOf(input);
    const seen = this.tokens.get(key);
    if (seen) {
      if (seen.fingerprint !== fingerprint) {
        throw conflict(
          "CONFLICT_CLIENT_TOKEN",
          `ClientToken ${token} was already used with different parameters for ${operation}`,
        );
      }
      return seen.output;
    }
    const output = action();
    this.tokens.set(key, { fingerprint, output });
    return output;
  }
}

/** A stable fingerprint of an input without its ClientToken (key order ignored). */
export function fingerprintOf(input: Record<string, unknown>): string {
  const normalize = (value: unknown): unknown => {
    if (value instanceof Date) return { $date: value.getTime() };
    if (value instanceof Uint8Array) return { $bytes: Buffer.from(value).toString("base64") };
    if (Array.isArray(value)) return value.map(normalize);
    if (value && typeof value === "object") {
      const out: Record<string, unknown> = {};
      for (const key of Object.keys(value).sort()) out[key] = normalize((value as Record<string, unknown>)[key]);
      return out;
    }
    return value;
  };
  const { ClientToken: _token, ...rest } = input;
  return JSON.stringify(normalize(rest));
}
