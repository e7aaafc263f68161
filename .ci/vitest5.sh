#!/usr/bin/env bash
# Runs the Vitest plugin's end-to-end tests against Vitest 5 on Node 22 (the plugin's peer range is
# `vitest ^4.1 || ^5`). Node 22 and Vitest 5 are installed from npm into a temp dir, never into the root
# lockfile; the fixture runs use them while the outer test runner stays the repo's Vitest.
# Usage: bash .ci/vitest5.sh   (after `npm ci`). Prints one result line; exits non-zero on failure.
set -euo pipefail
cd "$(dirname "$0")/.."
repo=$(pwd)

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
printf '{ "private": true }\n' >"$tmp/package.json"
if ! (cd "$tmp" && npm install --no-audit --no-fund --loglevel=error node@22 vitest@5 >"$tmp/install.log" 2>&1); then
  cat "$tmp/install.log"
  echo "vitest5: FAILED (could not install node@22 and vitest@5)"
  exit 1
fi
node22="$tmp/node_modules/node/bin/node"
vitest5="$tmp/node_modules/vitest"
versions="node $("$node22" --version), vitest $(node -p "require('$vitest5/package.json').version")"

status=0
AGENT_CICD_E2E_NODE="$node22" AGENT_CICD_E2E_VITEST="$vitest5" \
  npx --no-install vitest run --project vitest-plugin "$repo/packages/vitest-plugin/test/e2e" || status=$?
if [ "$status" -eq 0 ]; then
  echo "vitest5: ok — plugin end-to-end tests passed on $versions"
else
  echo "vitest5: FAILED — plugin end-to-end tests failed on $versions (exit $status)"
fi
exit "$status"
