// Scope analysis seen from running code: closures, TDZ, eval, with, Annex B, arguments, classes.
function counter() { var n = 0; return function () { return ++n; }; }
var c = counter();
c();
assertEq(c(), 2);

// per-iteration bindings of for (let ...)
var fns = [];
for (let i = 0; i < 3; i++) fns.push(function () { return i; });
assertEq(fns[0]() + fns[1]() + fns[2](), 3);

// TDZ
assertThrows(function () { x; let x = 1; }, ReferenceError);
assertThrows(function () { const k = 1; k = 2; }, TypeError);

// arrows capture this and arguments of the enclosing function
function outer() { return () => this.v + arguments[0]; }
assertEq(outer.call({ v: 1 }, 2)(), 3);

// sloppy direct eval sees and adds variables
function ev() { var a = 1; eval("var b = a + 1"); return b; }
assertEq(ev(), 2);
function ev2(s) { let q = 5; return eval(s); }
assertEq(ev2("q * 2"), 10);

// with
function wi(o) { var z = "outer"; with (o) { return z; } }
assertEq(wi({ z: "inner" }), "inner");
assertEq(wi({}), "outer");

// parameters with expressions have their own scope
function p(a, g = () => a) { var a = 2; return g(); }
assertEq(p(1), 1);

// Annex B block function hoisting
function ab() { { function inner() { return 7; } } return inner(); }
assertEq(ab(), 7);

// named function expression binding
var fact = function f(n) { return n <= 1 ? 1 : n * f(n - 1); };
assertEq(fact(5), 120);

// strict functions get unmapped arguments
function unmapped(a) { "use strict"; arguments[0] = 9; return a; }
assertEq(unmapped(1), 1);

// classes: private names, super, static blocks, field initializers
class B { m() { return "B"; } }
class D extends B {
  #x = 1;
  static s;
  static { D.s = "static"; }
  m() { return super.m() + this.#x; }
  has(o) { return #x in o; }
}
assertEq(new D().m(), "B1");
assertEq(D.s, "static");
assertTrue(new D().has(new D()));
assertFalse(new D().has({}));

// names inferred statically
var anon = function () {};
assertEq(anon.name, "anon");
var obj = { meth() {}, arrow: () => 1 };
assertEq(obj.meth.name, "meth");
assertEq(obj.arrow.name, "arrow");

// destructuring in every position
var [d1, { e1 = 4, ...rest }] = [1, { f1: 2 }];
assertEq(d1 + e1 + rest.f1, 7);
var sum = 0;
for (const [k, v] of [[1, 2], [3, 4]]) sum += k * v;
assertEq(sum, 14);
