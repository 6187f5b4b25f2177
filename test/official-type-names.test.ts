/**
 * Code naming the official client's types compiles after swapping the import to this package: every
 * `<Operation>CommandInput` / `<Operation>CommandOutput` the official package declares, and its client, config and
 * paginator type names, are exported by ours. Checked with the TypeScript compiler on test/fixtures/official-type-names.
 */
import { readdirSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import ts from "typescript";
import { describe, expect, it } from "vitest";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const OFFICIAL = "@aws-sdk/client-partnercentral-revenue-measurement";
const officialTypes = join(root, "node_modules", OFFICIAL, "dist-types");
const fixture = join(root, "test/fixtures/official-type-names/usage.ts");

/** The project's compiler options; `swapped` resolves the official package's name to this package's source. */
function compile(swapped: boolean): { program: ts.Program; errors: string[] } {
  const parsed = ts.getParsedCommandLineOfConfigFile(join(root, "tsconfig.json"), {}, {
    ...ts.sys,
    onUnRecoverableConfigFileDiagnostic: (d) => {
      throw new Error(ts.flattenDiagnosticMessageText(d.messageText, "\n"));
    },
  })!;
  const options: ts.CompilerOptions = { ...parsed.options, noEmit: true };
  if (swapped) options.paths = { [OFFICIAL]: [join(root, "src/index.ts")] };
  const program = ts.createProgram([fixture], options);
  const errors = ts.getPreEmitDiagnostics(program).map((d) => {
    const where = d.file && d.start !== undefined ? d.file.getLineAndCharacterOfPosition(d.start) : undefined;
    const file = d.file ? `${d.file.fileName.replace(root + "/", "")}(${where!.line + 1})` : "";
    return `${file}: TS${d.code} ${ts.flattenDiagnosticMessageText(d.messageText, "\n")}`;
  });
  return { program, errors };
}

/** The `*CommandInput` / `*CommandOutput` names the official package declares, one pair per command file. */
function officialCommandTypeNames(): string[] {
  const names: string[] = [];
  for (const file of readdirSync(join(officialTypes, "commands"))) {
    if (!file.endsWith("Command.d.ts")) continue;
    const text = readFileSync(join(officialTypes, "commands", file), "utf8");
    for (const m of text.matchAll(/export interface (\w+Command(?:Input|Output))\b/g)) names.push(m[1]!);
  }
  return names.sort();
}

const OTHER_OFFICIAL_NAMES = [
  "PartnerCentralRevenueMeasurementClientConfig",
  "PartnerCentralRevenueMeasurementClientResolvedConfig",
  "PartnerCentralRevenueMeasurementPaginationConfiguration",
  "ServiceInputTypes",
  "ServiceOutputTypes",
];

describe("official type names", () => {
  const swapped = compile(true);

  it("the fixture is valid code for the official client (so the comparison is fair)", () => {
    expect(compile(false).errors).toEqual([]);
  });

  it("the fixture compiles unchanged with the import swapped to this package", () => {
    expect(swapped.errors).toEqual([]);
    // The swap really took: the fixture's import resolved to our source, not to the official package.
    const resolved = swapped.program.getSourceFiles().map((f) => f.fileName);
    expect(resolved).toContain(join(root, "src/index.ts"));
  });

  it("every official *CommandInput / *CommandOutput and client/paginator type name is exported by this package", () => {
    const commandNames = officialCommandTypeNames();
    expect(commandNames).toHaveLength(36); // 18 operations
    const checker = swapped.program.getTypeChecker();
    const index = swapped.program.getSourceFile(join(root, "src/index.ts"))!;
    const ours = new Set(checker.getExportsOfModule(checker.getSymbolAtLocation(index)!).map((s) => s.name));
    const officialIndex = readFileSync(join(officialTypes, "PartnerCentralRevenueMeasurementClient.d.ts"), "utf8");
    const officialPaging = readFileSync(join(officialTypes, "pagination/Interfaces.d.ts"), "utf8");
    for (const name of OTHER_OFFICIAL_NAMES) expect(officialIndex + officialPaging).toMatch(new RegExp(`\\b${name}\\b`));
    const missing = [...commandNames, ...OTHER_OFFICIAL_NAMES].filter((name) => !ours.has(name));
    expect(missing).toEqual([]);
  });
});
