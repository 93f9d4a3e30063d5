// using declarations: reverse-order disposal at every kind of scope exit, error chaining.
var log = [];
function R(n, fail) {
  return { [Symbol.dispose]() { log.push("d" + n); if (fail) throw new Error("e" + n); } };
}

// normal exit, several bindings, null/undefined skipped
{
  using a = R(1), b = R(2);
  using c = null, u = undefined;
  log.push("body");
}
assertArrayEq(log, ["body", "d2", "d1"]);

// break, continue, return
log = [];
for (var i = 0; i < 3; i++) {
  using r = R(i);
  if (i === 0) continue;
  if (i === 1) break;
}
assertArrayEq(log, ["d0", "d1"]);
log = [];
function f() { using x = R("f"); log.push("ret"); return 42; }
assertEq(f(), 42);
assertArrayEq(log, ["ret", "df"]);

// a throw is kept when disposal succeeds
log = [];
var caught;
try { using x = R(1); throw new RangeError("body"); } catch (e) { caught = e; }
assertEq(caught.constructor, RangeError);
assertArrayEq(log, ["d1"]);

// one disposal error after a normal completion is thrown as is
try { using x = R(1, true); } catch (e) { caught = e; }
assertEq(caught.message, "e1");
assertEq(caught.constructor, Error);

// errors after an error chain through SuppressedError (newest outermost)
log = [];
try { using x = R(1, true), y = R(2, true); throw new TypeError("body"); } catch (e) { caught = e; }
assertArrayEq(log, ["d2", "d1"]);
assertEq(caught.constructor, SuppressedError);
assertEq(caught.error.message, "e1");
assertEq(caught.suppressed.constructor, SuppressedError);
assertEq(caught.suppressed.error.message, "e2");
assertEq(caught.suppressed.suppressed.message, "body");
assertFalse(Object.prototype.hasOwnProperty.call(caught, "message"));

// a disposal error replaces a return
function g() { using x = R("g", true); return 1; }
assertThrows(g, Error);

// value checks happen at the declaration, before later bindings
log = [];
assertThrows(function () { using a = R(1); using b = 5; }, TypeError);
assertArrayEq(log, ["d1"]);
assertThrows(function () { using b = {}; }, TypeError);
assertThrows(function () { using b = { [Symbol.dispose]: 1 }; }, TypeError);

// the method is read once, at the declaration, and called with the resource as this
var reads = 0, self;
var res = { get [Symbol.dispose]() { reads++; return function () { self = this; }; } };
{ using q = res; }
assertEq(reads, 1);
assertEq(self, res);

// for-of: one disposal per iteration; for: at the end of the loop
log = [];
for (using q of [R(1), R(2)]) log.push("it");
assertArrayEq(log, ["it", "d1", "it", "d2"]);
log = [];
for (using p = R("p"); log.length < 2;) log.push("x");
assertArrayEq(log, ["x", "x", "dp"]);

// bindings are const
assertThrows(function () { using z = null; z = 1; }, TypeError);

// generators dispose when closed early
log = [];
function* gen() { using x = R("gen"); yield 1; yield 2; }
var it = gen(); it.next(); it.return(0);
assertArrayEq(log, ["dgen"]);

// not at the top level of a script or eval
assertThrows(function () { eval("using x = null;"); }, SyntaxError);
assertEq(eval("{ using x = null; 5 }"), 5);
