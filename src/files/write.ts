/** Writing CSV and JSON Lines, streaming: the results of an apply and the rows of an export. */
import { once } from "node:events";
import { createWriteStream } from "node:fs";
import { AllocationsFileError } from "./errors.js";
import type { AllocationFileFormat } from "./read.js";

/** Where a file goes: a path (created or replaced) or a writable stream (left open, e.g. `process.stdout`). */
export type AllocationFileDestination = string | NodeJS.WritableStream;

/** Resolves when a full stream can take more (or failed, or closed: the writer's error handler has the reason). */
function drained(out: NodeJS.WritableStream): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      out.off("drain", done);
      out.off("error", done);
      out.off("close", done);
      resolve();
    };
    out.on("drain", done);
    out.on("error", done);
    out.on("close", done);
  });
}

/** A CSV cell: quoted when it holds a comma, a quote, a line break or surrounding spaces. */
export function csvCell(value: string | number | undefined): string {
  const text = value === undefined ? "" : String(value);
  return /[",\r\n]|^\s|\s$/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/**
 * Writes records as CSV (a header of `columns`, then one line per record,
 * absent members as empty cells, `\n` line ends) or JSON Lines (absent
 * members left out), waiting when the destination is full, so any number of
 * records is written in bounded memory. Resolves with the number of records.
 * @throws AllocationsFileError when the path cannot be written.
 */
export async function writeRecords(
  destination: AllocationFileDestination,
  format: AllocationFileFormat,
  columns: readonly string[],
  records: Iterable<Record<string, unknown>> | AsyncIterable<Record<string, unknown>>,
): Promise<number> {
  const file = typeof destination === "string" ? destination : undefined;
  const out: NodeJS.WritableStream = typeof destination === "string" ? createWriteStream(destination) : destination;
  let failure: unknown;
  const onError = (e: unknown) => (failure ??= e);
  out.on("error", onError);
  const write = async (text: string) => {
    if (failure) throw failure;
    if (!out.write(text)) await drained(out);
  };
  let count = 0;
  try {
    if (format === "csv") await write(`${columns.join(",")}\n`);
    for await (const record of records) {
      if (format === "csv") await write(`${columns.map((c) => csvCell(record[c] as string | undefined)).join(",")}\n`);
      else await write(`${JSON.stringify(Object.fromEntries(columns.filter((c) => record[c] !== undefined).map((c) => [c, record[c]])))}\n`);
      count++;
    }
    if (file) {
      out.end();
      await once(out, "finish");
    }
    if (failure) throw failure;
  } catch (e) {
    const code = (e as { code?: unknown })?.code;
    throw new AllocationsFileError([], { file, cause: e, message: `Cannot write ${file ?? "the output"}: ${(e as Error)?.message ?? String(e)}${typeof code === "string" && !String((e as Error)?.message).includes(code) ? ` (${code})` : ""}` });
  } finally {
    out.off("error", onError);
  }
  return count;
}
