// import() from a script: resolves relative to the script, rejects on errors, validates its
// options argument in order.
let done = false;
const log = [];
(async () => {
  const ns = await import("./live_FIXTURE.js");
  assertEq(ns.fixed, "const");
  const again = await import("./live_FIXTURE.js");
  assertEq(again, ns, "a module is loaded once");
  const p = import("./live_FIXTURE.js");
  assertTrue(p instanceof Promise);

  async function rejects(promise, type, what) {
    try { await promise; } catch (e) { assertTrue(e instanceof type, what + ": " + e); return e; }
    throw new Error(what + " did not reject");
  }
  await rejects(import("./missing_FIXTURE.js"), Error, "missing file");
  const e = await rejects(import("./missing-export_FIXTURE.js"), SyntaxError, "missing export");
  assertEq(e.message, "The requested module './live_FIXTURE.js' does not provide an export named 'nothere'");
  const a = await rejects(import("./ambiguous-import_FIXTURE.js"), SyntaxError, "ambiguous import");
  assertEq(a.message, "The requested module './ambiguous_FIXTURE.js' contains conflicting star exports for name 'clash'");
  await rejects(import("./live_FIXTURE.js", null), TypeError, "non-object options");
  await rejects(import("./live_FIXTURE.js", { with: 1 }), TypeError, "non-object with");
  await rejects(import("./live_FIXTURE.js", { with: { type: 1 } }), TypeError, "non-string attribute");
  await rejects(import({ toString() { throw new URIError("spec"); } }), URIError, "specifier ToString");

  // The specifier is converted before the options are read.
  const order = [];
  await rejects(import({ toString() { order.push("spec"); return "./live_FIXTURE.js"; } },
                       { get with() { order.push("with"); throw new EvalError("with"); } }),
                EvalError, "options getter");
  assertArrayEq(order, ["spec", "with"]);

  // An evaluation error is cached: every import rejects with the same error object.
  const e1 = await rejects(import("./throws_FIXTURE.js"), RangeError, "evaluation error");
  const e2 = await rejects(import("./throws_FIXTURE.js"), RangeError, "evaluation error again");
  assertEq(e1, e2);
  done = true;
})().catch(e => log.push(e));
setTimeout(() => {
  if (log.length) throw log[0];
  if (!done) throw new Error("dynamic import test did not finish");
}, 0);
