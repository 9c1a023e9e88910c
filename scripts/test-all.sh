#!/usr/bin/env bash
# `npm test`: every test. Type check, Vitest (unit + integration on a real PostgreSQL: embedded, or
# TEST_DATABASE_URL), a production build, then Playwright e2e in Debian's Chromium against the real app
# on its embedded defaults. Ends with one line: "N passed, N failed".
set -uo pipefail
cd "$(dirname "$0")/.."
results=$(mktemp -d)
trap 'rm -rf "$results"' EXIT

step() { printf '\n\033[1m[test] %s\033[0m\n' "$*"; }

step "Checking Chromium"
bash scripts/ensure-chromium.sh || exit 1

step "Type check"
npx tsc --noEmit || { echo "[test] type errors: fix them first"; echo "0 passed, 1 failed"; exit 1; }

# One project after the other: the integration suites hold throughput limits and time crash recovery, and must not
# share two cores with the unit tests' bursts.
step "Unit tests (Vitest)"
npx vitest run --project unit --reporter=default --reporter=json --outputFile.json="$results/vitest-unit.json"
unit_status=$?

step "Integration tests on PostgreSQL (Vitest)"
npx vitest run --project integration --reporter=default --reporter=json --outputFile.json="$results/vitest-integration.json"
integration_status=$?

step "Production build"
npm run build --silent >"$results/build.log" 2>&1 || { cat "$results/build.log"; echo "[test] build failed"; echo "0 passed, 1 failed"; exit 1; }

step "End-to-end tests (Playwright, Chromium)"
PLAYWRIGHT_JSON_OUTPUT_NAME="$results/playwright.json" npx playwright test --reporter=list,json
playwright_status=$?

node scripts/test-summary.mjs "$results/playwright.json" "$playwright_status" "$results/vitest-unit.json" "$results/vitest-integration.json"
summary_status=$?
if [ $unit_status -ne 0 ] || [ $integration_status -ne 0 ] || [ $playwright_status -ne 0 ] || [ $summary_status -ne 0 ]; then exit 1; fi
