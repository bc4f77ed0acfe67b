#!/usr/bin/env bash
# AWS DynamoDB Local for the storage contract tests, kept out of package.json on purpose:
# it is a Java program, shipped inside the amplify-dynamodb-simulator npm package.
#
#   .ci/dynamodb-local.sh fetch        # fetch once into .cache/ (git-ignored); print the folder
#   .ci/dynamodb-local.sh run [PORT]   # fetch if needed, then run it in memory on 127.0.0.1:PORT (default 8000)
#
# Needs `java` (17 is on the developers' machines and in CI) and npm.
set -euo pipefail

PACKAGE=amplify-dynamodb-simulator@2.9.30
root="$(cd "$(dirname "$0")/.." && pwd)"
cache="$root/.cache/dynamodb-local"
emulator="$cache/emulator"

fetch() {
  [ -f "$emulator/DynamoDBLocal.jar" ] && return 0
  mkdir -p "$cache"
  # Several test workers may ask at once: one fetches, the others wait for it.
  exec 9>"$cache/.lock"
  flock 9
  [ -f "$emulator/DynamoDBLocal.jar" ] && return 0
  echo "dynamodb-local: fetching $PACKAGE into $cache" >&2
  local tmp
  tmp="$(mktemp -d "$cache/fetch.XXXXXX")"
  npm pack --silent --pack-destination "$tmp" "$PACKAGE" >/dev/null
  tar -xzf "$tmp"/*.tgz -C "$tmp" package/emulator
  rm -rf "$emulator"
  mv "$tmp/package/emulator" "$emulator"
  rm -rf "$tmp"
}

case "${1:-fetch}" in
  fetch)
    fetch
    echo "$emulator"
    ;;
  run)
    fetch
    # No telemetry: tests stay on loopback. (It has no bind option; tests only use 127.0.0.1.)
    # It writes a metadata file into its working folder, so run it inside the cache.
    cd "$cache"
    export DDB_LOCAL_TELEMETRY=0
    # -XX:TieredStopAtLevel=1: the quick C1 compiler only, no C2. A test run is too short for
    # C2's optimised code to repay compiling it: over the ten contract files that use it,
    # the JVM spent 5.0-6.3 s of CPU instead of 10.8-12.9 s (4 runs each, 2 cores), and the
    # whole run 27-34 s instead of 34-40 s; the heaviest users (1 MB pages, faulted sign-ins)
    # 4.0-4.4 s instead of 8.5-8.7 s. Serial GC and a single compiler thread made no difference.
    exec java -XX:TieredStopAtLevel=1 -Djava.library.path="$emulator/DynamoDBLocal_lib" -jar "$emulator/DynamoDBLocal.jar" \
      -inMemory -disableTelemetry -port "${2:-8000}"
    ;;
  *)
    echo "usage: $0 fetch | run [port]" >&2
    exit 2
    ;;
esac
