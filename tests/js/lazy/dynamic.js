// Lazy compilation under `with` and sloppy direct eval: names that can change at run time stay
// dynamic lookups inside functions compiled at their first call.
function viaWith() {
  var o = { p: 1 };
  var p = "outer";
  with (o) {
    var get = function () { return p; };
    var set = function (v) { p = v; };
  }
  assertEq(get(), 1);
  set(2);
  assertEq(o.p, 2);
  delete o.p;
  assertEq(get(), "outer");
}
viaWith();

function evalAddsVar() {
  var inner = function () { return typeof added === "undefined" ? "none" : added; };
  assertEq(inner(), "none");
  eval("var added = 'from eval'");
  assertEq(inner(), "from eval");
}
evalAddsVar();

function evalShadows() {
  var x = "outer";
  function f() {
    eval("var x = 'shadow'");
    return function () { return x; };
  }
  assertEq(f()(), "shadow");
  return x;
}
assertEq(evalShadows(), "outer");

// Functions made by eval code and by Function() are lazy too.
function evalMakes(a) {
  return eval("(function (b) { return a + b; })");
}
assertEq(evalMakes(1)(2), 3);
var indirect = (0, eval)("(function (q) { return q * 2; })");
assertEq(indirect.length, 1);
assertEq(indirect(4), 8);
var made = new Function("a", "b", "return function inner() { return a * b; };");
assertEq(made.length, 2);
assertEq(made(3, 4)(), 12);
assertEq(String(made(1, 1)), "function inner() { return a * b; }");
var gf = Object.getPrototypeOf(function* () {}).constructor;
var g = gf("x", "yield x; yield x + 1;");
assertArrayEq([...g(1)], [1, 2]);
