/**
 * What every room of the emulator's state shares: the options and clock, a
 * sequence for creation order, id generation, per-revision history, date
 * helpers, optimistic locking and the products the emulator knows.
 */
import { randomBytes } from "node:crypto";
import { daysInMonth, utcDateString } from "../../validation/dates.js";
import { conflict, notFound } from "../errors.js";

const LOWER_ALNUM = "abcdefghijklmnopqrstuvwxyz0123456789";

/** A random id body of `length` characters from `alphabet`. */
export function randomId(length: number, alphabet = LOWER_ALNUM): string {
  const bytes = randomBytes(length);
  let out = "";
  for (let i = 0; i < length; i++) out += alphabet[bytes[i]! % alphabet.length];
  return out;
}

/** Values of one record by revision; `at(n)` is the value as of revision `n`. */
export class History<T> {
  private readonly entries: { rev: number; value: T }[] = [];

  /** Records the value from revision `rev` on (replaces a value set at the same revision). */
  set(rev: number, value: T): void {
    const last = this.entries[this.entries.length - 1];
    if (last && last.rev === rev) last.value = value;
    else this.entries.push({ rev, value });
  }

  /** The value as of revision `rev`, or undefined when the record did not exist yet. */
  at(rev: number): T | undefined {
    return this.entryAt(rev)?.value;
  }

  /** The value as of revision `rev` with the revision that wrote it. */
  entryAt(rev: number): { rev: number; value: T } | undefined {
    for (let i = this.entries.length - 1; i >= 0; i--) {
      const entry = this.entries[i]!;
      if (entry.rev <= rev) return entry;
    }
    return undefined;
  }

  /** The newest value. */
  get latest(): T {
    return this.entries[this.entries.length - 1]!.value;
  }
}

/** Months (`YYYY-MM`) covered by a date range, at most `limit` of them. */
export function monthsOf(from: string, until: string, limit = 240): string[] {
  const out: string[] = [];
  let y = Number(from.slice(0, 4));
  let m = Number(from.slice(5, 7));
  const end = until.slice(0, 7);
  for (let i = 0; i < limit; i++) {
    const key = `${y}-${String(m).padStart(2, "0")}`;
    if (key > end) break;
    out.push(key);
    m++;
    if (m > 12) {
      m = 1;
      y++;
    }
  }
  return out;
}

/** True when two inclusive date ranges overlap; an absent end is open-ended. */
export function rangesOverlap(aFrom: string, aUntil: string | undefined, bFrom: string, bUntil: string | undefined): boolean {
  return (aUntil === undefined || bFrom <= aUntil) && (bUntil === undefined || aFrom <= bUntil);
}

/** The last day of the month of a `YYYY-MM-DD` date. */
export function endOfMonth(date: string): string {
  const y = Number(date.slice(0, 4));
  const m = Number(date.slice(5, 7));
  return `${date.slice(0, 8)}${String(daysInMonth(y, m)).padStart(2, "0")}`;
}

/** A product the emulator knows, for `products` in the options. */
export interface EmulatorProduct {
  ProductCode?: string;
  ProductName?: string;
}

/** Settings of the model. */
export interface StateOptions {
  /** Current time in epoch milliseconds (dates such as "today" derive from it). */
  now: () => number;
  region: string;
  accountId: string;
  /** How long an allocations task stays IN_PROGRESS; `Infinity`: until `finishAllTasks()`. */
  taskDurationMs: number;
  /** How many revenue attributions a catalog may hold. */
  maxRevenueAttributions: number;
  /** Known marketplace products; when given, other product ids are ResourceNotFound. */
  products?: Record<string, EmulatorProduct>;
}

/** The options, the clock and the creation-order sequence, shared by every store. */
export class StateContext {
  private seq = 0;

  constructor(readonly options: StateOptions) {}

  /** The current time as a `Date`. */
  now(): Date {
    return new Date(this.options.now());
  }

  /** Today (UTC) as `YYYY-MM-DD`. */
  today(): string {
    return utcDateString(this.options.now());
  }

  /** The next number of the creation order (lists without a sort key keep it). */
  nextSeq(): number {
    return ++this.seq;
  }

  /** Restarts the creation order. */
  reset(): void {
    this.seq = 0;
  }

  /** The ARN of a resource of this account and region. */
  arn(catalog: string, path: string): string {
    return `arn:aws:partnercentral:${this.options.region}:${this.options.accountId}:catalog/${catalog}/${path}`;
  }

  /** A known product's code and name (invented when the emulator accepts any product); unknown ones are ResourceNotFound. */
  product(productId: string): Required<EmulatorProduct> {
    const known = this.options.products;
    if (known && !(productId in known)) throw notFound(`Marketplace product ${productId} was not found`);
    const given = known?.[productId] ?? {};
    const tail = productId.replace(/^prod-/, "");
    return {
      ProductCode: given.ProductCode ?? `pc${tail}`.slice(0, 25),
      ProductName: given.ProductName ?? `Product ${tail}`,
    };
  }
}

/** Checks the caller's revision against the latest (optimistic locking). */
export function checkRevision(latest: number, given: unknown, what: string): void {
  if (String(given) !== String(latest)) {
    throw conflict("REVISION_MISMATCH", `Revision ${String(given)} of ${what} is not the latest (${latest}); read it again and retry`);
  }
}

/** Resolves a revision (absent = latest); unknown revisions are ResourceNotFound. */
export function resolveRevision(latest: number, revision: unknown, what: string): number {
  if (revision === undefined) return latest;
  const rev = Number(revision);
  if (!Number.isSafeInteger(rev) || rev < 1 || rev > latest) throw notFound(`Revision ${String(revision)} of ${what} was not found`);
  return rev;
}

/** The values of a record map as of a revision, in creation order. */
export function valuesAt<T>(records: Map<string, { seq: number; history: History<T> }>, rev: number): { seq: number; allocation: T }[] {
  const out: { seq: number; allocation: T }[] = [];
  for (const { seq, history } of records.values()) {
    const allocation = history.at(rev);
    if (allocation) out.push({ seq, allocation });
  }
  return out;
}
