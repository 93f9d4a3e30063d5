// eval(...args) is a direct eval when the callee is %eval%: the first element of the spread
// argument list is the source, evaluated in the caller's scope.
// (node 20's V8 treats a spread call of eval as an indirect eval; test262's eval-spread*.js and the
// spec's EvaluateCall make it direct.)
var x = "global";
(function () {
  var x = "local";
  eval(...["x = 1;", "x = 2;"]);
  assertEq(x, 1);
  var parts = ["x = 3", "ignored"];
  eval(...[], ...parts);
  assertEq(x, 3);
  eval(...parts, ...[]);
  assertEq(x, 3);
  assertEq(eval(...[]), undefined);
  assertEq(eval(...[42]), 42);                // not a string: returned as is
  eval("var y = 5", ...[]);
  assertEq(y, 5);
  var iterated = 0;
  var iter = { [Symbol.iterator]() { return { next() { return iterated++ < 1 ? { done: false, value: "x = 7" } : { done: true }; } }; } };
  eval(...iter);
  assertEq(x, 7);
  assertEq(iterated, 2);
})();
assertEq(x, "global");

// an empty spread reads no element through the prototype chain
Object.defineProperty(Array.prototype, 0, { get() { throw new Error("read through the prototype"); }, configurable: true });
assertEq(eval(...[]), undefined);
delete Array.prototype[0];

// strict callers keep their strictness
(function () {
  "use strict";
  eval(...["var z = 1"]);
  assertEq(typeof z, "undefined");
})();
