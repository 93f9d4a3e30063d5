#!/usr/bin/env python3
"""`make bench`: the Octane suite on petrel and on `node --jitless` (V8's Ignition interpreter) in
the same run. Each benchmark runs in its own process: base.js, the benchmark's files and a runner
that prints `Name: score`. Scores are medians over --runs runs; the table gives each score, the
geometric means and the petrel/node ratio (higher is better for petrel: > 1 means faster).
A benchmark that prints an error, crashes or exceeds --time-limit is reported as ERROR and left out
of the geometric mean of both engines."""
import argparse, math, os, re, shutil, statistics, subprocess, sys, tarfile, tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
TARBALL = "octane-570ad1c.tar.xz"
# Benchmark -> files after base.js, in load order (Octane's run.js order; mandreel is absent).
BENCHMARKS = [
    ("Richards", ["richards.js"]),
    ("DeltaBlue", ["deltablue.js"]),
    ("Crypto", ["crypto.js"]),
    ("RayTrace", ["raytrace.js"]),
    ("EarleyBoyer", ["earley-boyer.js"]),
    ("RegExp", ["regexp.js"]),
    ("Splay", ["splay.js"]),
    ("NavierStokes", ["navier-stokes.js"]),
    ("PdfJS", ["pdfjs.js"]),
    ("Gameboy", ["gbemu-part1.js", "gbemu-part2.js"]),
    ("CodeLoad", ["code-load.js"]),
    ("Box2D", ["box2d.js"]),
    ("zlib", ["zlib.js", "zlib-data.js"]),
    ("Typescript", ["typescript.js", "typescript-input.js", "typescript-compiler.js"]),
]
RUNNER = r"""
var __ok = true;
BenchmarkSuite.RunSuites({
  NotifyResult: function (name, result) { print(name + ": " + result); },
  NotifyError: function (name, error) { print(name + ": ERROR " + error); __ok = false; },
  NotifyScore: function (score) { if (__ok) print("Score: " + score); }
});
"""
# node runs the same single file as a classic script in its global scope, with d8's print and
# read defined (zlib reads a file through read()).
NODE_WRAPPER = r"""
globalThis.print = (...a) => console.log(a.join(" "));
globalThis.read = (f) => require("fs").readFileSync(f, "latin1");
require("vm").runInThisContext(require("fs").readFileSync(process.argv[2], "utf8"), { filename: process.argv[2] });
"""


def octane_dir():
    cache = os.path.join(ROOT, ".cache", "octane")
    if os.path.exists(os.path.join(cache, "base.js")):
        return cache
    for shared in (os.path.join(ROOT, "..", "shared"), os.path.join(ROOT, "..", "..", "shared")):
        tb = os.path.join(shared, "bench", TARBALL)
        if os.path.exists(tb):
            tmp = tempfile.mkdtemp(dir=os.path.join(ROOT, ".cache") if os.path.isdir(os.path.join(ROOT, ".cache")) else None)
            with tarfile.open(tb) as tf:
                tf.extractall(tmp)
            os.makedirs(os.path.dirname(cache), exist_ok=True)
            shutil.move(os.path.join(tmp, "octane"), cache)
            return cache
    sys.exit("bench: ../shared/bench/" + TARBALL + " not found")


def run_once(cmd, limit):
    try:
        p = subprocess.run(cmd, capture_output=True, timeout=limit, stdin=subprocess.DEVNULL)
    except subprocess.TimeoutExpired:
        return None, f"timed out after {limit}s"
    out = p.stdout.decode("utf-8", "replace")
    scores = {m.group(1): float(m.group(2)) for m in re.finditer(r"^(\w+): ([0-9.]+)$", out, re.M)}
    if p.returncode != 0 or "ERROR" in out or not scores:
        err = (out + p.stderr.decode("utf-8", "replace")).strip().splitlines()
        return None, f"exit {p.returncode}: " + (err[-1] if err else "no output")
    return scores, ""


def geomean(xs):
    return math.exp(sum(math.log(x) for x in xs) / len(xs)) if xs else float("nan")


def main():
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--petrel", default=os.path.join(ROOT, "build", "petrel"))
    ap.add_argument("--node", default=shutil.which("node"))
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--petrel-flags", default="", help="extra petrel flags, e.g. --petrel-flags=--no-young-gen")
    ap.add_argument("--time-limit", type=float, default=300)
    ap.add_argument("only", nargs="*", help="benchmark names (default: all)")
    args = ap.parse_args()
    oct_dir = octane_dir()
    work = tempfile.mkdtemp(prefix="petrel-bench-")
    wrapper = os.path.join(work, "node-wrapper.js")
    with open(wrapper, "w") as f:
        f.write(NODE_WRAPPER)
    engines = [("petrel", lambda js: [os.path.abspath(args.petrel)] + args.petrel_flags.split() + [js])]
    if args.node:
        engines.append(("node --jitless", lambda js: [args.node, "--jitless", wrapper, js]))
    results = {e: {} for e, _ in engines}  # engine -> result name -> median score or error
    for name, files in BENCHMARKS:
        if args.only and name not in args.only:
            continue
        js = os.path.join(work, name + ".js")
        with open(js, "w", encoding="utf-8") as out:
            for part in ["base.js"] + files:
                with open(os.path.join(oct_dir, part), encoding="utf-8") as f:
                    out.write(f.read() + "\n")
            out.write(RUNNER)
        for engine, cmd in engines:
            runs, error = [], ""
            for _ in range(args.runs):
                scores, error = run_once(cmd(js), args.time_limit)
                if scores is None:
                    break
                runs.append(scores)
            if len(runs) < args.runs:
                results[engine][name] = "ERROR " + error
                print(f"{engine:>15}  {name}: ERROR {error}", flush=True)
                continue
            for key in runs[0]:
                if key == "Score":
                    continue
                results[engine][key] = statistics.median(r.get(key, 0) for r in runs)
                print(f"{engine:>15}  {key}: {results[engine][key]:.0f}", flush=True)
    names = []
    for e in results:
        for k in results[e]:
            if k not in names:
                names.append(k)
    print(f"\n{'benchmark':<14}" + "".join(f"{e:>16}" for e, _ in engines) + f"{'ratio':>8}")
    good = [n for n in names if all(isinstance(results[e].get(n), float) for e, _ in engines)]
    for n in names:
        cells = []
        for e, _ in engines:
            v = results[e].get(n, "-")
            cells.append(f"{v:>16.0f}" if isinstance(v, float) else f"{'ERROR':>16}")
        ratio = ""
        if n in good and len(engines) > 1:
            ratio = f"{results['petrel'][n] / results['node --jitless'][n]:>8.2f}"
        print(f"{n:<14}" + "".join(cells) + ratio)
    if good:
        means = [geomean([results[e][n] for n in good]) for e, _ in engines]
        line = f"{'geomean':<14}" + "".join(f"{m:>16.1f}" for m in means)
        if len(means) > 1:
            line += f"{means[0] / means[1]:>8.2f}"
        print(line + f"   (over {len(good)} results that ran on every engine)")
    errors = [n for n in names if not isinstance(results["petrel"].get(n), float)]
    print(f"petrel: {len(names) - len(errors)} results, {len(errors)} errors")
    shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
