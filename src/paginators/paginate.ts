/**
 * The one paging loop shared by every `paginateX` function: it sends the list
 * command page after page, feeding each `NextToken` into the next request,
 * and stops when a page has no `NextToken`.
 */
import type { PartnerCentralRevenueMeasurementClient, SendOptions } from "../client.js";
import type { Command, MetadataBearer } from "../command.js";
import { PartnerCentralRevenueMeasurementError } from "../errors.js";
import { assertConfiguration, configurationShapeProblems, type ConfigurationProblem } from "../options.js";

/** Options of a `paginateX` function. */
export interface PaginationConfiguration {
  /** The client that sends the requests (a `PartnerCentralRevenueMeasurement` works too). */
  client: Pick<PartnerCentralRevenueMeasurementClient, "send">;
  /** Items per page: sent as `MaxResults` (overrides `MaxResults` in the input). */
  pageSize?: number;
  /** Resume from this token (overrides `NextToken` in the input). */
  startingToken?: string;
  /** Aborts the request in flight; the iteration then rejects with `AbortError`. */
  abortSignal?: AbortSignal;
}

/** The official client's name for {@link PaginationConfiguration}. */
export type PartnerCentralRevenueMeasurementPaginationConfiguration = PaginationConfiguration;

/**
 * Thrown when the service hands back a `NextToken` that was already used in
 * this iteration (the token just sent, or any earlier one): following it would
 * loop forever. The page that carried the token has already been yielded.
 */
export class PaginationLoopError extends PartnerCentralRevenueMeasurementError {
  override readonly name = "PaginationLoopError";
  /** The operation being paged, e.g. `ListRevenueAttributions`. */
  readonly operation: string;
  /** The repeated token. */
  readonly token: string;
  /** How many pages were received, the last one included. */
  readonly pages: number;

  constructor(operation: string, token: string, pages: number) {
    super(
      `${operation} returned a NextToken already used in this pagination (after page ${pages}); stopping instead of looping`,
    );
    this.operation = operation;
    this.token = token;
    this.pages = pages;
  }
}

const PAGINATION_OPTION_NAMES: ReadonlySet<string> = new Set(["client", "pageSize", "startingToken", "abortSignal"]);

/** Refuses a bad configuration (a client first, a misspelt option, a bad page size) before the first request. */
function checkPaginationConfiguration(config: unknown): void {
  const shape = `paginate…({ client, pageSize }, input)`;
  const problems: ConfigurationProblem[] = configurationShapeProblems(config, PAGINATION_OPTION_NAMES, shape, true);
  const { pageSize } = (config ?? {}) as { pageSize?: unknown };
  if (problems.length === 0 && pageSize !== undefined && !(Number.isInteger(pageSize) && (pageSize as number) >= 1)) {
    problems.push({ option: "pageSize", rule: `must be a whole number of at least 1, got ${String(pageSize)}` });
  }
  assertConfiguration("a paginator", problems);
}

interface PageInput {
  NextToken?: string;
  MaxResults?: number;
}

interface PageOutput {
  NextToken?: string;
}

/**
 * Yields every page of a list operation. `makeCommand` builds the command for
 * one page's input; the caller's `input` object is never modified.
 */
export async function* paginate<I extends PageInput, O extends PageOutput>(
  config: PaginationConfiguration,
  input: I,
  makeCommand: (input: I) => Command<I, O>,
): AsyncGenerator<O & MetadataBearer, void, undefined> {
  checkPaginationConfiguration(config);
  const { client, pageSize, abortSignal } = config;
  const options: SendOptions = abortSignal ? { abortSignal } : {};
  const used = new Set<string>();
  let token = config.startingToken ?? input.NextToken;
  let pages = 0;
  for (;;) {
    const pageInput: I = { ...input };
    if (pageSize !== undefined) pageInput.MaxResults = pageSize;
    if (token !== undefined) {
      pageInput.NextToken = token;
      used.add(token);
    } else {
      delete pageInput.NextToken;
    }
    const command = makeCommand(pageInput);
    const page = await client.send(command, options);
    pages++;
    yield page;
    const next = page.NextToken;
    if (next === undefined || next === null || next === "") return;
    if (used.has(next)) throw new PaginationLoopError(command.spec.name, next, pages);
    token = next;
  }
}
