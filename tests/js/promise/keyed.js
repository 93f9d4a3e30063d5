// Promise.allKeyed / allSettledKeyed (the await-dictionary proposal): own enumerable keys, in order,
// into a null-prototype result object.
var finalCheck = Promise.reject(new Error("final check did not run"));
function done(fn) { setTimeout(function () { fn(); finalCheck.catch(function () {}); }, 0); }
var r = {};
var sym = Symbol("s");
var input = { b: Promise.resolve(2), a: 1 };
input[sym] = Promise.resolve("sym");
Object.defineProperty(input, "hidden", { enumerable: false, value: Promise.resolve(3) });
Promise.allKeyed(input).then(function (v) { r.all = v; });
Promise.allKeyed({ x: Promise.reject(new RangeError("x")), y: 1 }).catch(function (e) { r.allRejected = e; });
Promise.allKeyed(5).catch(function (e) { r.notObject = e; });
Promise.allKeyed({}).then(function (v) { r.empty = v; });
Promise.allSettledKeyed({ ok: Promise.resolve(1), bad: Promise.reject("no") }).then(function (v) { r.settled = v; });
assertEq(Promise.allKeyed.length, 1);
assertEq(Promise.allSettledKeyed.name, "allSettledKeyed");

done(function () {
  assertEq(Object.getPrototypeOf(r.all), null);
  assertArrayEq(Object.keys(r.all), ["b", "a"]);
  assertEq(r.all.a, 1);
  assertEq(r.all.b, 2);
  assertEq(r.all[sym], "sym");
  assertFalse("hidden" in r.all);
  assertTrue(r.allRejected instanceof RangeError);
  assertTrue(r.notObject instanceof TypeError);
  assertEq(Object.keys(r.empty).length, 0);
  assertEq(r.settled.ok.status, "fulfilled");
  assertEq(r.settled.ok.value, 1);
  assertEq(r.settled.bad.status, "rejected");
  assertEq(r.settled.bad.reason, "no");
});
