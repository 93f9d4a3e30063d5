// AsyncDisposableStack: disposeAsync ordering, sync fallback, rejections.
var log = [];
var results = [];
var s = new AsyncDisposableStack();
s.use({ async [Symbol.asyncDispose]() { log.push("async"); } });
s.use({ [Symbol.dispose]() { log.push("sync"); } });
s.use(undefined);
s.defer(async function () { log.push("defer"); });
s.adopt(3, function (v) { log.push("adopt " + v); });
assertEq(AsyncDisposableStack.prototype[Symbol.asyncDispose], AsyncDisposableStack.prototype.disposeAsync);
var p = s.disposeAsync();
assertTrue(p instanceof Promise);
assertTrue(s.disposed);
assertArrayEq(log, ["adopt 3"]); // the first disposal runs synchronously
p.then(function (v) {
  results.push(v === undefined);
  results.push(log.join());
  var t = new AsyncDisposableStack();
  t.defer(function () { throw new Error("one"); });
  t.defer(async function () { throw new Error("two"); });
  return t.disposeAsync();
}).catch(function (e) {
  results.push(e.constructor.name + " " + e.error.message + " " + e.suppressed.message);
  return AsyncDisposableStack.prototype.disposeAsync.call({});
}).catch(function (e) {
  results.push(e.constructor.name);
});
setTimeout(function () {
  assertArrayEq(results, [true, "adopt 3,defer,sync,async", "SuppressedError one two", "TypeError"]);
}, 0);
