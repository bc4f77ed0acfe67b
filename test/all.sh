#!/usr/bin/env bash
# `npm test`: the static checks (types, lint, dead code, format) and the test suites, side by
# side. The suites spend much of their time waiting on sockets, Chromium and the JVM; the
# checks run at a lower priority and fill that time, so the suites keep the CPU when they need
# it. Each side's output is printed whole; the run fails if either side fails.
set -uo pipefail
cd "$(dirname "$0")/.."
PATH="$PWD/node_modules/.bin:$PATH"

checks_log=$(mktemp)
trap 'rm -f "$checks_log"' EXIT
(
  set -e
  nice -n 10 tsx test/static-checks.ts
  nice -n 10 knip
  nice -n 10 prettier --check . --log-level warn
  echo "static checks passed: tsc, ESLint, knip, Prettier"
) >"$checks_log" 2>&1 &
checks=$!

vitest run
suites=$?

wait "$checks"
static=$?
cat "$checks_log"
[ "$static" -eq 0 ] || echo "static checks failed (exit $static)" >&2
[ "$suites" -eq 0 ] || echo "test suites failed (exit $suites)" >&2
[ "$static" -eq 0 ] && [ "$suites" -eq 0 ]
