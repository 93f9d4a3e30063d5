// Strict-mode delete of a non-configurable property throws TypeError with V8's text; a Symbol key
// once crashed the interpreter while it formatted the message. (The harness is prepended, so
// strictness comes from the function, not a file-level directive.)
(function () {
  "use strict";
  var s = Symbol("q");
  var o = {};
  Object.defineProperty(o, s, { value: 1 });
  var e = assertThrows(function () { delete o[s]; }, TypeError);
  assertEq(e.message, "Cannot delete property 'Symbol(q)' of #<Object>");
  e = assertThrows(function () { delete Object.prototype; }, TypeError);
  assertEq(e.message, "Cannot delete property 'prototype' of #<Function>");
  var p = { x: 1 };
  assertEq(delete p.x, true);
  assertEq("x" in p, false);
})();
// Sloppy mode returns false instead.
assertEq(delete Object.prototype, false);
