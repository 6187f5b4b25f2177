/**
 * CI check of the lowest supported TypeScript (docs/typescript.md): the ```ts blocks of README.md and docs/*.md
 * that import the package, and the consumer samples in scripts/typescript-range/ (ES module and CommonJS), are
 * type-checked against the BUILT package (dist/, run `npm run build` first) with TypeScript LOWEST, strict and
 * with `skipLibCheck: false`, so the types of our dependencies (zod, @smithy/types) are checked too.
 *
 *   npx tsx scripts/check-typescript-range.ts [version]
 *
 * The compiler is installed from the npm registry into node_modules/.cache/typescript-<version>/ once.
 */
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, readdirSync, rmSync, symlinkSync, writeFileSync, copyFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { FREE_VARIABLES, PACKAGE, tsBlocks } from "../test/helpers/doc-samples.js";

/**
 * The lowest supported version (docs/typescript.md). Another version can be tried as the first argument
 * (`npx tsx scripts/check-typescript-range.ts 4.7.4` fails on the documentation's samples).
 */
const LOWEST = process.argv[2] ?? "5.0.4";

const root = resolve(import.meta.dirname, "..");
const work = join(root, ".tmp", "typescript-range");

if (!existsSync(join(root, "dist", "index.d.ts")) || !existsSync(join(root, "dist", "index.d.cts"))) {
  console.error("check-typescript-range: dist/ has no type declarations; run `npm run build` first");
  process.exit(2);
}

const compilerDir = join(root, "node_modules", ".cache", `typescript-${LOWEST}`);
const tsc = join(compilerDir, "node_modules", "typescript", "bin", "tsc");
if (!existsSync(tsc)) {
  execFileSync("npm", ["install", "--prefix", compilerDir, "--no-save", "--no-package-lock", "--no-audit", "--no-fund", `typescript@${LOWEST}`], {
    stdio: ["ignore", "ignore", "inherit"],
  });
}

// A consumer project: the package is found by name (a link to this checkout, so dist/ and package.json "exports"
// are what resolve), everything else from this checkout's node_modules.
rmSync(work, { recursive: true, force: true });
mkdirSync(join(work, "node_modules"), { recursive: true });
symlinkSync(root, join(work, "node_modules", PACKAGE), "dir");
writeFileSync(join(work, "package.json"), JSON.stringify({ name: "typescript-range-consumer", private: true, type: "module" }));
writeFileSync(join(work, "free-variables.d.ts"), FREE_VARIABLES);

const files: Record<string, string> = {};
const docs = ["README.md", ...readdirSync(join(root, "docs")).filter((f) => f.endsWith(".md")).map((f) => `docs/${f}`)];
const importsPackage = new RegExp(`from "${PACKAGE}(/[\\w-]+)?"`);
let blockCount = 0;
for (const block of docs.flatMap((file) => tsBlocks(root, file))) {
  if (!importsPackage.test(block.code)) continue;
  const file = `block-${blockCount++}.mts`;
  files[file] = block.name;
  writeFileSync(join(work, file), `${block.code}\nexport {};\n`);
}
for (const sample of readdirSync(join(root, "scripts", "typescript-range"))) {
  copyFileSync(join(root, "scripts", "typescript-range", sample), join(work, sample));
  files[sample] = `scripts/typescript-range/${sample}`;
}

/**
 * Type-checks `names` (files in `work`) with TypeScript LOWEST; returns false, after printing the errors, when it
 * fails. `skipLibCheck: false` checks every declaration file the program reaches.
 */
function typeCheck(project: string, names: string[], skipLibCheck: boolean): boolean {
  const config = `tsconfig.${project}.json`;
  writeFileSync(
    join(work, config),
    JSON.stringify({
      compilerOptions: {
        target: "ES2022",
        module: "NodeNext",
        moduleResolution: "NodeNext",
        lib: ["ES2022"],
        types: ["node"],
        strict: true,
        skipLibCheck,
        noEmit: true,
      },
      files: names,
    }),
  );
  try {
    execFileSync(process.execPath, [tsc, "-p", config], { cwd: work, stdio: ["ignore", "pipe", "pipe"], encoding: "utf8" });
    return true;
  } catch (e) {
    const output = String((e as { stdout?: string }).stdout ?? e);
    // Name the documentation block behind each generated file.
    console.error(output.replace(/block-\d+\.mts/g, (file) => `${file} (${files[file]})`));
    return false;
  }
}

const blocks = Object.keys(files).filter((f) => f.startsWith("block-"));
const samples = Object.keys(files).filter((f) => !f.startsWith("block-"));
// The consumer samples import only this package: every declaration they reach (ours, zod's, @smithy's) is checked.
const packageOk = typeCheck("package", samples, false);
// Documentation blocks also import other packages (vitest, Powertools, …), whose own declarations are not ours to check.
const docsOk = typeCheck("docs", ["free-variables.d.ts", ...blocks], true);
console.log(`TypeScript ${LOWEST}: the built package's declarations ${packageOk ? "check" : "FAIL"} (${samples.length} consumer samples, skipLibCheck false); ${blocks.length} documentation blocks ${docsOk ? "check" : "FAIL"}`);
if (!packageOk || !docsOk) {
  console.error(`check-typescript-range: TypeScript ${LOWEST} does not type-check the code above`);
  process.exit(1);
}
