/**
 * The validation engine: runs a zod/mini schema plus an operation's cross-field
 * rules and reports every problem as `{ Name, Message, Code }` with the
 * service's field codes, at most one problem per field path.
 */
import type * as z from "zod/mini";
import type { ValidationExceptionField } from "../errors.js";
import { isDate, loneSurrogateIndex } from "../protocol/cbor.js";

/** What rules may depend on besides the input: the current time (from the client's clock). */
export interface ValidationContext {
  /** Milliseconds since the epoch. */
  now: number;
}

/** Collects problems; the first problem reported for a path wins. */
export class IssueCollector {
  readonly fields: ValidationExceptionField[] = [];
  private readonly seen = new Set<string>();

  add(name: string, code: ValidationExceptionField["Code"], message: string): void {
    if (this.seen.has(name)) return;
    this.seen.add(name);
    this.fields.push({ Name: name, Message: message, Code: code });
  }

  has(name: string): boolean {
    return this.seen.has(name);
  }
}

/** Cross-field or context-dependent rules of one input, run after the schema. */
export type InputRules<I> = (input: I, ctx: ValidationContext, issues: IssueCollector) => void;

/** Formats a zod path as `A[3].B`. */
export function formatPath(path: ReadonlyArray<PropertyKey>, prefix = ""): string {
  let out = prefix;
  for (const part of path) {
    if (typeof part === "number") out += `[${part}]`;
    else out += out ? `.${String(part)}` : String(part);
  }
  return out;
}

function valueAt(root: unknown, path: ReadonlyArray<PropertyKey>): unknown {
  let cur: unknown = root;
  for (const part of path) {
    if (cur === null || typeof cur !== "object") return undefined;
    cur = (cur as Record<PropertyKey, unknown>)[part];
  }
  return cur;
}

type ZodIssue = z.core.$ZodIssue;

function codeOf(issue: ZodIssue, value: unknown): ValidationExceptionField["Code"] {
  if (value === undefined) return "REQUIRED_FIELD_MISSING";
  switch (issue.code) {
    case "invalid_type":
      return issue.expected === "int" || issue.expected === "number" ? "INVALID_NUMBER_FORMAT" : "INVALID_VALUE";
    case "too_big":
    case "too_small":
      if (issue.origin === "string") return "INVALID_STRING_LENGTH";
      if (issue.origin === "array") return "TOO_MANY_VALUES";
      return "INVALID_VALUE";
    case "invalid_format":
      return "INVALID_STRING_FORMAT";
    case "invalid_value":
      return "INVALID_ENUM_VALUE";
    case "custom": {
      const params = (issue as { params?: { code?: string } }).params;
      return params?.code ?? "INVALID_VALUE";
    }
    default:
      return "INVALID_VALUE";
  }
}

function messageOf(issue: ZodIssue, value: unknown): string {
  if (value === undefined) return "is required";
  if (issue.code === "invalid_type") {
    const got = value === null ? "null" : Array.isArray(value) ? "array" : typeof value;
    const expected = issue.expected === "int" ? "integer" : issue.expected;
    return `must be ${/^[aeiou]/.test(expected) ? "an" : "a"} ${expected} (got ${got})`;
  }
  if (issue.code === "invalid_value") return `must be one of ${issue.values.map(String).join(", ")}`;
  return issue.message;
}

/** How deep {@link reportLoneSurrogates} looks into an input (inputs of this service nest three levels). */
const MAX_INPUT_DEPTH = 32;

/**
 * Reports every string in the input (member values, list items, member names)
 * holding a lone UTF-16 surrogate: UTF-8 cannot carry one, so what would reach
 * the service is not what was given. Runs before the schema so this reason wins.
 */
function reportLoneSurrogates(value: unknown, path: PropertyKey[], prefix: string, issues: IssueCollector): void {
  if (typeof value === "string") {
    const at = loneSurrogateIndex(value);
    if (at >= 0) {
      issues.add(
        formatPath(path, prefix),
        "INVALID_STRING_FORMAT",
        `must be well-formed Unicode: a lone surrogate at index ${at} cannot be sent (UTF-8 cannot carry it)`,
      );
    }
    return;
  }
  if (value === null || typeof value !== "object" || path.length >= MAX_INPUT_DEPTH || isDate(value) || ArrayBuffer.isView(value)) {
    return;
  }
  // One path array for the whole walk (pushed and popped), formatted only when a problem is reported.
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      path.push(i);
      reportLoneSurrogates(value[i], path, prefix, issues);
      path.pop();
    }
    return;
  }
  // for...in with an own-property test walks what Object.entries() would, without an array per member.
  for (const key in value) {
    if (!Object.hasOwn(value, key)) continue;
    path.push(key);
    if (loneSurrogateIndex(key) >= 0) {
      issues.add(formatPath(path, prefix), "INVALID_STRING_FORMAT", "member name must be well-formed Unicode (it holds a lone surrogate)");
    } else {
      reportLoneSurrogates((value as Record<string, unknown>)[key], path, prefix, issues);
    }
    path.pop();
  }
}

/**
 * Validates `input` against `schema` and `rules`; returns every problem found
 * (an empty list when the input is valid). Strings anywhere in the input must
 * be well-formed Unicode (no lone surrogates).
 */
export function collectIssues<I>(
  schema: z.ZodMiniType,
  rules: InputRules<I> | undefined,
  input: unknown,
  ctx: ValidationContext,
  pathPrefix = "",
): ValidationExceptionField[] {
  const issues = new IssueCollector();
  if (input === null || typeof input !== "object" || Array.isArray(input)) {
    issues.add(pathPrefix || "input", "INVALID_VALUE", "must be an object");
    return issues.fields;
  }
  reportLoneSurrogates(input, [], pathPrefix, issues);
  const result = schema.safeParse(input);
  if (!result.success) {
    for (const issue of result.error.issues) {
      const value = valueAt(input, issue.path);
      issues.add(formatPath(issue.path, pathPrefix), codeOf(issue, value), messageOf(issue, value));
    }
  }
  rules?.(input as I, ctx, issues);
  return issues.fields;
}
