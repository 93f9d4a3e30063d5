#!/usr/bin/env python3
"""Runs the JS regression tests in tests/js: each file, with tests/js/harness.js prepended, must
make `petrel` exit 0 within the time limit without a sanitizer report. Extra petrel flags (for the
--stress-gc and --no-lazy passes) come from --flag. A test may name the flags it needs on a first
line comment `// flags: --expose-gc`.

Module tests: a first line `// flags: --module` runs `petrel HARNESS --module TEST`: the harness as
a script (its functions are globals), then the test file itself as a module, so fixtures may import
the test by its own name (cycles). A script test runs as a harness-prefixed copy written next to
the test (then deleted), so its import() calls find fixtures by relative path. Fixture files are
named `*_FIXTURE.js` (or are not .js) and are not run as tests.

Environment: tests run with TZ=UTC (unless the caller's TZ is set) and LC_ALL=C, with the
repository root as the working directory (so read()/load() of data files use root-relative paths).
A line `// env: NAME=VALUE ...` among a test's first three lines sets those variables for that
test only (e.g. `// env: TZ=Asia/Kathmandu` for the Date corpus drivers)."""
import argparse, concurrent.futures, os, subprocess, sys, tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SANITIZER = ("ERROR: AddressSanitizer", "runtime error:", "ERROR: LeakSanitizer")


def run(args, harness, path):
    with open(path, encoding="utf-8", errors="surrogatepass") as f:
        source = f.read()
    first = source.split("\n", 1)[0]
    flags = first[len("// flags:"):].split() if first.startswith("// flags:") else []
    test_env = {}
    for line in source.split("\n", 3)[:3]:
        if line.startswith("// env:"):
            test_env.update(kv.split("=", 1) for kv in line[len("// env:"):].split() if "=" in kv)
    module = "--module" in flags
    flags = [f for f in flags if f != "--module"]
    fd, tmp = tempfile.mkstemp(suffix=".js", prefix=".petrel-js-",
                               dir=os.path.dirname(os.path.abspath(path)))
    try:
        with os.fdopen(fd, "w", encoding="utf-8", errors="surrogatepass") as f:
            f.write(harness + "\n" + ("" if module else source))
        env = dict(os.environ, TZ=os.environ.get("TZ", "UTC"), LC_ALL="C")
        env.update(test_env)
        try:
            target = [tmp, "--module", os.path.abspath(path)] if module else [tmp]
            p = subprocess.run([args.petrel] + args.extra + flags + target,
                               capture_output=True,
                               timeout=args.timeout, env=env, stdin=subprocess.DEVNULL, cwd=ROOT)
        except subprocess.TimeoutExpired:
            return path, False, f"timed out after {args.timeout}s"
    finally:
        os.unlink(tmp)
    out = (p.stdout + p.stderr).decode("utf-8", "replace")
    if p.returncode != 0 or any(m in out for m in SANITIZER):
        return path, False, f"exit {p.returncode}\n{out[-1500:]}"
    return path, True, ""


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--petrel", default=os.path.join(ROOT, "build", "petrel"))
    ap.add_argument("--flag", dest="extra", action="append", default=[])
    ap.add_argument("--timeout", type=float, default=30.0)
    ap.add_argument("-j", "--jobs", type=int, default=os.cpu_count() or 2)
    ap.add_argument("paths", nargs="*")
    args = ap.parse_args()
    base = os.path.join(ROOT, "tests", "js")
    with open(os.path.join(base, "harness.js"), encoding="utf-8") as f:
        harness = f.read()
    files = []
    for start in args.paths or [base]:
        if os.path.isfile(start):
            files.append(start)
            continue
        for d, dirs, names in os.walk(start):
            dirs.sort()
            files += [os.path.join(d, n) for n in sorted(names) if n.endswith(".js") and n != "harness.js"
                      and not n.endswith("_FIXTURE.js")]
    passed = failed = 0
    with concurrent.futures.ThreadPoolExecutor(args.jobs) as pool:
        for path, ok, detail in pool.map(lambda p: run(args, harness, p), files):
            if ok:
                passed += 1
            else:
                failed += 1
                print(f"FAIL {os.path.relpath(path, ROOT)}: {detail}")
    print(f"js tests ({' '.join(args.extra) or 'default flags'}): {passed} passed, {failed} failed")
    print(f"{passed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
