#!/usr/bin/env bash
# Bytecode golden tests: runs each tests/golden/NAME.js with the flags on its first line
# (`// flags: ...`), normalizes addresses (0x... -> 0x) and compares with NAME.expected.
# Usage: tests/golden/run.sh [path/to/petrel]; UPDATE=1 rewrites the expected files.
set -u
PETREL=$(realpath "${1:-$(dirname "$0")/../../build/petrel}")
cd "$(dirname "$0")"
pass=0 fail=0
for js in *.js; do
  name=${js%.js}
  flags=$(head -1 "$js" | sed -n 's|^// flags: ||p')
  # shellcheck disable=SC2086
  actual=$("$PETREL" $flags "$js" 2>&1 | sed -E 's/0x[0-9a-f]+/0x/g')
  if [ "${UPDATE:-0}" = 1 ]; then
    printf '%s\n' "$actual" > "$name.expected"
  fi
  if [ "$actual" = "$(cat "$name.expected" 2>/dev/null)" ]; then
    pass=$((pass + 1))
  else
    fail=$((fail + 1))
    echo "FAIL: $name"
    diff <(printf '%s\n' "$actual") "$name.expected" | head -20
  fi
done
echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
