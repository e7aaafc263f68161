#!/usr/bin/env bash
# Prints the fault figures (fault matrix, planted secrets, kill -9 resumes, …) that `npm test` wrote to
# .agent-cicd/fault-figures/; fails when a figure misses its goal. `npm run test:faults` runs the tests itself.
set -euo pipefail
cd "$(dirname "$0")/.."
node scripts/test-faults.mjs --no-run
