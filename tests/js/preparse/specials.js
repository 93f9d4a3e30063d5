// flags: --preparse
// this / arguments / new.target / super inside arrows nested in skipped functions resolve to the
// skipped function, and direct eval inside a skipped body sees everything around it.

function thisArrow() { return (() => () => this)()(); }
assertEq(thisArrow.call(42) + 0, 42);
function argsArrow() { return (() => arguments.length)(); }
assertEq(argsArrow(1, 2, 3), 3);
function ntArrow() { return (() => new.target)(); }
assertEq(new ntArrow() instanceof Object, true);
assertEq(ntArrow(), undefined);

var base = { hello() { return "base"; } };
var derived = {
  __proto__: base,
  hello() { return (() => super.hello() + "!")(); },
};
assertEq(derived.hello(), "base!");

class A { m() { return 1; } static s() { return "A"; } }
class B extends A {
  m() { return (() => super.m() + 1)(); }
  static s() { return (() => super.s() + "B")(); }
  constructor() { super(); this.made = (() => this)(); }
}
assertEq(new B().m(), 2);
assertEq(B.s(), "AB");
assertEq(new B().made instanceof B, true);

// direct eval inside a skipped body sees the variables of enclosing functions
function evalOuter() {
  var hidden = "h";
  let lex = "l";
  function inner(code) { return eval(code); }
  return inner;
}
assertEq(evalOuter()("hidden + lex"), "hl");
// sloppy direct eval declaring a var inside a skipped body
function evalVar() {
  function inner() { eval("var made = 3"); return made; }
  return inner();
}
assertEq(evalVar(), 3);
// eval in an arrow inside a skipped function reads that function's this and arguments
function evalArrow() { return (() => eval("this.k + arguments[0]"))(); }
assertEq(evalArrow.call({ k: 1 }, 2), 3);
// eval in a nested skipped function: the outer function's parameters stay reachable
function evalParam(p) { return function () { return function () { return eval("p"); }; }; }
assertEq(evalParam(11)()(), 11);

// private names used only in skipped methods
class P {
  #x = 5;
  #m() { return this.#x; }
  get x() { return this.#m(); }
  static has(o) { return #x in o; }
}
assertEq(new P().x, 5);
assertEq(P.has(new P()), true);
