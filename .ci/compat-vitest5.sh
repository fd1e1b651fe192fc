#!/usr/bin/env bash
# Compatibility leg: the same checks as the main leg on Node 22 + Vitest 5 + openai 7.
#
# Node 22 comes from the npm registry (the `node` package puts a real binary under node_modules/.bin);
# npm itself is this machine's npm, run by that Node 22 (it is first on PATH). The repository is copied
# (tracked + untracked-but-not-ignored files: what a clone of the working tree would hold) into a temp
# directory, where the devDependencies are switched to the Vitest 5 / openai 7 versions below.
#
# Usage: .ci/compat-vitest5.sh            (from .ci/run, after the main leg)
#        KEEP_COMPAT_DIR=1 .ci/compat-vitest5.sh   keeps the temp copy for debugging
set -euo pipefail
repo="$(cd "$(dirname "$0")/.." && pwd)"

NODE_VERSION=22.23.3
VITEST_VERSION=5.1.1
OPENAI_VERSION=7.57.0
VITE_VERSION=8.3.8
TYPES_NODE_VERSION=22.20.5

start=$(date +%s)
step() { printf '\n=== [vitest 5] %s (%ss)\n' "$1" "$(( $(date +%s) - start ))"; }
quiet=(--no-audit --no-fund --loglevel=error --prefer-offline)

work="$(mktemp -d "${TMPDIR:-/tmp}/evalgate-compat-XXXXXX")"
if [[ -z "${KEEP_COMPAT_DIR:-}" ]]; then trap 'rm -rf "$work"' EXIT; else echo "temp copy kept in $work"; fi

step "node@$NODE_VERSION from the npm registry"
mkdir -p "$work/node"
npm install --prefix "$work/node" "${quiet[@]}" "node@$NODE_VERSION"
export PATH="$work/node/node_modules/.bin:$PATH"
[[ "$(node -v)" == "v$NODE_VERSION" ]] || { echo "expected node v$NODE_VERSION on PATH, got $(node -v)" >&2; exit 1; }
echo "node $(node -v), npm $(npm -v) (run by $(command -v node))"

step 'copy of the repository'
mkdir -p "$work/repo"
(cd "$repo" && git ls-files -z --cached --others --exclude-standard) |
  (cd "$repo" && while IFS= read -r -d '' f; do if [[ -e "$f" ]]; then printf '%s\0' "$f"; fi; done) |
  tar -C "$repo" --null -T - -cf - | tar -C "$work/repo" -xf -
cd "$work/repo"

step "install: vitest@$VITEST_VERSION @vitest/ui@$VITEST_VERSION openai@$OPENAI_VERSION vite@$VITE_VERSION"
npm install "${quiet[@]}" --save-dev --save-exact \
  "vitest@$VITEST_VERSION" "@vitest/ui@$VITEST_VERSION" "openai@$OPENAI_VERSION" "vite@$VITE_VERSION" "@types/node@$TYPES_NODE_VERSION"
node -e "for (const p of ['vitest', 'openai', 'vite']) console.log(p, JSON.parse(require('fs').readFileSync('node_modules/' + p + '/package.json', 'utf8')).version)"

step 'typecheck (project + type tests for Vitest 5)'
npm run typecheck
npm run typecheck:types

step 'tests (README: npm test)'
npm test

step 'example suite (README: npm run example)'
npm run example

step "done in $(( $(date +%s) - start ))s"
