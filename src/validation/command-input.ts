/**
 * The documented way to check a command's input without sending it: what `client.send()` runs before any I/O.
 */
import type { Command, OperationSpec } from "../command.js";
import type { ValidationExceptionField } from "../errors.js";
import { collectIssues } from "./core.js";

/**
 * Checks a command's input as `client.send()` does before any request (shapes, lengths, patterns, enums, list
 * sizes, date and batch rules) and returns every problem, in the service's `FieldList` shape; empty when valid.
 *
 * ```ts
 * const problems = validateCommandInput(new StartRevenueAttributionAllocationsTaskCommand(input));
 * for (const p of problems) console.log(`${p.Name}: ${p.Message} (${p.Code})`);
 * ```
 *
 * @param options.now - the time date rules are judged at, in epoch milliseconds; default `Date.now()`.
 * @throws never: problems are returned, not thrown.
 */
export function validateCommandInput(command: Command<any, any>, options: { now?: number } = {}): ValidationExceptionField[] {
  const { spec } = command as unknown as { spec: OperationSpec<object> };
  return collectIssues(spec.schema, spec.rules, command.input, { now: options.now ?? Date.now() });
}
