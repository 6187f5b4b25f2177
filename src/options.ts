/**
 * The checks every `(configuration, input)` entry point outside the client
 * (waiter, batch helper, files layer) makes on its configuration before any
 * request: the old call shape with a client first, unknown and renamed option
 * names, options put in the input. One place, so every entry point words them
 * the same way and throws the same class (the one the client uses for bad
 * client options).
 */
import { InvalidConfigurationError } from "./endpoints.js";

/**
 * Options renamed when times became milliseconds: the old name, its new name,
 * and the old unit. A JavaScript caller passing the old name must not get a
 * value read 1000× off, so the old names are refused with the conversion.
 */
const RENAMED_TO_MS: Readonly<Record<string, string>> = {
  maxWaitTime: "maxWaitMs",
  minDelay: "minDelayMs",
  maxDelay: "maxDelayMs",
  taskDurationEstimate: "taskDurationEstimateMs",
};

/** One problem with a configuration: the option and the rule it breaks. */
export interface ConfigurationProblem {
  option: string;
  rule: string;
}

/** The error for `problems` (all of them, so one run shows every fix to make). */
export function invalidConfiguration(operation: string, problems: readonly ConfigurationProblem[]): InvalidConfigurationError {
  const list = problems.map((p) => `${p.option} ${p.rule}`).join("; ");
  return new InvalidConfigurationError(`Invalid Configuration of ${operation}: ${list}`);
}

const looksLikeClient = (value: unknown): boolean =>
  typeof value === "object" && value !== null && typeof (value as { send?: unknown }).send === "function";

/** This package's client, told by its resolved configuration's clock (which the waiter and batch deadlines use). */
const isThisPackagesClient = (value: unknown): boolean =>
  typeof (value as { config?: { clock?: { now?: unknown } } }).config?.clock?.now === "function";

/**
 * The problems of a configuration object: not an object, a client passed
 * where the configuration goes (the old `f(client, input)` shape), a missing
 * client, a renamed option, or a name not in `known`. `shape` is the call
 * shape shown in the messages, e.g. `submitAllocations({ client, ...options }, input)`. `anyClientWithSend`: the
 * paginators only call `send`, so any client with one will do (the waiter and batch helpers need this package's).
 */
export function configurationShapeProblems(
  configuration: unknown,
  known: ReadonlySet<string>,
  shape: string,
  anyClientWithSend = false,
): ConfigurationProblem[] {
  if (typeof configuration !== "object" || configuration === null) {
    return [{ option: "configuration", rule: `must be an object holding the client: call ${shape}` }];
  }
  if (looksLikeClient(configuration)) {
    return [
      {
        option: "configuration",
        rule: `is a client: the first argument is now an object holding the client and the options, the service data comes second: call ${shape}`,
      },
    ];
  }
  const problems: ConfigurationProblem[] = [];
  const client = (configuration as { client?: unknown }).client;
  if (!looksLikeClient(client)) {
    problems.push({ option: "client", rule: `is required: a PartnerCentralRevenueMeasurementClient (call ${shape})` });
  } else if (!anyClientWithSend && !isThisPackagesClient(client)) {
    problems.push({
      option: "client",
      rule: "must be this package's PartnerCentralRevenueMeasurementClient (the helpers use its clock and validation; another client, such as the official @aws-sdk one, cannot drive them)",
    });
  }
  for (const [name, value] of Object.entries(configuration)) {
    if (known.has(name)) continue;
    problems.push({ option: name, rule: renamedRule(name, value) ?? `is not an option here (supported: ${[...known].join(", ")})` });
  }
  return problems;
}

/** The rule for an old seconds-based name, with the converted value when it is a number. */
function renamedRule(name: string, value: unknown): string | undefined {
  const renamed = RENAMED_TO_MS[name];
  if (renamed === undefined) return undefined;
  const example = typeof value === "number" && Number.isFinite(value) ? `: use ${renamed}: ${Math.round(value * 1000)}` : "";
  return `(seconds) was renamed ${renamed} (milliseconds)${example}`;
}

/**
 * The problems of options found in the input (the second argument), where they
 * would be silently ignored: `deadline` there would never stop the call.
 */
export function misplacedOptionProblems(input: unknown, options: ReadonlySet<string>, operation: string): ConfigurationProblem[] {
  if (typeof input !== "object" || input === null) return [];
  return Object.keys(input).flatMap((name) => {
    const renamed = RENAMED_TO_MS[name];
    if (!options.has(name) && renamed === undefined) return [];
    const where = `belongs in the configuration (the first argument of ${operation}), not in the input`;
    return [{ option: name, rule: renamed === undefined ? where : `${where}; ${renamedRule(name, (input as Record<string, unknown>)[name])}` }];
  });
}

/** Throws `InvalidConfigurationError` listing `problems`, when there are any. */
export function assertConfiguration(operation: string, problems: readonly ConfigurationProblem[]): void {
  if (problems.length) throw invalidConfiguration(operation, problems);
}

/** A positive, finite number of milliseconds, or undefined (then the default applies). */
export function positiveMsProblem(option: string, value: unknown): ConfigurationProblem | undefined {
  if (value === undefined) return undefined;
  if (typeof value === "number" && Number.isFinite(value) && value > 0) return undefined;
  return { option, rule: `must be a positive number of milliseconds, got ${String(value)}` };
}
