/**
 * Pagination of the emulator's list operations: `MaxResults` is the page
 * size, `NextToken` an opaque token bound to the query that issued it (and,
 * for versioned lists, to the revision the first page saw, so that later
 * pages stay consistent while the resource changes).
 */
import { createHash } from "node:crypto";
import { validationError } from "./errors.js";
import { fingerprintOf } from "./state.js";

interface TokenBody {
  /** Offset of the next item. */
  o: number;
  /** Hash of the query that issued the token. */
  q: string;
  /** Revision pinned by the first page. */
  r?: number;
}

function queryHash(input: Record<string, unknown>): string {
  const { NextToken: _n, MaxResults: _m, ...query } = input;
  return createHash("sha256").update(fingerprintOf(query)).digest("base64url").slice(0, 16);
}

function badToken(): Error {
  return validationError("REQUEST_VALIDATION_FAILED", [
    {
      Name: "NextToken",
      Code: "INVALID_VALUE",
      Message: "is not a token issued by this operation for these parameters",
    },
  ]);
}

/** Reads the position (and pinned revision) from `NextToken`; the first page starts at 0. */
export function readToken(input: Record<string, unknown>): { offset: number; revision?: number } {
  const token = input.NextToken;
  if (token === undefined) return { offset: 0 };
  let body: TokenBody;
  try {
    body = JSON.parse(Buffer.from(String(token), "base64url").toString("utf8")) as TokenBody;
  } catch {
    throw badToken();
  }
  if (!body || typeof body.o !== "number" || body.o < 0 || body.q !== queryHash(input)) throw badToken();
  return { offset: body.o, revision: typeof body.r === "number" ? body.r : undefined };
}

/** One page of `items` from `offset`, and the token of the next page when there is one. */
export function pageOf<T>(
  items: readonly T[],
  input: Record<string, unknown>,
  offset: number,
  defaultPageSize: number,
  revision?: number,
): { items: T[]; NextToken?: string } {
  const size = typeof input.MaxResults === "number" ? input.MaxResults : defaultPageSize;
  const page = items.slice(offset, offset + size);
  const next = offset + page.length;
  if (next >= items.length) return { items: page };
  const body: TokenBody = { o: next, q: queryHash(input), ...(revision !== undefined ? { r: revision } : {}) };
  return { items: page, NextToken: Buffer.from(JSON.stringify(body)).toString("base64url") };
}

/** Sorts by a string or date key, then by creation order. */
export function sortBy<T extends { seq: number }>(
  items: T[],
  key: (item: T) => string | number,
  order: "ASCENDING" | "DESCENDING",
): T[] {
  const sign = order === "DESCENDING" ? -1 : 1;
  return items.sort((a, b) => {
    const ka = key(a);
    const kb = key(b);
    if (ka < kb) return -sign;
    if (ka > kb) return sign;
    return (a.seq - b.seq) * sign;
  });
}
