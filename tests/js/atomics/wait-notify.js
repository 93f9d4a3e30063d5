// Atomics.wait and Atomics.notify on one thread: not-equal, timeouts, validation, and notify
// counts with no waiters; Atomics.waitAsync results and promises settled by the event loop.
var ia = new Int32Array(new SharedArrayBuffer(16));
assertEq(Atomics.wait(ia, 0, 1), "not-equal");
assertEq(Atomics.wait(ia, 0, 0, 0), "timed-out");
var t0 = Date.now();
assertEq(Atomics.wait(ia, 0, 0, 30), "timed-out");
assertTrue(Date.now() - t0 >= 25);
assertEq(Atomics.wait(ia, 0, 0, -Infinity), "timed-out");
assertEq(Atomics.notify(ia, 0), 0);
assertEq(Atomics.notify(ia, 0, 5), 0);
assertEq(Atomics.notify(new Int32Array(4), 0), 0); // non-shared: always 0
assertThrows(function () { Atomics.wait(new Int32Array(4), 0, 0, 0); }, TypeError);
assertThrows(function () { Atomics.wait(new Uint32Array(new SharedArrayBuffer(8)), 0, 0, 0); }, TypeError);
assertThrows(function () { Atomics.notify(new Float32Array(4), 0); }, TypeError);
assertThrows(function () { Atomics.wait(ia, 4, 0, 0); }, RangeError);

// waitAsync
var r = Atomics.waitAsync(ia, 0, 1);
assertFalse(r.async);
assertEq(r.value, "not-equal");
r = Atomics.waitAsync(ia, 0, 0, 0);
assertFalse(r.async);
assertEq(r.value, "timed-out");
assertArrayEq(Object.keys(r), ["async", "value"]);
var log = [];
var timed = Atomics.waitAsync(ia, 1, 0, 20);
assertTrue(timed.async);
assertTrue(timed.value instanceof Promise);
timed.value.then(function (v) { log.push("timed " + v); });
var woken = Atomics.waitAsync(ia, 2, 0);
woken.value.then(function (v) { log.push("woken " + v); });
var woken2 = Atomics.waitAsync(ia, 2, 0);
woken2.value.then(function (v) { log.push("woken2 " + v); });
assertEq(Atomics.notify(ia, 2, 1), 1); // the oldest first
assertEq(Atomics.notify(ia, 2), 1);
assertEq(Atomics.notify(ia, 2), 0);
// A wrong value throws in the reaction (an unhandled rejection fails the run); a promise that
// never settles keeps the loop waiting until the runner's time limit.
Promise.all([timed.value, woken.value, woken2.value]).then(function (vs) {
  assertArrayEq(vs, ["timed-out", "ok", "ok"]);
  // The notified waiters settle in the order they began waiting; the timed one may settle
  // before or after them, depending on how slowly this script ran.
  assertArrayEq(log.filter(function (s) { return s[0] === "w"; }), ["woken ok", "woken2 ok"]);
  assertTrue(log.indexOf("timed timed-out") >= 0);
  print("waitAsync done");
});
