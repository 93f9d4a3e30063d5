// Calls through optional chains keep the receiver and short-circuit on a nullish link.
var a = { b: function () { return this._b; }, _b: { c: 42 }, k: "b" };

// A parenthesized chain is still a property reference: the call gets a as `this`
// (test262 optional-call-preserves-this; node 20 loses it, the spec keeps it).
assertEq(a?.b().c, 42);
assertEq((a?.b)().c, 42);
assertEq((a?.[a.k])().c, 42);
assertEq(a.b?.().c, 42);
assertEq((a.b)?.().c, 42);
assertEq(a?.b?.().c, 42);
assertEq((a?.b)?.().c, 42);
var outer = { inner: a };
assertEq((outer?.inner.b)().c, 42);

// A nullish link makes the callee undefined: calling it is a TypeError, not a short circuit.
var none = null;
assertThrows(function () { (none?.b)(); }, TypeError);
assertThrows(function () { (none?.b.c)(); }, TypeError);
assertEq(none?.b(), undefined);
assertEq((none?.b)?.(), undefined);

// Private methods called through an optional link short-circuit too.
class C {
  #m() { return this.v; }
  constructor() { this.v = 5; }
  static direct(o) { return o?.#m(); }
  static parenthesized(o) { return (o?.#m)(); }
}
assertEq(C.direct(null), undefined);
assertEq(C.direct(undefined), undefined);
assertEq(C.direct(new C()), 5);
assertEq(C.parenthesized(new C()), 5);
assertThrows(function () { C.parenthesized(null); }, TypeError);
assertThrows(function () { C.direct({}); }, TypeError);

// Evaluation order: the object once, the key once.
var log = [];
var obj = { f: function () { return this === obj; } };
function getObj() { log.push("obj"); return obj; }
function getKey() { log.push("key"); return "f"; }
assertTrue((getObj()?.[getKey()])());
assertEq(log.join(), "obj,key");

// delete through an optional chain deletes the property, or is true when a link short-circuits.
var o2 = { x: 0, y: 0, n: { z: 1 } };
assertTrue(delete o2?.x);
assertEq("x" in o2, false);
assertTrue(delete o2?.["y"]);
assertEq("y" in o2, false);
assertTrue(delete o2.n?.z);
assertEq("z" in o2.n, false);
assertTrue(delete o2.missing?.z);
assertTrue(delete null?.x);
var frozen = Object.freeze({ a: 1 });
assertThrows(function () { "use strict"; delete frozen?.a; }, TypeError);
assertFalse(delete frozen?.a);
