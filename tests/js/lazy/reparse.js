// flags: --stress-lazy-reparse
// Per-function reparse: with --stress-lazy-reparse every parse tree is dropped as soon as the code
// made from it is generated, so each function below is compiled from a parse of its own source
// range inside outer scopes rebuilt from a snapshot. Its names must resolve exactly as in eager
// code (tools/compare-lazy-reparse.py checks the bytecode itself).

// let / const / class / catch bindings, TDZ and const assignment
function lexicals() {
  const read = () => x;
  assertThrows(read, ReferenceError);
  let x = 1;
  const c = 2;
  class K { v() { return x + c; } }
  function setC() { c = 3; }
  assertThrows(setC, TypeError);
  let fromCatch;
  try { throw 5; } catch (e) { fromCatch = function () { return e + x; }; }
  x = 10;
  return [read(), new K().v(), fromCatch()];
}
assertArrayEq(lexicals(), [10, 12, 15]);

// with and sloppy direct eval keep names dynamic
function dynamicScopes() {
  var o = { w: "with" };
  var viaWith;
  with (o) { viaWith = function () { return w; }; }
  eval("var fromEval = 'eval'");
  function readEval() { return fromEval; }
  o.w = "changed";
  return [viaWith(), readEval()];
}
assertArrayEq(dynamicScopes(), ["changed", "eval"]);

// functions inside eval code and Function() bodies, nested lazy in lazy
function evalCode(k) {
  return eval("(function (a) { var inner = function (b) { return function () { return a + b + k; }; }; return inner(2)(); })(1)");
}
assertEq(evalCode(3), 6);
var made = Function("a", "var f = function (b) { return () => a * b; }; return f(3)();");
assertEq(made(4), 12);
var indirect = (0, eval)("var ie = 7; (function () { return function () { return ie; }; })")();
assertEq(indirect(), 7);

// private methods and accessors (instance and static), fields, super, new.target
class Base { greet() { return "base"; } static sb() { return "sbase"; } }
class Derived extends Base {
  #secret = 1;
  static #count = 2;
  #m() { return this.#secret; }
  get #acc() { return this.#m() + 10; }
  static #sm() { return Derived.#count; }
  greet() { const arrow = () => super.greet() + "+derived"; return arrow(); }
  static sb() { return super.sb() + "+static"; }
  read() { return [this.#m(), this.#acc, Derived.#sm(), #secret in this]; }
  constructor() { super(); const nt = () => new.target === Derived; this.nt = nt(); }
}
var d = new Derived();
assertArrayEq(d.read(), [1, 11, 2, true]);
assertEq(d.greet(), "base+derived");
assertEq(Derived.sb(), "sbase+static");
assertEq(d.nt, true);
var obj = { __proto__: { p() { return "proto"; } }, m() { return (() => super.p())(); }, get g() { return super.p(); } };
assertEq(obj.m(), "proto");
assertEq(obj.g, "proto");
function NT() { return (() => new.target)(); }
assertEq(new NT() === undefined, false);
assertEq(NT(), undefined);

// arguments (mapped and unmapped), arrows in parameters
function mapped(a) { var f = function () { return arguments.length; }; a = 9; return [arguments[0], f(1, 2), (() => arguments[1])()]; }
assertArrayEq(mapped(1, 2), [9, 2, 2]);
function params(a, f = () => a + 1, g = (x = f()) => x * 2) { return g(); }
assertEq(params(3), 8);
function named() { var g = function self(n) { return n ? self(n - 1) + 1 : 0; }; return g(3); }
assertEq(named(), 3);

// generators and async functions, async arrows
function* gen(n) { const inner = function* () { yield n; yield* [n + 1]; }; yield* inner(); }
assertArrayEq([...gen(1)], [1, 2]);
var log = [];
async function af(v) { const g = async (w) => (await w) + v; return g(Promise.resolve(1)); }
af(2).then(function (r) { log.push(r); });
var ag = async function* () { yield 1; };
ag().next().then(function (r) { log.push(r.value); });
Promise.resolve().then(() => Promise.resolve()).then(() => { assertArrayEq(log.sort(), [1, 3]); });

// strict code and a "use strict" body
function strictOuter() { "use strict"; return function () { return this; }; }
assertEq(strictOuter()(), undefined);
function sloppyInner() { return function () { "use strict"; return typeof this; }; }
assertEq(sloppyInner()(), "undefined");

// a reparsed function's errors and toString keep their positions
function thrower() { return function inner() { null.x; }; }
try { thrower()(); } catch (e) { assertTrue(/at inner \(.*:\d+:53\)/.test(e.stack), e.stack); }
assertEq(thrower().toString(), "function inner() { null.x; }");

// arrows inside class field initializers and static blocks (those are compiled with their class)
class Fields {
  y = 1;
  x = () => this.y + 1;
  static name2 = "F";
  static { this.s = () => this.name2; this.f = function () { return typeof this; }; }
}
assertEq(new Fields().x(), 2);
assertEq(Fields.s(), "F");
assertEq(Fields.f(), "function");

// Annex B block functions, a shadowed named expression, accessors with super in object literals
function annexB() { { function inBlock() { return "b"; } } return inBlock(); }
assertEq(annexB(), "b");
var shadow = function same() { var same = 3; return function () { return same; }; };
assertEq(shadow()(), 3);
var acc = { __proto__: { get v() { return "pv"; } }, get v() { return super.v + "!"; }, set w(x) { this._w = super.v + x; } };
assertEq(acc.v, "pv!");
acc.w = 1;
assertEq(acc._w, "pv1");

// deep nesting: each level is compiled from a parse of its own range
function d1(a) { return function d2(b) { return (c) => function d3(d) { return () => a + b + c + d; }; }; }
assertEq(d1(1)(2)(3)(4)(), 10);
