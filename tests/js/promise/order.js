// Job ordering follows the spec's enqueue order exactly (V8 gives the same sequences).
var log = [];
// The final check runs from a timer, after every microtask. If it never ran, this rejection would
// stay unhandled and the shell would exit 1.
var finalCheck = Promise.reject(new Error("final check did not run"));
function done(fn) { setTimeout(function () { fn(); finalCheck.catch(function () {}); }, 0); }

Promise.resolve().then(function () { log.push(1); }).then(function () { log.push(4); });
Promise.resolve().then(function () { log.push(2); }).then(function () { log.push(5); });
log.push(0);
assertEq(log.join(), "0");

// Resolving with a thenable costs two extra jobs: PromiseResolveThenableJob, then the reaction.
var order = [];
var p = new Promise(function (resolve) { resolve(Promise.resolve()); });
p.then(function () { order.push("p"); });
Promise.resolve().then(function () { order.push("a"); })
  .then(function () { order.push("b"); })
  .then(function () { order.push("c"); });

// Reactions registered on one promise run in registration order.
var multi = [];
var q = Promise.resolve("v");
q.then(function (v) { multi.push("first " + v); });
q.then(function (v) { multi.push("second " + v); });
q.catch(function () { multi.push("never"); });
q.then(function (v) { multi.push("third " + v); });

// A thenable's then runs in a job, not synchronously.
var thenCalled = false;
var thenable = { then: function (res) { thenCalled = true; res(42); } };
var fromThenable = Promise.resolve(thenable);
assertFalse(thenCalled);
var thenableValue;
fromThenable.then(function (v) { thenableValue = v; });

done(function () {
  assertEq(log.join(), "0,1,2,4,5");
  assertEq(order.join(), "a,b,p,c");
  assertEq(multi.join("|"), "first v|second v|third v");
  assertTrue(thenCalled);
  assertEq(thenableValue, 42);
});
