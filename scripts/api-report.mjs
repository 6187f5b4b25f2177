#!/usr/bin/env node
// The public surface of the built package, one line per export: its name, its kind, and for values the type the
// compiler gives it. Written to api-report/<entry>.api.txt from dist/<entry>.d.ts, for every entry in package.json's
// "exports". `--check` compares with the files in the repository instead and fails on any difference, so that a
// change of the surface shows up as a diff in review (CI runs it after the build).
import { readFileSync, readdirSync, writeFileSync, mkdirSync, existsSync } from "node:fs";
import { join, dirname } from "node:path";
import { fileURLToPath } from "node:url";
import ts from "typescript";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const check = process.argv.includes("--check");
const pkg = JSON.parse(readFileSync(join(root, "package.json"), "utf8"));
const entries = Object.entries(pkg.exports)
  .filter(([subpath, target]) => subpath !== "./package.json" && typeof target === "object")
  .map(([subpath, target]) => ({ subpath, types: target.import?.types ?? target.types }))
  .filter((e) => e.types);

function report(dts) {
  const program = ts.createProgram([dts], { strict: true, skipLibCheck: true, noEmit: true });
  const checker = program.getTypeChecker();
  const source = program.getSourceFile(dts);
  const moduleSymbol = checker.getSymbolAtLocation(source);
  const lines = [];
  for (const exported of checker.getExportsOfModule(moduleSymbol)) {
    const symbol = exported.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(exported) : exported;
    const f = symbol.flags;
    const kind =
      f & ts.SymbolFlags.Class ? "class" :
      f & ts.SymbolFlags.Function ? "function" :
      f & ts.SymbolFlags.Enum ? "enum" :
      f & ts.SymbolFlags.Variable ? (f & ts.SymbolFlags.TypeAlias ? "const+type" : "const") :
      f & ts.SymbolFlags.Interface ? "interface" :
      f & ts.SymbolFlags.TypeAlias ? "type" : "other";
    let detail = "";
    if (kind === "function" || kind === "const" || kind === "const+type") {
      const decl = symbol.valueDeclaration ?? symbol.declarations?.[0];
      detail = checker.typeToString(checker.getTypeOfSymbolAtLocation(symbol, decl), undefined, ts.TypeFormatFlags.NoTruncation);
    } else if (kind === "class") {
      const instance = checker.getDeclaredTypeOfSymbol(symbol);
      const members = checker.getPropertiesOfType(instance).map((p) => p.name).filter((n) => !n.startsWith("__@") && !n.startsWith("#")).sort();
      detail = `{ ${members.join(", ")} }`;
    } else if (kind === "interface") {
      const members = checker.getPropertiesOfType(checker.getDeclaredTypeOfSymbol(symbol)).map((p) => p.name).filter((n) => !n.startsWith("__@")).sort();
      detail = `{ ${members.join(", ")} }`;
    }
    lines.push(`${exported.name}: ${kind}${detail ? ` ${detail}` : ""}`);
  }
  return lines.sort().join("\n") + "\n";
}

let failed = false;
mkdirSync(join(root, "api-report"), { recursive: true });
for (const { subpath, types } of entries) {
  const name = subpath === "." ? "index" : subpath.slice(2).replace(/\//g, "-");
  const file = join(root, "api-report", `${name}.api.txt`);
  const text = `# ${pkg.name}${subpath === "." ? "" : subpath.slice(1)}: the public surface (scripts/api-report.mjs)\n` + report(join(root, types));
  if (check) {
    const committed = existsSync(file) ? readFileSync(file, "utf8") : "";
    if (committed !== text) {
      failed = true;
      console.error(`api-report/${name}.api.txt is not the built surface: run \`npm run build && npm run api-report\` and commit the diff.`);
    }
  } else {
    writeFileSync(file, text);
    console.log(`wrote api-report/${name}.api.txt (${text.split("\n").length - 2} exports)`);
  }
}
// No declaration file may name zod: its types would become part of this package's contract (validation is offered
// through functions). Checked on every build, report or check.
const dist = join(root, "dist");
for (const file of readdirSync(dist).filter((f) => /\.d\.c?ts$/.test(f))) {
  if (/\bfrom ['"]zod|\bimport ['"]zod|import\(['"]zod/.test(readFileSync(join(dist, file), "utf8"))) {
    failed = true;
    console.error(`dist/${file} refers to zod: a zod type is reachable from the public surface.`);
  }
}
process.exit(failed ? 1 : 0);
