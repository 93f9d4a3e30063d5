// Leaving a for-of loop calls return() once: when return() throws on break, the loop's own
// exception handler does not call it a second time (sync and async loops).
var calls = 0;
function iterable(returnThrows) {
  var it = {};
  it[Symbol.iterator] = function () {
    return {
      next: function () { return { done: false, value: 1 }; },
      return: function () { calls++; if (returnThrows) throw "in return"; return {}; },
    };
  };
  return it;
}
try { for (var x of iterable(true)) break; } catch (e) { assertEq(e, "in return"); }
assertEq(calls, 1);
calls = 0;
try {
  L: do { for (var y of iterable(true)) { try { continue L; } finally { } } } while (false);
} catch (e) { assertEq(e, "in return"); }
assertEq(calls, 1);
calls = 0;
function f() { for (var z of iterable(true)) return 5; }
try { f(); } catch (e) { assertEq(e, "in return"); }
assertEq(calls, 1);
// a throw from the body still closes once and rethrows the body's exception
calls = 0;
try { for (var w of iterable(true)) throw "body"; } catch (e) { assertEq(e, "body"); }
assertEq(calls, 1);

var asyncCalls = 0, done = false;
var asyncIterable = {};
asyncIterable[Symbol.asyncIterator] = function () {
  return {
    next: function () { return Promise.resolve({ done: false, value: 1 }); },
    return: function () { asyncCalls++; throw "async return"; },
  };
};
(async function () {
  try { for await (var v of asyncIterable) break; } catch (e) { assertEq(e, "async return"); }
  done = true;
})();
setTimeout(function () { assertTrue(done); assertEq(asyncCalls, 1); }, 0);
