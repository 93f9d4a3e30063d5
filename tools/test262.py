#!/usr/bin/env python3
"""Runs test262 against the petrel shell and gates the result on a committed expectations file.

How a test is run (the rules the issue tracker verifies against):
  * The runner concatenates the harness (assert.js, sta.js, doneprintHandle.js for async tests,
    then the test's `includes`) and the test into one file in the test's own folder (module
    tests import fixtures by relative path), runs `petrel --test262 [--module] FILE`, and deletes
    the file.
  * Strict mode puts "use strict"; first. A file runs in every mode its flags require (default:
    sloppy and strict; onlyStrict; noStrict; raw: the file alone, sloppy; module) and passes only
    if every mode passes.
  * A test passes when the process exits 0 (async tests must also print
    Test262:AsyncTestComplete); a negative test passes when it exits non-zero with the expected
    error name in its output. A signal, a sanitizer report, or the time limit in any mode fails.
  * TZ and LC_ALL are pinned.

The expectations file lists the files that fail, one path (relative to test/) per line, with an
optional tag: `fail` (default), `timeout` (run with a short limit, so a known hang does not cost
the full limit), `crash` (known to crash: the only way a crash is tolerated). A section headed
`# deliberate:` holds permanent failures with the reason in a comment. The gate fails on any
failure not listed and on any crash not tagged `crash`; listed files that now pass are reported
so the list only shrinks (--update-expectations rewrites it from a full run).
"""
import argparse
import concurrent.futures
import hashlib
import os
import re
import resource
import signal
import subprocess
import sys
import tarfile
import tempfile
import time
import zlib

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
DEFAULT_EXPECTATIONS = os.path.join(ROOT, "tests", "test262", "expectations.txt")
TARBALL = "test262-be13516.tar.xz"
TOP_FOLDERS = ["annexB", "built-ins", "harness", "intl402", "language", "staging"]
SANITIZER_MARKERS = ("ERROR: AddressSanitizer", "ERROR: LeakSanitizer", "runtime error:",
                     "UndefinedBehaviorSanitizer", "==ERROR:")


# ---- Locating the suite ---------------------------------------------------------------------

def find_test262(args):
    if args.test262_dir:
        return args.test262_dir
    if os.environ.get("TEST262_DIR"):
        return os.environ["TEST262_DIR"]
    cache = os.path.join(ROOT, ".cache", "test262")
    if os.path.isdir(os.path.join(cache, "test")):
        return cache
    for shared in (os.path.join(ROOT, "..", "shared"), os.path.join(ROOT, "..", "..", "shared")):
        tarball = os.path.join(shared, "conformance", TARBALL)
        if os.path.exists(tarball):
            print(f"test262: unpacking {os.path.normpath(tarball)} into .cache/test262", flush=True)
            tmp = cache + ".tmp"
            os.makedirs(tmp, exist_ok=True)
            with tarfile.open(tarball) as tf:
                tf.extractall(tmp)
            os.replace(tmp, cache)
            return cache
    sys.exit("test262: not found: set TEST262_DIR or put ../shared/conformance/" + TARBALL + " beside the checkout")


# ---- Front matter ---------------------------------------------------------------------------

FRONT_MATTER = re.compile(r"/\*---(.*?)---\*/", re.S)


def parse_list(text, key):
    """Reads `key: [a, b]` or a `key:` followed by `- item` lines."""
    m = re.search(r"^\s*" + key + r":\s*\[(.*?)\]", text, re.M | re.S)
    if m:
        return [x.strip().strip("'\"") for x in m.group(1).split(",") if x.strip()]
    m = re.search(r"^(\s*)" + key + r":\s*\n((?:\1\s+-.*\n?)+)", text, re.M)
    if m:
        return [x.strip()[1:].strip().strip("'\"") for x in m.group(2).splitlines() if x.strip()]
    return []


class Test:
    __slots__ = ("path", "rel", "includes", "flags", "features", "negative_phase", "negative_type")

    def __init__(self, path, rel, source):
        self.path = path
        self.rel = rel
        m = FRONT_MATTER.search(source)
        # the front matter is read with its line terminators normalized (the source is kept exact)
        meta = (m.group(1) if m else "").replace("\r\n", "\n").replace("\r", "\n")
        self.includes = parse_list(meta, "includes")
        self.flags = parse_list(meta, "flags")
        self.features = parse_list(meta, "features")
        self.negative_phase = self.negative_type = None
        neg = re.search(r"^\s*negative:\s*\n((?:\s+\w+:.*\n?)+)", meta, re.M)
        if neg:
            phase = re.search(r"phase:\s*(\S+)", neg.group(1))
            typ = re.search(r"type:\s*(\S+)", neg.group(1))
            self.negative_phase = phase.group(1) if phase else None
            self.negative_type = typ.group(1) if typ else None

    def modes(self):
        if "module" in self.flags:
            return ["module"]
        if "raw" in self.flags or "noStrict" in self.flags:
            return ["sloppy"]
        if "onlyStrict" in self.flags:
            return ["strict"]
        return ["sloppy", "strict"]


def collect(suite, selection):
    tests = []
    base = os.path.join(suite, "test")
    for sel in selection:
        start = os.path.join(base, sel)
        if os.path.isfile(start):
            paths = [start]
        else:
            paths = []
            for dirpath, dirnames, filenames in os.walk(start):
                dirnames.sort()
                for f in sorted(filenames):
                    if f.endswith(".js") and "_FIXTURE" not in f and ".petrel-" not in f:
                        paths.append(os.path.join(dirpath, f))
        for p in paths:
            tests.append(os.path.relpath(p, base))
    return sorted(set(tests))


def in_sample(rel, every):
    return every <= 1 or zlib.crc32(rel.encode()) % every == 0


# ---- Running --------------------------------------------------------------------------------

HARNESS_CACHE = {}


def harness_file(suite, name):
    if name not in HARNESS_CACHE:
        with open(os.path.join(suite, "harness", name), encoding="utf-8", newline="") as f:
            HARNESS_CACHE[name] = f.read()
    return HARNESS_CACHE[name]


def limit_child():
    os.setsid()
    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))


def run_mode(args, suite, test, source, mode, time_limit):
    """Returns (outcome, detail): outcome is 'pass', 'fail', 'timeout' or 'crash'."""
    if "raw" in test.flags:
        text = source
    else:
        parts = []
        if mode == "strict":
            parts.append('"use strict";\n')
        names = ["assert.js", "sta.js"]
        if "async" in test.flags:
            names.append("doneprintHandle.js")
        names += [i for i in test.includes if i not in names]
        for n in names:
            parts.append(harness_file(suite, n))
            parts.append("\n")
        parts.append(source)
        text = "".join(parts)
    folder = os.path.dirname(test.path)
    stem = os.path.basename(test.path)[:-3]
    fd, tmp = tempfile.mkstemp(prefix=stem + ".petrel-", suffix=".js", dir=folder)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", errors="surrogatepass", newline="") as f:
            f.write(text)
        cmd = [args.petrel] + args.extra + ["--test262"]
        if mode == "module":
            cmd.append("--module")
        cmd.append(tmp)
        env = dict(os.environ, TZ="America/Los_Angeles", LC_ALL="C")
        try:
            proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                                    stdin=subprocess.DEVNULL, env=env, preexec_fn=limit_child)
        except OSError as e:
            return "crash", str(e)
        try:
            out, _ = proc.communicate(timeout=time_limit)
        except subprocess.TimeoutExpired:
            try:
                os.killpg(proc.pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
            proc.communicate()
            return "timeout", f"timed out after {time_limit}s"
    finally:
        try:
            os.unlink(tmp)
        except OSError:
            pass
    out = out.decode("utf-8", "replace")
    rc = proc.returncode
    if rc < 0:
        return "crash", f"signal {-rc}\n{out[-2000:]}"
    if any(m in out for m in SANITIZER_MARKERS):
        return "crash", out[-4000:]
    if test.negative_type:
        if rc != 0 and test.negative_type in out:
            return "pass", ""
        return "fail", f"expected {test.negative_type} ({test.negative_phase}), exit {rc}\n{out[-2000:]}"
    if rc != 0:
        return "fail", f"exit {rc}\n{out[-2000:]}"
    if "async" in test.flags and ("Test262:AsyncTestComplete" not in out or "Test262:AsyncTestFailure" in out):
        return "fail", "async test did not complete\n" + out[-2000:]
    return "pass", ""


def run_test(args, suite, rel, tagged):
    path = os.path.join(suite, "test", rel)
    # newline="": the test's bytes exactly (CR and CRLF line terminators are what some tests test)
    with open(path, encoding="utf-8", errors="surrogatepass", newline="") as f:
        source = f.read()
    test = Test(path, rel, source)
    time_limit = args.timeout
    if tagged == "timeout":
        time_limit = min(time_limit, args.known_timeout)
    for mode in test.modes():
        outcome, detail = run_mode(args, suite, test, source, mode, time_limit)
        if outcome != "pass":
            return rel, outcome, f"[{mode}] {detail}", test.features
    return rel, "pass", "", test.features


# ---- Expectations ---------------------------------------------------------------------------

def read_expectations(path):
    """Returns {rel: tag} and the raw deliberate section lines (kept verbatim on update)."""
    entries, deliberate = {}, []
    if not os.path.exists(path):
        return entries, deliberate
    in_deliberate = False
    with open(path, encoding="utf-8") as f:
        for line in f:
            stripped = line.strip()
            if stripped.lower().startswith("# deliberate:"):
                in_deliberate = True
            if in_deliberate:
                deliberate.append(line.rstrip("\n"))
            if not stripped or stripped.startswith("#"):
                continue
            fields = stripped.split()
            entries[fields[0]] = fields[1] if len(fields) > 1 and fields[1] in ("fail", "timeout", "crash") else "fail"
    return entries, deliberate


def write_expectations(path, results, deliberate, previous, selection_all):
    deliberate_paths = set()
    for line in deliberate:
        s = line.strip()
        if s and not s.startswith("#"):
            deliberate_paths.add(s.split()[0])
    failing = {r: o for r, o in results.items() if o != "pass" and r not in deliberate_paths}
    if not selection_all:  # partial run: keep what was not run
        for r, tag in previous.items():
            if r not in results and r not in deliberate_paths:
                failing[r] = {"fail": "fail", "timeout": "timeout", "crash": "crash"}[tag]
    with open(path, "w", encoding="utf-8") as f:
        f.write("# test262 files that fail today: path relative to test/, then fail|timeout|crash.\n")
        f.write("# This list only shrinks. Regenerate with tools/test262.py --update-expectations.\n")
        for rel in sorted(failing):
            tag = failing[rel]
            f.write(rel if tag == "fail" else f"{rel} {tag}")
            f.write("\n")
        if deliberate:
            f.write("\n")
            f.write("\n".join(deliberate) + "\n")


# ---- Main -----------------------------------------------------------------------------------

def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--petrel", default=os.path.join(ROOT, "build", "petrel"))
    ap.add_argument("--test262-dir")
    ap.add_argument("--expectations", default=DEFAULT_EXPECTATIONS)
    ap.add_argument("--update-expectations", action="store_true")
    ap.add_argument("--sample", type=int, default=1, help="run a stable 1-in-N sample")
    ap.add_argument("-j", "--jobs", type=int, default=os.cpu_count() or 2)
    ap.add_argument("--timeout", type=float, default=10.0)
    ap.add_argument("--known-timeout", type=float, default=2.0,
                    help="time limit for files tagged `timeout` in the expectations")
    ap.add_argument("--flag", dest="extra", action="append", default=[],
                    help="extra petrel flag, e.g. --flag=--stress-gc=100")
    ap.add_argument("--no-gate", action="store_true", help="report only; do not compare with expectations")
    ap.add_argument("--failures", help="write every failure with its output to this file")
    ap.add_argument("-v", "--verbose", action="store_true")
    ap.add_argument("paths", nargs="*", help="files or folders under test/ (default: all)")
    args = ap.parse_args()
    args.petrel = os.path.abspath(args.petrel)
    if not os.access(args.petrel, os.X_OK):
        sys.exit(f"test262: {args.petrel} is not built")
    suite = os.path.abspath(find_test262(args))
    selection = args.paths or TOP_FOLDERS
    rels = [r for r in collect(suite, selection) if in_sample(r, args.sample)]
    expected, deliberate = read_expectations(args.expectations)

    start = time.time()
    results, details, features = {}, {}, {}
    with concurrent.futures.ThreadPoolExecutor(max_workers=args.jobs) as pool:
        futures = [pool.submit(run_test, args, suite, r, expected.get(r)) for r in rels]
        for i, fut in enumerate(concurrent.futures.as_completed(futures), 1):
            rel, outcome, detail, feats = fut.result()
            results[rel] = outcome
            features[rel] = feats
            if outcome != "pass":
                details[rel] = detail
            if args.verbose and outcome != "pass":
                print(f"{outcome.upper()}: {rel} {detail.splitlines()[0] if detail else ''}", flush=True)
            if sys.stdout.isatty() and i % 500 == 0:
                print(f"  ... {i}/{len(rels)}", flush=True)
    elapsed = time.time() - start

    # Per-folder table: all files, and files with no `features:` key (the acceptance measure).
    print(f"test262 at {suite} ({len(rels)} files, {elapsed:.0f} s, petrel {' '.join(args.extra)})")
    print(f"{'folder':<12} {'pass':>7} {'total':>7} {'%':>6}   {'no-features pass':>16} {'total':>7} {'%':>6}")
    for top in TOP_FOLDERS:
        mine = [r for r in rels if r.split("/")[0] == top]
        if not mine:
            continue
        p = sum(results[r] == "pass" for r in mine)
        nf = [r for r in mine if not features[r]]
        pn = sum(results[r] == "pass" for r in nf)
        pct = 100.0 * p / len(mine)
        pctn = 100.0 * pn / len(nf) if nf else 0.0
        print(f"{top:<12} {p:>7} {len(mine):>7} {pct:>6.1f}   {pn:>16} {len(nf):>7} {pctn:>6.1f}")
    counts = {k: sum(1 for o in results.values() if o == k) for k in ("pass", "fail", "timeout", "crash")}
    print(f"outcomes: {counts['pass']} pass, {counts['fail']} fail, {counts['timeout']} timeout, {counts['crash']} crash")

    if args.failures:
        with open(args.failures, "w", encoding="utf-8") as f:
            for rel in sorted(details):
                f.write(f"=== {results[rel].upper()} {rel}\n{details[rel]}\n")

    if args.update_expectations:
        write_expectations(args.expectations, results, deliberate, expected, not args.paths and args.sample <= 1)
        print(f"expectations rewritten: {args.expectations}")

    if args.no_gate or args.update_expectations:
        print(f"{counts['pass']} passed, {len(rels) - counts['pass']} failed")
        return 0

    unexpected = sorted(r for r, o in results.items() if o != "pass" and r not in expected)
    bad_crash = sorted(r for r, o in results.items() if o == "crash" and expected.get(r) != "crash")
    now_passing = sorted(r for r, o in results.items() if o == "pass" and r in expected)
    known = sum(1 for r, o in results.items() if o != "pass" and r in expected)
    for rel in unexpected:
        print(f"NEW FAILURE ({results[rel]}): {rel}\n    {details[rel].splitlines()[0] if details[rel] else ''}")
    for rel in bad_crash:
        if rel not in unexpected:
            print(f"CRASH of a listed file: {rel}\n    {details[rel].splitlines()[0]}")
    if now_passing:
        print(f"{len(now_passing)} listed files now pass; remove them from {os.path.relpath(args.expectations, ROOT)}:")
        for rel in now_passing[:50]:
            print(f"    {rel}")
        if len(now_passing) > 50:
            print(f"    ... and {len(now_passing) - 50} more (--update-expectations rewrites the list)")
    failed = len(set(unexpected) | set(bad_crash))
    print(f"test262 gate: {known} known failures listed in the expectations, {failed} unexpected")
    print(f"{counts['pass']} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
