// Promise.all, allSettled, any, race; resolve, reject, withResolvers, try; finally.
var finalCheck = Promise.reject(new Error("final check did not run"));
function done(fn) { setTimeout(function () { fn(); finalCheck.catch(function () {}); }, 0); }
var r = {};

Promise.all([1, Promise.resolve(2), { then: function (f) { f(3); } }]).then(function (v) { r.all = v; });
Promise.all([]).then(function (v) { r.allEmpty = v; });
Promise.all([Promise.resolve(1), Promise.reject(new TypeError("no")), 3]).catch(function (e) { r.allRejected = e; });
Promise.all(5).catch(function (e) { r.allNotIterable = e; });

Promise.allSettled([Promise.resolve("ok"), Promise.reject("bad"), 9]).then(function (v) { r.settled = v; });

Promise.any([Promise.reject(1), Promise.resolve(2), Promise.resolve(3)]).then(function (v) { r.any = v; });
Promise.any([Promise.reject("x"), Promise.reject("y")]).catch(function (e) { r.anyRejected = e; });
Promise.any([]).catch(function (e) { r.anyEmpty = e; });

var slow = new Promise(function () {});
Promise.race([slow, Promise.resolve("fast")]).then(function (v) { r.race = v; });
Promise.race([slow, Promise.reject("fastReject")]).catch(function (e) { r.raceRejected = e; });

// Promise.resolve returns the same promise for a promise of the same constructor.
var same = Promise.resolve(1);
assertEq(Promise.resolve(same), same);
assertThrows(function () { Promise.resolve.call(1, 2); }, TypeError);
assertThrows(function () { Promise.reject.call({}, 2); }, TypeError);
Promise.reject("rej").catch(function (e) { r.reject = e; });

var wr = Promise.withResolvers();
assertTrue(wr.promise instanceof Promise);
assertEq(typeof wr.resolve, "function");
assertEq(typeof wr.reject, "function");
wr.resolve("withResolvers");
wr.promise.then(function (v) { r.withResolvers = v; });

var tryCalls = [];
Promise.try(function (a, b) { tryCalls.push(a + b); return "tried"; }, 2, 3).then(function (v) { r.try = v; });
Promise.try(function () { throw new URIError("try threw"); }).catch(function (e) { r.tryThrew = e; });
assertEq(tryCalls.join(), "5"); // the callback runs synchronously

// finally: passes values and reasons through; its own throw or rejection overrides.
var finallyCalls = 0;
Promise.resolve("kept").finally(function () { finallyCalls++; return "ignored"; }).then(function (v) { r.finallyValue = v; });
Promise.reject("kept reason").finally(function () { finallyCalls++; }).catch(function (e) { r.finallyReason = e; });
Promise.resolve(1).finally(function () { throw new Error("override"); }).catch(function (e) { r.finallyThrow = e.message; });
Promise.resolve(1).finally(function () { return Promise.reject("override2"); }).catch(function (e) { r.finallyReject = e; });
Promise.resolve("not callable").finally(5).then(function (v) { r.finallyNonCallable = v; });

// Subclassing: then and the statics use the subclass.
function MyPromise(executor) { return Reflect.construct(Promise, [executor], MyPromise); }
var reflectOk = typeof Reflect === "object" && typeof Reflect.construct === "function";
if (reflectOk) {
  Object.setPrototypeOf(MyPromise, Promise);
  MyPromise.prototype = Object.create(Promise.prototype, { constructor: { value: MyPromise, writable: true, configurable: true } });
  var sub = MyPromise.resolve(1);
  assertTrue(sub instanceof MyPromise);
  assertTrue(sub.then(function () {}) instanceof MyPromise);
}

done(function () {
  assertArrayEq(r.all, [1, 2, 3]);
  assertTrue(Array.isArray(r.allEmpty));
  assertEq(r.allEmpty.length, 0);
  assertTrue(r.allRejected instanceof TypeError);
  assertTrue(r.allNotIterable instanceof TypeError);
  assertEq(r.settled.length, 3);
  assertEq(r.settled[0].status, "fulfilled");
  assertEq(r.settled[0].value, "ok");
  assertEq(r.settled[1].status, "rejected");
  assertEq(r.settled[1].reason, "bad");
  assertEq(r.settled[2].value, 9);
  assertEq(r.any, 2);
  assertTrue(r.anyRejected instanceof AggregateError);
  assertEq(r.anyRejected.message, "All promises were rejected");
  assertArrayEq(r.anyRejected.errors, ["x", "y"]);
  assertTrue(r.anyEmpty instanceof AggregateError);
  assertEq(r.anyEmpty.errors.length, 0);
  assertEq(r.race, "fast");
  assertEq(r.raceRejected, "fastReject");
  assertEq(r.reject, "rej");
  assertEq(r.withResolvers, "withResolvers");
  assertEq(r.try, "tried");
  assertTrue(r.tryThrew instanceof URIError);
  assertEq(finallyCalls, 2);
  assertEq(r.finallyValue, "kept");
  assertEq(r.finallyReason, "kept reason");
  assertEq(r.finallyThrow, "override");
  assertEq(r.finallyReject, "override2");
  assertEq(r.finallyNonCallable, "not callable");
});
