/**
 * The code users copy compiles: every ```ts block of README.md (and of docs/*.md) and every
 * `@example` of a command's TSDoc is type-checked against the sources.
 *
 * README blocks are checked as written, imports included (a block that uses
 * a name must import it); only the free variables they assume (`client`,
 * `input`, `rows`, …) are declared, in FREE_VARIABLES (test/helpers/doc-samples.ts). TSDoc examples
 * are short snippets: the SDK names they use are imported for them.
 */
import { mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import ts from "typescript";
import { describe, expect, it } from "vitest";
import * as sdk from "../src/index.js";
import { FREE_VARIABLES, PACKAGE, tsBlocks, type DocBlock } from "./helpers/doc-samples.js";

const root = resolve(__dirname, "..");
const out = join(root, ".tmp", "doc-examples");

type Example = DocBlock;

function readmeBlocks(): Example[] {
  return tsBlocks(root, "README.md");
}

function docsBlocks(): Example[] {
  const dir = join(root, "docs");
  return readdirSync(dir)
    .filter((file) => file.endsWith(".md"))
    .flatMap((file) => tsBlocks(root, join("docs", file)));
}

function tsdocExamples(): Example[] {
  const dir = join(root, "src", "commands");
  return readdirSync(dir).flatMap((file) => {
    const text = readFileSync(join(dir, file), "utf8");
    return [...text.matchAll(/@example\n \* ```ts\n([\s\S]*?) \* ```/g)].map((m) => {
      const code = m[1]!.replace(/^ \* ?/gm, "");
      const used = [...new Set(code.match(/\b[A-Za-z]\w+\b/g) ?? [])].filter((n) => n in sdk);
      return { name: `${file} @example`, code: `import { ${used.join(", ")} } from "${PACKAGE}";\n${code}` };
    });
  });
}

function typeCheck(examples: Example[]): Record<string, string[]> {
  rmSync(out, { recursive: true, force: true });
  mkdirSync(out, { recursive: true });
  writeFileSync(join(out, "free-variables.d.ts"), FREE_VARIABLES);
  const files = examples.map((e, i) => {
    const file = join(out, `example-${i}.mts`);
    writeFileSync(file, `${e.code}\nexport {};\n`);
    return file;
  });
  const config = ts.getParsedCommandLineOfConfigFile(join(root, "tsconfig.json"), {}, { ...ts.sys, onUnRecoverableConfigFileDiagnostic: () => {} })!;
  const program = ts.createProgram([...files, join(out, "free-variables.d.ts")], {
    ...config.options,
    noEmit: true,
    types: ["node", "vitest/globals"],
    baseUrl: root,
    paths: {
      [PACKAGE]: ["src/index.ts"],
      [`${PACKAGE}/testing`]: ["src/testing/index.ts"],
      [`${PACKAGE}/files`]: ["src/files/index.ts"],
      [`${PACKAGE}/batch`]: ["src/batch/index.ts"],
    },
  });
  const problems: Record<string, string[]> = {};
  for (const d of ts.getPreEmitDiagnostics(program)) {
    const index = files.indexOf(d.file?.fileName ?? "");
    const key = index >= 0 ? examples[index]!.name : (d.file?.fileName ?? "program");
    const line = d.file && d.start !== undefined ? d.file.getLineAndCharacterOfPosition(d.start).line : 0;
    (problems[key] ??= []).push(`line ${line}: ${ts.flattenDiagnosticMessageText(d.messageText, "\n")}`);
  }
  return problems;
}

describe("documentation examples", () => {
  it("README's and docs/*.md's ts blocks and every command's @example type-check", () => {
    const readme = readmeBlocks();
    const docs = docsBlocks();
    const tsdoc = tsdocExamples();
    expect(readme.length).toBeGreaterThanOrEqual(5); // the README shows five programs of examples/ (test/readme-examples.test.ts runs them)
    expect(tsdoc).toHaveLength(readdirSync(join(root, "src", "commands")).length);
    expect(docs.length).toBeGreaterThanOrEqual(7);
    expect(typeCheck([...readme, ...docs, ...tsdoc])).toEqual({});
  }, 120_000);

  it("catches a block that uses a name it does not import", () => {
    const problems = typeCheck([{ name: "bad", code: `await client.send(new GetRevenueAttributionCommand(input));` }]);
    expect(problems.bad?.join("\n")).toContain("Cannot find name 'GetRevenueAttributionCommand'");
  }, 120_000);
});
