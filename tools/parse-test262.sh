#!/bin/sh
# Builds tools/parse-test262.c against the front-end objects and runs it over test262.
# usage: [PARSE_ARGS="-p"|"-c"] tools/parse-test262.sh [test262-dir] [failures-file]
# (-p: parse with the pre-parser; -c: also parse with it and list any other outcome as DIFF)
# (unpack first: mkdir -p /tmp/test262 && tar -xJf ../shared/conformance/test262-*.tar.xz -C /tmp/test262)
set -e
T262=${1:-/tmp/test262}
FAILS=${2:-/tmp/parse-test262-failures.txt}
B=${BUILD:-build-parser}
CC=${CC:-cc}
mkdir -p "$B/tools"
# the front end needs parts of the runtime (BigInt literals, regexp validation): link the library
make -s BUILD="$B" "$B/libpetrel.a" >/dev/null
$CC -std=gnu11 -O2 -g -Isrc -Iinclude -o "$B/tools/parse-test262" tools/parse-test262.c "$B/libpetrel.a" -lm -lpthread
$CC -std=gnu11 -O2 -g -Isrc -Iinclude -o "$B/tools/parse-dump" tools/parse-dump.c "$B/libpetrel.a" -lm -lpthread
[ "$NO_RUN" = 1 ] && exit 0
find "$T262/test" -name '*.js' -not -path '*/intl402/*' -not -path '*/staging/*' | sort | \
  "$B/tools/parse-test262" $PARSE_ARGS -f "$FAILS"
