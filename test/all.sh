#!/usr/bin/env bash
# `npm test`: the static checks (types, lint, dead code, format) and the test suites, side by
# side. The suites spend about a third of their time waiting on sockets, Chromium and the JVM,
# which the checks fill. The type check and lint (one process, ~30 s of CPU) start at normal
# priority and finish early; knip and Prettier run at idle priority, on what the suites leave.
# Each side's output is printed whole; the run fails if any side fails.
set -uo pipefail
cd "$(dirname "$0")/.."
PATH="$PWD/node_modules/.bin:$PATH"

# SCHED_IDLE where chrt exists (util-linux): only the CPU nothing else wants.
if command -v chrt >/dev/null 2>&1; then idle() { chrt --idle 0 "$@"; }; else idle() { nice -n 19 "$@"; }; fi

types_log=$(mktemp)
files_log=$(mktemp)
trap 'rm -f "$types_log" "$files_log"' EXIT
# Measured on a 2-core machine: with both lanes at idle priority the type check outlasted the
# suites by ~7 s (151 s in all); at normal priority it ends at ~55 s and the run at ~139 s.
(tsx test/static-checks.ts && echo "tsc and ESLint passed after ${SECONDS} s") >"$types_log" 2>&1 &
types=$!
(idle knip && idle prettier --check . --log-level warn && echo "knip and Prettier passed after ${SECONDS} s") >"$files_log" 2>&1 &
files=$!

vitest run
suites=$?

wait "$types"
types_status=$?
wait "$files"
files_status=$?
cat "$types_log" "$files_log"
[ "$types_status" -eq 0 ] || echo "type check or lint failed (exit $types_status)" >&2
[ "$files_status" -eq 0 ] || echo "dead-code or format check failed (exit $files_status)" >&2
[ "$suites" -eq 0 ] || echo "test suites failed (exit $suites)" >&2
[ "$types_status" -eq 0 ] && [ "$files_status" -eq 0 ] && [ "$suites" -eq 0 ]
