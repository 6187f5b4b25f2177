#!/usr/bin/env bash
# Package checks, run by .ci/run after `npm run build`:
#  1. `npm pack` ships only what consumers need (dist/, docs/*.md, README.md, CHANGELOG.md, package.json);
#  2. publint (strict) and @arethetypeswrong/cli report no problems (ESM, CommonJS, types);
#  3. typedoc builds without warnings (treatWarningsAsErrors in typedoc.json);
#  4. the packed tarball, installed into a temporary project, is imported (ESM) and required (CJS),
#     type-checked from .mts and .cts files, and bundled one-command with esbuild (handlers with import and with require()).
set -euo pipefail
cd "$(dirname "$0")/.."
repo=$PWD
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

echo "== npm pack"
npm pack --ignore-scripts --pack-destination "$tmp" --json >"$tmp/pack.json"
tarball=$(node -e 'const [p] = require(process.argv[1]); process.stdout.write(p.filename)' "$tmp/pack.json")
node -e '
  const [p] = require(process.argv[1]);
  const allowed = /^(dist\/.+\.(c?js|d\.c?ts)|docs\/[\w.-]+\.md|README\.md|CHANGELOG\.md|LICENSE|package\.json)$/;
  const bad = p.files.map((f) => f.path).filter((f) => !allowed.test(f));
  if (bad.length) { console.error("unexpected files in the package:", bad); process.exit(1); }
  for (const need of ["dist/index.js", "dist/index.cjs", "dist/index.require.js", "dist/index.d.ts", "dist/index.d.cts", "package.json", "README.md"]) {
    if (!p.files.some((f) => f.path === need)) { console.error("missing from the package:", need); process.exit(1); }
  }
  console.log(`${p.filename}: ${p.entryCount} files, ${p.size} bytes packed, ${p.unpackedSize} unpacked`);
' "$tmp/pack.json"

echo "== publint"
npx --no-install publint --strict
echo "== arethetypeswrong"
npx --no-install attw "$tmp/$tarball"
echo "== typedoc"
npx --no-install typedoc --out "$tmp/docs" --logLevel Warn
# Error pages list our members, not Node's statics inherited from Error (excludeExternals in typedoc.json).
if grep -l -E "captureStackTrace|stackTraceLimit|prepareStackTrace" "$tmp"/docs/classes/*.html; then
  echo "typedoc: Node's Error statics leak into the pages above" >&2
  exit 1
fi

echo "== smoke test of the packed tarball"
project="$tmp/project"
mkdir -p "$project"
cp scripts/package-smoke/* "$project/"
ls src/commands | sed -n 's/Command\.ts$//p' | node -e 'process.stdout.write(JSON.stringify(require("fs").readFileSync(0, "utf8").trim().split("\n")))' >"$project/operations.json"
(
  cd "$project"
  echo '{ "name": "pcrm-smoke", "private": true, "version": "0.0.0" }' >package.json
  npm install --no-audit --no-fund --prefer-offline --no-package-lock --loglevel=error "$tmp/$tarball" "@types/node@$(node -p 'require(process.argv[1]).version' "$repo/node_modules/@types/node/package.json")"
  node smoke.mjs
  node smoke.cjs
  test -x node_modules/.bin/partnercentral-revenue-measurement-emulator
  node node_modules/.bin/partnercentral-revenue-measurement-emulator --help >/dev/null
  echo "bin: ok"
  node "$repo/node_modules/typescript/bin/tsc" -p tsconfig.json
  echo "types (.mts and .cts, skipLibCheck off): ok"
  node bundle-check.mjs "$repo/node_modules/esbuild"
)
echo "package checks passed"
