// flags: --preparse
// Variables referenced only from skipped (pre-parsed) bodies must still be captured by closures,
// at several depths, and the skipped functions must behave exactly as without the pre-parser.

function counter() {
  var n = 0;                      // only referenced from the skipped bodies below
  function inc() { n++; return n; }
  function get() { return n; }
  return { inc: inc, get: get };
}
var c = counter();
c.inc(); c.inc();
assertEq(c.get(), 2);

// two levels: the reference sits in a function nested inside the skipped body
function twoLevels() {
  let a = 1;
  const b = 2;
  function mid() {
    function deep() { return a + b; }
    return deep;
  }
  a = 10;
  return mid()();
}
assertEq(twoLevels(), 12);

// three levels, with a block-scoped capture and a per-iteration loop binding
function loops() {
  var fs = [];
  for (let i = 0; i < 3; i++) {
    fs.push(function () { return function () { return function () { return i; }; }; });
  }
  return fs.map(function (f) { return f()()(); });
}
assertArrayEq(loops(), [0, 1, 2]);

// a named function expression referring to itself and to its outer function's name
var fact = function f(n) { return n <= 1 ? 1 : n * f(n - 1); };
assertEq(fact(5), 120);
function outerName() { return function () { return typeof outerName; }; }
assertEq(outerName()(), "function");

// parameters captured only by skipped inner functions, with a mapped arguments object
function mapped(a, b) {
  function setA(v) { a = v; }
  setA(7);
  return [a, arguments[0], b];
}
assertArrayEq(mapped(1, 2), [7, 7, 2]);
function mappedDup(a, a2) { arguments[1] = 9; return function () { return a2; }; }
assertEq(mappedDup(1, 2)(), 9);

// catch, class and const bindings reached from skipped bodies
function misc() {
  try { throw 5; } catch (e) {
    class K { get v() { return e * 2; } }
    return new K().v;
  }
}
assertEq(misc(), 10);

// shadowing inside the skipped body does not capture the outer variable
function shadow() {
  var x = 1;
  function g() { var x = 2; return x; }
  return g() + x;
}
assertEq(shadow(), 3);

// object literal methods, getters, setters
var o = (function () {
  var hidden = 3;
  return {
    m() { return hidden; },
    get g() { return hidden + 1; },
    set s(v) { hidden = v; },
  };
})();
assertEq(o.m(), 3);
o.s = 8;
assertEq(o.g, 9);

// generators and async functions
function* gen() { var k = 1; yield function () { return k; }; }
assertEq(gen().next().value(), 1);
var asyncResult;
(async function () { var z = 4; asyncResult = await (async function () { return z; })(); })();
Promise.resolve().then(function () {}).then(function () { assertEq(asyncResult, 4); });
