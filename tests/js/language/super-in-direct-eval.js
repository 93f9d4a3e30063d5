// super.x inside a direct eval uses the method's `this` as the receiver (the eval code itself
// is called without one).
class B { gv() { return this; } sv(v) { this.stored = v; } }
class D extends B {
  m() { return eval("super.gv()"); }
  get g() { return eval("super.gv()"); }
  k() { return eval("super['gv']()"); }
  s(v) { eval("super.sv(v)"); return this.stored; }
  arrow() { return (() => eval("super.gv()"))(); }
}
var d = new D();
assertEq(d.m(), d);
assertEq(d.g, d);
assertEq(d.k(), d);
assertEq(d.s(7), 7);
assertEq(d.arrow(), d);
var o = { __proto__: { f() { return this; } }, m() { return eval("super.f()"); } };
assertEq(o.m(), o);
