#!/usr/bin/env bash
# The consumer test harness (scripts/consumer/): the packed packages installed into fresh repositories under the
# OS temp dir, one line per scenario. Run after `npm run build`. Writes the scenario counts to the JSON file named
# by $1 (default .agent-cicd/consumer.json), which scripts/ci-summary.mjs adds to the closing line.
set -euo pipefail
cd "$(dirname "$0")/.."
out="${1:-.agent-cicd/consumer.json}"
mkdir -p "$(dirname "$out")"
node scripts/consumer/run.mjs --json "$out"
