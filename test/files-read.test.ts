/** The files subpath's reader: CSV and JSON Lines layout, line numbers, per-line problems, streaming. */
import { Readable } from "node:stream";
import { describe, expect, it } from "vitest";
import { PartnerCentralRevenueMeasurementError } from "../src/errors.js";
import { AllocationsFileError, readAllocationChanges, streamAllocationChanges } from "../src/files/index.js";

const HEADER = "Action,EntityType,EntityIdentifier,CustomerAwsAccountId,RevenueSharePercent,EffectiveFrom,EffectiveUntil";
const row = (n: number, month = 1) =>
  `CREATE,OFFER,offer-${n},${String(100000000000 + n)},1.5,2031-${String(month).padStart(2, "0")}-01,2031-${String(month).padStart(2, "0")}-${new Date(Date.UTC(2031, month, 0)).getUTCDate()}`;
const text = (s: string) => Readable.from([s]);

async function problemsOf(source: string, format?: "csv" | "jsonl") {
  const e = await readAllocationChanges(text(source), { format }).then(
    () => undefined,
    (err: unknown) => err,
  );
  expect(e).toBeInstanceOf(AllocationsFileError);
  expect(e).toBeInstanceOf(PartnerCentralRevenueMeasurementError);
  return (e as AllocationsFileError).problems;
}

describe("readAllocationChanges (CSV)", () => {
  it("reads rows with their file lines, empty cells absent", async () => {
    const changes = await readAllocationChanges(text(`${HEADER},Status\n${row(1)},\n${row(2)},INACTIVE\n`));
    expect(changes.lines).toEqual([2, 3]);
    expect(changes.rows[0]).toEqual({
      Action: "CREATE",
      EntityType: "OFFER",
      EntityIdentifier: "offer-1",
      CustomerAwsAccountId: "100000000001",
      RevenueSharePercent: "1.5",
      EffectiveFrom: "2031-01-01",
      EffectiveUntil: "2031-01-31",
    });
    expect(changes.rows[1]!.Status).toBe("INACTIVE");
  });

  it("strips a BOM, reads CRLF and skips empty lines, keeping the lines right", async () => {
    const changes = await readAllocationChanges(text(`\ufeff${HEADER}\r\n\r\n${row(1)}\r\n\r\n\r\n${row(2)}\r\n`));
    expect(changes.lines).toEqual([3, 6]);
    expect(changes.rows[1]!.EffectiveUntil).toBe("2031-01-31");
  });

  it("reads quoted cells (commas, quotes, line breaks) and counts lines after a quoted line break", async () => {
    const src = `Action,EntityType,"EntityIdentifier",CustomerAwsAccountId,RevenueSharePercent,EffectiveFrom,EffectiveUntil\r\n` +
      `CREATE,OFFER,"offer,""7""\r\nx",111122223333,1,2031-01-01,2031-01-31\r\n` +
      `${row(3)}\r\n`;
    const changes = await readAllocationChanges(text(src), { format: "csv" }).catch((e: AllocationsFileError) => e);
    // the quoted id is not a valid EntityIdentifier: it is reported on the line where its row starts
    expect((changes as AllocationsFileError).problems).toEqual([
      expect.objectContaining({ line: 2, column: "EntityIdentifier", Code: "INVALID_STRING_FORMAT" }),
    ]);
    const lines: number[] = [];
    for await (const l of streamAllocationChanges(text(src))) lines.push(l.line);
    expect(lines).toEqual([2, 4]);
  });

  it("takes header names in any case and order, normalises enums and a percent sign", async () => {
    const changes = await readAllocationChanges(
      text("effectivefrom,ACTION,entitytype,EntityIdentifier,CustomerAwsAccountId,RevenueSharePercent,EffectiveUntil\n 2031-02-01 ,create,offer,o-1,111122223333,12.5 %,2031-02-28\n"),
    );
    expect(changes.rows[0]).toMatchObject({ Action: "CREATE", EntityType: "OFFER", RevenueSharePercent: "12.5", EffectiveFrom: "2031-02-01" });
  });

  it("reports an unknown column, a duplicate and a missing required column at once, on the header line", async () => {
    const problems = await problemsOf(`Action,EntityType,EntityIdentifier,CustomerAwsAccountId,Percent,EffectiveFrom,EffectiveUntil,Action\n${row(1)}\n`);
    expect(problems).toEqual([
      expect.objectContaining({ line: 1, column: "Percent", Code: "UNKNOWN_COLUMN" }),
      expect.objectContaining({ line: 1, column: "Action", Code: "DUPLICATE_VALUE" }),
      expect.objectContaining({ line: 1, column: "RevenueSharePercent", Code: "REQUIRED_FIELD_MISSING" }),
    ]);
  });

  it("reports every bad row with its line and column before anything is sent", async () => {
    const rows = [
      row(1),
      "UPSERT,OFFER,o-2,111122223333,1,2031-01-01,2031-01-31", // bad enum
      "CREATE,OFFER,o-3,12345,1,2031-01-01,2031-01-31", // short account id
      "CREATE,OFFER,o-4,111122223333,1.555,2031-01-01,2031-01-31", // percent format
      "CREATE,OFFER,o-5,111122223333,1,2031-01-02,2031-02-30", // not first day; not a date
      "UPDATE,OFFER,o-6,111122223333,1,2031-01-01,2031-01-31", // UPDATE without id
      row(1), // duplicate CREATE of line 2
      "CREATE,OFFER,o-8,111122223333,1,2031-01-01,2031-01-31,extra", // extra cell
      "CREATE,,o-9,111122223333,1,2031-01-01,2031-01-31", // missing EntityType
    ];
    const problems = await problemsOf(`${HEADER}\n${rows.join("\n")}\n`);
    const where = problems.map((p) => `${p.line}:${p.column ?? ""}:${p.Code}`);
    expect(where).toEqual([
      "3:Action:INVALID_ENUM_VALUE",
      "4:CustomerAwsAccountId:INVALID_STRING_LENGTH",
      "5:RevenueSharePercent:INVALID_STRING_FORMAT",
      "6:EffectiveFrom:INVALID_VALUE",
      "6:EffectiveUntil:INVALID_VALUE",
      "7:RevenueAttributionAllocationId:REQUIRED_FIELD_MISSING",
      "8::DUPLICATE_VALUE",
      "9::MALFORMED_LINE",
      "10:EntityType:REQUIRED_FIELD_MISSING",
    ]);
    expect(problems.find((p) => p.line === 8)!.Message).toContain("line 2");
    expect(new Set(problems.map((p) => p.line))).toEqual(new Set([3, 4, 5, 6, 7, 8, 9, 10]));
  });

  it("reports an unclosed quote with its line", async () => {
    const problems = await problemsOf(`${HEADER}\n${row(1)}\nCREATE,"OFFER,o\n`);
    expect(problems).toEqual([expect.objectContaining({ line: 3, Code: "MALFORMED_LINE" })]);
  });

  it("refuses an empty file and a file with a header only", async () => {
    expect((await problemsOf(""))[0]!.Message).toContain("empty");
    expect((await problemsOf(`${HEADER}\n\n`))[0]!.Message).toContain("no changes");
  });

  it("names a missing file", async () => {
    const e = await readAllocationChanges("/nonexistent/changes.csv").catch((err: unknown) => err);
    expect(e).toBeInstanceOf(AllocationsFileError);
    expect((e as Error).message).toBe("Cannot read /nonexistent/changes.csv: no such file (ENOENT)");
  });
});

describe("readAllocationChanges (JSON Lines)", () => {
  it("reads one object per line, null as absent, with lines", async () => {
    const a = { Action: "CREATE", EntityType: "OFFER", EntityIdentifier: "o-1", CustomerAwsAccountId: "111122223333", RevenueSharePercent: 2.5, EffectiveFrom: "2031-03-01", EffectiveUntil: "2031-03-31", Status: null };
    const changes = await readAllocationChanges(text(`\ufeff${JSON.stringify(a)}\r\n\r\n${JSON.stringify({ ...a, EntityIdentifier: "o-2" })}\n`), { format: "jsonl" });
    expect(changes.lines).toEqual([1, 3]);
    expect(changes.rows[0]).toEqual({ ...a, RevenueSharePercent: "2.5", Status: undefined } as never);
    expect("Status" in changes.rows[0]!).toBe(false);
  });

  it("reports lines that are not JSON objects, unknown members and non-string values", async () => {
    const good = JSON.stringify({ Action: "CREATE", EntityType: "OFFER", EntityIdentifier: "o-1", CustomerAwsAccountId: "111122223333", RevenueSharePercent: "1", EffectiveFrom: "2031-03-01", EffectiveUntil: "2031-03-31" });
    const problems = await problemsOf(`${good}\n{nope\n[1]\n${good.replace("}", ',"Colour":"red"}').replace('"o-1"', '"o-2"')}\n${good.replace('"OFFER"', "7").replace('"o-1"', '"o-3"')}\n`, "jsonl");
    expect(problems.map((p) => `${p.line}:${p.column ?? ""}:${p.Code}`)).toEqual([
      "2::MALFORMED_LINE",
      "3::MALFORMED_LINE",
      "4:Colour:UNKNOWN_COLUMN",
      "5:EntityType:INVALID_VALUE",
    ]);
  });
});

describe("streaming", () => {
  it("streams 100,000 rows with bounded buffering: the reader pulls the source as it is consumed", async () => {
    const total = 100_000;
    let produced = 0;
    let mostAhead = 0;
    const source = Readable.from(
      (function* () {
        yield `${HEADER}\n`;
        for (let i = 0; i < total; i++) {
          produced++;
          yield `${row(i, (i % 12) + 1)}\n`;
        }
      })(),
      { objectMode: false },
    );
    let consumed = 0;
    let lastLine = 0;
    let problems = 0;
    for await (const read of streamAllocationChanges(source)) {
      consumed++;
      lastLine = read.line;
      problems += read.problems.length;
      mostAhead = Math.max(mostAhead, produced - consumed);
    }
    expect(problems).toBe(0);
    expect(consumed).toBe(total);
    expect(lastLine).toBe(total + 1);
    // The stream holds at most a few buffers of rows (each ~70 bytes), never the file.
    expect(mostAhead).toBeLessThan(5_000);
  }, 60_000);
});
