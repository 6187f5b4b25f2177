/** What the `allocations` tool says about an error, and its exit code. One place for both. */
import { AllocationsFileError, describeProblem } from "../files/errors.js";
import { InvalidConfigurationError } from "../endpoints.js";
import {
  AbortError,
  AccessDeniedException,
  ClientValidationError,
  CredentialsUnavailableError,
  NetworkError,
  PartnerCentralRevenueMeasurementError,
  PartnerCentralRevenueMeasurementServiceException,
  ResourceNotFoundException,
  maskAccountIds,
} from "../errors.js";

/** The tool's exit codes (documented in docs/files-and-cli.md and the usage text). */
export const EXIT = {
  /** Every row applied (or, for `plan`, nothing in the way; for `export`, written). */
  ok: 0,
  /** Some rows failed, are invalid, conflict, or were not applied. */
  rowsFailed: 1,
  /** Usage or configuration: bad arguments, a missing file, a wrong attribution, no credentials, nothing listening. */
  usage: 2,
  /** Interrupted (Ctrl-C); running the same command again resumes. */
  interrupted: 130,
} as const;

/** A usage mistake found by the tool itself. */
export class UsageError extends PartnerCentralRevenueMeasurementError {
  override readonly name = "UsageError";
}

/** Where the client was pointed, for messages. */
export interface Target {
  endpoint: string;
  attribution?: string;
  catalog?: string;
}

/** The message lines and exit code of an error that stopped a command. */
export function explain(e: unknown, target: Target): { lines: string[]; exitCode: number } {
  const usage = (...lines: string[]) => ({ lines, exitCode: EXIT.usage });
  if (e instanceof UsageError) return usage(e.message, "Run `allocations --help` for the options.");
  if (e instanceof AllocationsFileError) {
    if (e.problems.length === 0) return usage(e.message);
    return {
      lines: [`${e.file ?? "The file"}: ${e.problems.length} problem${e.problems.length === 1 ? "" : "s"}; nothing was sent.`, ...e.problems.map((p) => `  ${describeProblem(p)}`)],
      exitCode: EXIT.rowsFailed,
    };
  }
  if (e instanceof AbortError) return { lines: ["Interrupted."], exitCode: EXIT.interrupted };
  if (e instanceof ResourceNotFoundException) {
    return usage(`No revenue attribution ${target.attribution ?? ""} in catalog ${target.catalog ?? ""} at ${target.endpoint} (ResourceNotFoundException: ${e.message}). Check --attribution and --catalog.`);
  }
  if (e instanceof CredentialsUnavailableError || (e instanceof Error && e.name === "CredentialsProviderError")) {
    return usage(
      `No AWS credentials found (${e.message.split("\n")[0]}).`,
      "Set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, or name a profile with --profile or AWS_PROFILE.",
    );
  }
  if (e instanceof NetworkError) {
    if (e.code === "ECONNREFUSED") return usage(`Nothing listens at ${target.endpoint} (ECONNREFUSED). Is the emulator running, or is --endpoint-url right?`);
    if (e.code === "ENOTFOUND") return usage(`Cannot resolve the host of ${target.endpoint} (ENOTFOUND). Check --endpoint-url and --region.`);
    return usage(`Cannot reach ${target.endpoint}: ${e.message}${e.code ? ` (${e.code})` : ""}.`);
  }
  if (e instanceof AccessDeniedException) return usage(`Access denied (${e.message}). Check the credentials or profile and their permissions.`);
  if (e instanceof InvalidConfigurationError) return usage(`${e.message}. Check --region and --endpoint-url.`);
  if (e instanceof ClientValidationError) return usage(...e.FieldList.map((f) => `${f.Name}: ${f.Message} [${f.Code}]`));
  if (e instanceof PartnerCentralRevenueMeasurementServiceException) return { lines: [`${e.name}: ${e.message}`], exitCode: EXIT.rowsFailed };
  const text = e instanceof Error ? `${e.name}: ${e.message}` : String(e);
  return { lines: [maskAccountIds(text)], exitCode: EXIT.rowsFailed };
}
