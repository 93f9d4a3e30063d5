// Timers run after the script and its microtasks, in deadline order (ties in creation order);
// clearTimeout cancels; extra arguments are passed. If the last timer did not run, the pending
// rejection below would be reported and the shell would exit 1.
var finalCheck = Promise.reject(new Error("timers did not run"));
var log = [];
setTimeout(function () { log.push("t30"); }, 30);
var cancelled = setTimeout(function () { log.push("cancelled"); }, 5);
setTimeout(function (a, b) { log.push("t10:" + a + b); }, 10, "x", "y");
setTimeout(function () {
  log.push("t0");
  setTimeout(function () { log.push("nested0"); }, 0);
}, 0);
setTimeout(function () { log.push("t0b"); }, 0);
Promise.resolve().then(function () { log.push("micro"); });
assertEq(typeof cancelled, "number");
clearTimeout(cancelled);
clearTimeout(123456); // unknown ids are ignored
log.push("script");
setTimeout(function () {
  assertEq(log.join(), "script,micro,t0,t0b,nested0,t10:xy,t30");
  finalCheck.catch(function () {});
}, 100);
