#!/usr/bin/env bash
# Packaging and examples: `make install` into a temporary prefix (and once with DESTDIR), check the
# installed files and the exported symbols, build examples/*.c against the installed library with
# `cc $(pkg-config --cflags --libs petrel)`, run them and compare their output.
# Usage: tests/examples/run.sh [BUILD_DIR]   (default build; a build-asan* dir adds the sanitizers)
set -u
cd "$(dirname "$0")/../.."
BUILD=${1:-build}
CC=${CC:-cc}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
passed=0 failed=0
ok() { passed=$((passed + 1)); }
bad() { failed=$((failed + 1)); echo "FAIL: $*"; }
check() { local what=$1; shift; if "$@"; then ok; else bad "$what"; fi; }

EXTRA=()
case "$BUILD" in *asan*) EXTRA=(-fsanitize=address,undefined);; esac

prefix=$tmp/prefix
if make -s install BUILD="$BUILD" PREFIX="$prefix" >"$tmp/install.log" 2>&1; then ok; else bad "make install"; cat "$tmp/install.log"; fi
for f in include/petrel.h lib/libpetrel.a lib/libpetrel.so.0.1.0 lib/pkgconfig/petrel.pc; do
  check "installed $f" test -f "$prefix/$f"
done
check "libpetrel.so.0 -> libpetrel.so.0.1.0" test "$(readlink "$prefix/lib/libpetrel.so.0")" = libpetrel.so.0.1.0
check "libpetrel.so -> libpetrel.so.0" test "$(readlink "$prefix/lib/libpetrel.so")" = libpetrel.so.0
check "petrel.pc prefix" grep -qx "prefix=$prefix" "$prefix/lib/pkgconfig/petrel.pc"

# DESTDIR: files go under it, the .pc names the final prefix.
if make -s install BUILD="$BUILD" PREFIX=/opt/petrel DESTDIR="$tmp/dest" >"$tmp/install2.log" 2>&1; then ok; else bad "make install DESTDIR"; fi
check "DESTDIR header" test -f "$tmp/dest/opt/petrel/include/petrel.h"
check "DESTDIR petrel.pc" grep -qx "prefix=/opt/petrel" "$tmp/dest/opt/petrel/lib/pkgconfig/petrel.pc"

# Only petrel_ symbols are exported.
others=$(nm -D --defined-only "$prefix/lib/libpetrel.so.0.1.0" | awk '{print $3}' | grep -v '^petrel_' | grep -v '^_init$\|^_fini$' || true)
check "nm -D shows only petrel_ symbols (others: $others)" test -z "$others"

export PKG_CONFIG_PATH=$prefix/lib/pkgconfig
flags=$(pkg-config --cflags --libs petrel) || { bad "pkg-config petrel"; flags=""; }
for src in examples/*.c; do
  name=$(basename "$src" .c)
  # shellcheck disable=SC2086
  if "$CC" -std=c11 -Wall -Wextra -Werror "${EXTRA[@]}" "$src" $flags -lm -Wl,-rpath,"$prefix/lib" -o "$tmp/$name" 2>"$tmp/$name.cc"; then
    ok
  else
    bad "build $name"; cat "$tmp/$name.cc"
  fi
done

expect() { # expect NAME EXPECTED-FILE ACTUAL-FILE
  if diff -u "$2" "$3" >"$tmp/diff"; then ok; else bad "$1 output"; cat "$tmp/diff"; fi
}

run() { "$tmp/$1" "${@:2}"; }

run hello-world >"$tmp/out" 2>&1
printf 'Hello, World!\n' >"$tmp/want"
expect hello-world "$tmp/want" "$tmp/out"

run instances >"$tmp/out" 2>&1
printf '5\n10 {"x":6,"y":8}\nnot a Point\n' >"$tmp/want"
expect instances "$tmp/want" "$tmp/out"

printf 'print("sum", 1 + 2);\nPromise.resolve(7).then(v => print("job", v));\n' >"$tmp/good.js"
run run-script "$tmp/good.js" >"$tmp/out" 2>&1
check "run-script good.js exits 0" test $? -eq 0
printf 'sum 3\njob 7\n' >"$tmp/want"
expect run-script "$tmp/want" "$tmp/out"

printf 'print("before");\nfunction f() {\n    throw "deep";\n}\nf();\n' >"$tmp/throws.js"
run run-script "$tmp/throws.js" >"$tmp/out" 2>&1
check "run-script throws.js exits 1" test $? -eq 1
printf 'before\n%s:3:5: deep\n' "$tmp/throws.js" >"$tmp/want"
expect "run-script (exception)" "$tmp/want" "$tmp/out"

printf '\n\nnew Array(-1);\n' >"$tmp/error.js"
run run-script "$tmp/error.js" >"$tmp/out" 2>&1
check "run-script error.js exits 1" test $? -eq 1
check "run-script error location" grep -q "^$tmp/error.js:3:[0-9]*: RangeError: " "$tmp/out"

printf 'var ok = 1;\nvar = 2;\n' >"$tmp/syntax.js"
run run-script "$tmp/syntax.js" >"$tmp/out" 2>&1
check "run-script syntax.js exits 1" test $? -eq 1
check "run-script syntax error location" grep -q "^$tmp/syntax.js:2:5: SyntaxError" "$tmp/out"

run run-script "$tmp/missing.js" >/dev/null 2>&1
check "run-script missing file exits 2" test $? -eq 2

printf '1 + 2\nvar x = 20\nx + 1\n"text"\nthrow new TypeError("boom")\nx\n[1, 2].map(v => v * 2)\n' |
  run shell >"$tmp/out" 2>&1
printf '> 3\n> undefined\n> 21\n> "text"\n> Uncaught TypeError: boom\n> 20\n> 2,4\n> \n' >"$tmp/want"
expect shell "$tmp/want" "$tmp/out"

echo "examples: $passed passed, $failed failed"
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
