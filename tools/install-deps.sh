#!/usr/bin/env bash
# Installs the build and test dependencies Petrel needs on Debian, if any are missing.
# Needed: a C compiler (gcc, and clang for the second CI build), make, python3 (test runners),
# xz-utils (to unpack test262). Optional, detected by the build: libedit-dev (REPL line editing),
# libicu-dev (Intl, later). node is only used by `make bench` (the V8 reference).
set -eu
need=()
command -v gcc >/dev/null || need+=(gcc)
command -v clang >/dev/null || need+=(clang)
command -v make >/dev/null || need+=(make)
command -v python3 >/dev/null || need+=(python3)
command -v xz >/dev/null || need+=(xz-utils)
optional=()
[ -e /usr/include/histedit.h ] || optional+=(libedit-dev)
if [ ${#need[@]} -eq 0 ] && [ ${#optional[@]} -gt 0 ] && [ "$(id -u)" = 0 ]; then
  # Nice to have: a failure here leaves a shell without line editing, not a broken build.
  (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${optional[@]}" >/dev/null) ||
    echo "note: could not install ${optional[*]}; building without it"
fi
if [ ${#need[@]} -gt 0 ]; then
  need+=("${optional[@]}")
  if [ "$(id -u)" = 0 ]; then
    echo "installing: ${need[*]}"
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}" >/dev/null
  else
    echo "missing build dependencies; run as root: apt-get install -y ${need[*]}" >&2
    exit 1
  fi
fi
