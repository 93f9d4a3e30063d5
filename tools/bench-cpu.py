#!/usr/bin/env python3
"""Fixed-work Octane timing by CPU time, for shared and loaded machines.

tools/bench.py reports Octane's own scores, which are wall-clock based: on a machine whose load is
many times its core count they measure the scheduler more than the engine. This runs each
benchmark's Setup, then its run function a fixed number of times, then TearDown, and reports
the user CPU seconds of petrel and of `node --jitless` on the same file, with the ratio
node/petrel (higher is better for petrel; 1 = as fast as V8's Ignition). The work is identical
for both engines, so the ratio is comparable across runs. Results are medians over --runs (with
--min, the fastest run).
(RegExp is left out by default: its run function checks a checksum that assumes Octane's own
iteration pattern.)

--ab FLAGS compares petrel with itself instead: each benchmark runs without and with FLAGS (e.g.
`--ab=--no-young-gen`: old space only against the default young generation), the two interleaved run by
run so that the machine's load hits both alike, and the table gives the medians and with/without
(lower is better for FLAGS). Used for the young generation's figures in docs/heap.md."""
import argparse, importlib.util, math, os, shutil, statistics, subprocess, sys, tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
spec = importlib.util.spec_from_file_location("octane_bench", os.path.join(HERE, "bench.py"))
bench = importlib.util.module_from_spec(spec)
spec.loader.exec_module(bench)

# run() calls per benchmark: about 1-2 s of node --jitless each.
ITERATIONS = {"Richards": 300, "DeltaBlue": 300, "Crypto": 15, "RayTrace": 30, "EarleyBoyer": 15,
              "Splay": 15, "NavierStokes": 15, "PdfJS": 2, "Gameboy": 2, "CodeLoad": 20, "Box2D": 3,
              "zlib": 1, "Typescript": 1}
DRIVER = r"""
(function () {
  var suite = BenchmarkSuite.suites[0];
  for (var j = 0; j < suite.benchmarks.length; j++) {
    var b = suite.benchmarks[j];
    b.Setup();
    for (var i = 0; i < %d; i++) b.run();
    b.TearDown();
  }
  print("fixed-work done");
})();
"""


def cpu_seconds(cmd, limit, with_system=False):
    """User CPU seconds of one run (plus system ones if asked), or None when it fails or exceeds
    the limit."""
    before = os.times()
    try:
        p = subprocess.run(cmd, capture_output=True, timeout=limit, stdin=subprocess.DEVNULL)
    except subprocess.TimeoutExpired:
        return None
    after = os.times()
    if p.returncode != 0 or b"fixed-work done" not in p.stdout:
        sys.stderr.write(f"{cmd[-1]}: exit {p.returncode}: {p.stderr.decode('utf-8', 'replace')[-300:]}\n")
        return None
    user = after.children_user - before.children_user
    return user + (after.children_system - before.children_system if with_system else 0)


def main():
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--petrel", default=os.path.join(os.path.dirname(HERE), "build", "petrel"))
    ap.add_argument("--node", default=shutil.which("node"))
    ap.add_argument("--runs", type=int, default=1)
    ap.add_argument("--time-limit", type=float, default=600)
    ap.add_argument("--ab", metavar="FLAGS", help="compare petrel without and with these flags "
                    "(space-separated), interleaved, user+system CPU time; node is not run")
    ap.add_argument("--min", action="store_true", help="report the fastest run instead of the median "
                    "(steadier when other load on the host only ever adds time)")
    ap.add_argument("only", nargs="*", help="benchmark names (default: all but RegExp)")
    args = ap.parse_args()
    pick = min if args.min else statistics.median
    oct_dir = bench.octane_dir()
    work = tempfile.mkdtemp(prefix="petrel-bench-cpu-")
    wrapper = os.path.join(work, "node-wrapper.js")
    with open(wrapper, "w") as f:
        f.write(bench.NODE_WRAPPER)
    ratios = []
    if args.ab is not None:
        print(f"{'benchmark':<14}{'without':>10}{'with':>10}{'with/w-o':>10}")
    else:
        print(f"{'benchmark':<14}{'petrel s':>10}{'node s':>10}{'ratio':>8}")
    for name, files in bench.BENCHMARKS:
        if (args.only and name not in args.only) or (not args.only and name not in ITERATIONS):
            continue
        js = os.path.join(work, name + ".js")
        with open(js, "w", encoding="utf-8") as out:
            for part in ["base.js"] + files:
                with open(os.path.join(oct_dir, part), encoding="utf-8") as f:
                    out.write(f.read() + "\n")
            out.write(DRIVER % ITERATIONS.get(name, 1))
        if args.ab is not None:
            base = [os.path.abspath(args.petrel)]
            pairs = [(cpu_seconds(base + [js], args.time_limit, True),
                      cpu_seconds(base + args.ab.split() + [js], args.time_limit, True))
                     for _ in range(args.runs)]
            if any(a is None or b is None for a, b in pairs):
                print(f"{name:<14}{'ERROR':>10}", flush=True)
                continue
            a = pick(p[0] for p in pairs)
            b = pick(p[1] for p in pairs)
            ratios.append(b / a)
            print(f"{name:<14}{a:>10.2f}{b:>10.2f}{b / a:>10.3f}", flush=True)
            continue
        cmds = [[os.path.abspath(args.petrel), js]]
        if args.node:
            cmds.append([args.node, "--jitless", wrapper, js])
        times = []
        for cmd in cmds:
            ts = [cpu_seconds(cmd, args.time_limit) for _ in range(args.runs)]
            times.append(None if None in ts else pick(ts))
        cells = "".join(f"{t:>10.2f}" if t is not None else f"{'ERROR':>10}" for t in times)
        ratio = ""
        if len(times) == 2 and None not in times and times[0] > 0:
            ratios.append(times[1] / times[0])
            ratio = f"{ratios[-1]:>8.2f}"
        print(f"{name:<14}{cells}{ratio}", flush=True)
    if ratios:
        gm = math.exp(sum(map(math.log, ratios)) / len(ratios))
        print(f"{'geomean':<14}{'':>20}{gm:>10.3f}" if args.ab is not None else f"{'geomean':<14}{'':>20}{gm:>8.2f}")
    shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
