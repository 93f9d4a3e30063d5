// await using: async disposal order, awaiting, error chaining, sync fallback.
var log = [];
function A(n, fail) {
  return { async [Symbol.asyncDispose]() { log.push("a" + n); if (fail) throw new Error("e" + n); } };
}
function S(n) { return { [Symbol.dispose]() { log.push("s" + n); return 5; } }; }
var results = [];

async function t1() {
  {
    await using a = A(1), b = S(2);
    using c = { [Symbol.dispose]() { log.push("c"); } };
    await using n = null;
    log.push("body");
  }
  log.push("after");
}
async function t2() {
  try { await using a = A(1, true), b = A(2, true); throw new RangeError("body"); }
  catch (e) { return e; }
}
async function t3() {
  // not evaluated: no await at all, so the function finishes synchronously
  if (false) { await using x = null; }
  log.push("t3 sync");
}
t1().then(function () {
  results.push(log.join());
  log = [];
  return t2();
}).then(function (e) {
  results.push(e.constructor.name + " " + e.error.message + " " + e.suppressed.error.message + " " +
               e.suppressed.suppressed.message);
  log = [];
  t3();
  results.push(log.join());
  return (async function () { try { await using x = 3; } catch (e) { return e.constructor.name; } })();
}).then(function (name) {
  results.push(name);
});
setTimeout(function () {
  assertArrayEq(results, ["body,c,s2,a1,after", "SuppressedError e1 e2 body", "t3 sync", "TypeError"]);
}, 0);

// each disposal is awaited in the function's own frame: no extra tick after the last one
var ticks = [];
(async function () {
  { await using x = { async [Symbol.asyncDispose]() { ticks.push("dispose"); } }; }
  ticks.push("after");
})();
Promise.resolve().then(function () { ticks.push(1); }).then(function () { ticks.push(2); });
setTimeout(function () { assertArrayEq(ticks, ["dispose", "after", 1, 2]); }, 0);
