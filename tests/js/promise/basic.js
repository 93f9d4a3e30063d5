// The Promise constructor, resolve functions, then/catch and their errors.
var finalCheck = Promise.reject(new Error("final check did not run"));
function done(fn) { setTimeout(function () { fn(); finalCheck.catch(function () {}); }, 0); }

assertThrows(function () { Promise(function () {}); }, TypeError);
assertThrows(function () { new Promise(); }, TypeError);
assertThrows(function () { new Promise(1); }, TypeError);
assertEq(typeof Promise, "function");
assertEq(Promise.length, 1);
assertEq(Promise.prototype.then.length, 2);
assertEq(Object.prototype.toString.call(Promise.resolve()), "[object Promise]");
assertEq(Promise[Symbol.species], Promise);

// The executor runs synchronously with two functions of length 1.
var resolveFn, rejectFn, sync = false;
var p = new Promise(function (res, rej) { sync = true; resolveFn = res; rejectFn = rej; });
assertTrue(sync);
assertTrue(p instanceof Promise);
assertEq(resolveFn.length, 1);
assertEq(rejectFn.length, 1);
assertEq(resolveFn("first"), undefined);
resolveFn("second");            // ignored: already resolved
rejectFn(new Error("ignored"));  // ignored too

// A throwing executor rejects; the error is not thrown to the caller.
var thrown = new Promise(function () { throw new RangeError("in executor"); });
// ...unless resolve was called first.
var resolvedThenThrew = new Promise(function (res) { res(1); throw new Error("lost"); });

// then on a non-promise throws a TypeError synchronously.
assertThrows(function () { Promise.prototype.then.call({}, function () {}); }, TypeError);
// Non-callable handlers pass values and reasons through.
var passThrough = Promise.resolve(7).then(null, undefined).then(5);
var reasonThrough = Promise.reject(8).then(function () { return "no"; });

// Resolving a promise with itself is a TypeError rejection.
var selfResolve;
var self = new Promise(function (res) { selfResolve = res; });
selfResolve(self);

// A handler's exception rejects the derived promise; a handler's thenable is followed.
var fromThrow = Promise.resolve().then(function () { throw new SyntaxError("handler"); });
var fromThenable = Promise.resolve().then(function () { return { then: function (r) { r("followed"); } }; });
// A getter on `then` that throws rejects the promise.
var badThen = {};
Object.defineProperty(badThen, "then", { get: function () { throw new EvalError("getter"); } });
var fromBadThen = Promise.resolve(badThen);

var results = {};
p.then(function (v) { results.p = v; });
thrown.catch(function (e) { results.thrown = e; });
resolvedThenThrew.then(function (v) { results.resolvedThenThrew = v; });
passThrough.then(function (v) { results.passThrough = v; });
reasonThrough.catch(function (e) { results.reasonThrough = e; });
self.catch(function (e) { results.self = e; });
fromThrow.catch(function (e) { results.fromThrow = e; });
fromThenable.then(function (v) { results.fromThenable = v; });
fromBadThen.catch(function (e) { results.fromBadThen = e; });

done(function () {
  assertEq(results.p, "first");
  assertTrue(results.thrown instanceof RangeError);
  assertEq(results.thrown.message, "in executor");
  assertEq(results.resolvedThenThrew, 1);
  assertEq(results.passThrough, 7);
  assertEq(results.reasonThrough, 8);
  assertTrue(results.self instanceof TypeError);
  assertEq(results.self.message, "Chaining cycle detected for promise #<Promise>");
  assertTrue(results.fromThrow instanceof SyntaxError);
  assertEq(results.fromThenable, "followed");
  assertTrue(results.fromBadThen instanceof EvalError);
});
