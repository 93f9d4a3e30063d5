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
OBJS=""
for f in src/ast/*.c src/parsing/*.c src/base/*.c src/regexp/*.c; do
  o="$B/obj/${f%.c}.o"
  make -s BUILD="$B" "$o" >/dev/null
  OBJS="$OBJS $o"
done
# the parser converts BigInt literal keys with objects/bigint.c: the rest comes from the engine library
LIB=${LIB:-build/libpetrel.a}
[ -f "$LIB" ] || make -s -j2 "$LIB"
$CC -std=gnu11 -O2 -g -Isrc -Iinclude -o "$B/tools/parse-test262" tools/parse-test262.c $OBJS "$LIB" -lm -lpthread
$CC -std=gnu11 -O2 -g -Isrc -Iinclude -o "$B/tools/parse-dump" tools/parse-dump.c $OBJS "$LIB" -lm -lpthread
[ "$NO_RUN" = 1 ] && exit 0
find "$T262/test" -name '*.js' -not -path '*/intl402/*' -not -path '*/staging/*' | sort | \
  "$B/tools/parse-test262" $PARSE_ARGS -f "$FAILS"
