#!/bin/sh
# Detects optional libraries for the petrel shell and prints make variables (config.mk).
# Usage: sh src/shell/configure.sh [CC] > config.mk
# libedit gives the REPL line editing. The shell declares readline/add_history weak, so it
# builds and runs without it; --no-as-needed keeps the library linked although only weak
# references point at it.
CC=${1:-${CC:-cc}}
tmp=$(mktemp -d 2>/dev/null || echo /tmp/petrel-configure.$$)
mkdir -p "$tmp"
printf 'char *readline(const char *);\nint main(void) { return readline == 0; }\n' > "$tmp/t.c"
if "$CC" -o "$tmp/t" "$tmp/t.c" -ledit >/dev/null 2>&1; then
  echo "SHELL_LDLIBS = -Wl,--no-as-needed -ledit -Wl,--as-needed"
else
  echo "# libedit not found: the REPL reads plain lines"
  echo "SHELL_LDLIBS ="
fi
rm -rf "$tmp"
