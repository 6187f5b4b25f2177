/**
 * The code blocks of the user documentation, shared by test/doc-examples.test.ts (type-checked against the
 * sources) and scripts/check-typescript-range.ts (type-checked against the built package with the lowest supported
 * TypeScript).
 */
import { readFileSync } from "node:fs";
import { join, relative } from "node:path";

export const PACKAGE = "partnercentral-revenue-measurement";

/**
 * What documentation blocks may use without defining it: the reader's own values. Written to a `.d.ts` file next
 * to the blocks.
 */
export const FREE_VARIABLES = `import type * as sdk from "${PACKAGE}";
import type { Emulator } from "${PACKAGE}/testing";
declare global {
  const emulator: Emulator;
  const client: sdk.PartnerCentralRevenueMeasurementClient;
  const command: sdk.GetRevenueAttributionAllocationsTaskCommand;
  /** An input of whichever command the block sends. */
  const input: never;
  const rows: sdk.RevenueShareAllocation[];
  const arn: string;
  const abortSignal: AbortSignal;
  const requestTimeoutMs: number;
  const myTaskId: string;
  /** The id of your revenue attribution (ra-…). */
  const attributionId: string;
  /** Your own ids of the rows, one per row. */
  const crmIds: string[];
  function myExportJob(client: sdk.PartnerCentralRevenueMeasurementClient, revenueAttributionId: string): Promise<void>;
}
export {};
`;

export interface DocBlock {
  /** Where the block starts, e.g. `README.md line 42`. */
  name: string;
  code: string;
}

/** The ```ts blocks of a Markdown file, each with the line it starts on. */
export function tsBlocks(root: string, file: string): DocBlock[] {
  const text = readFileSync(join(root, file), "utf8");
  return [...text.matchAll(/^```ts\n([\s\S]*?)^```$/gm)].map((m) => ({
    name: `${relative(root, join(root, file))} line ${text.slice(0, m.index).split("\n").length}`,
    code: m[1]!,
  }));
}
