// Direct eval in a parameter expression may not declare a var named like a parameter or
// `arguments` (they live in an environment between the eval and its var scope).
function f1(p = eval("var arguments = 1")) {}
assertThrows(f1, SyntaxError);
function f2(p = eval("var q"), q) {}
assertThrows(f2, SyntaxError);
function f3(p = eval("var fresh = 7"), q = fresh) { return q; }
assertEq(f3(), 7);

// this in eval code at the top level is the global this (strict too)
assertTrue(eval("this") === globalThis);
assertTrue((0, eval)("'use strict'; this") === globalThis);
assertTrue(eval("'use strict'; this") === globalThis);

// Annex B: a block function in sloppy eval code sets the eval's var binding
eval("{ function annexF() { return 1; } } var afterBlock = annexF;");
assertEq(typeof annexF, "function");
assertEq(afterBlock, annexF);
function inner() {
  eval("{ function g() { return 2; } } g = 5;");
  return g;
}
assertEq(inner(), 5);

// compound assignment with a sloppy eval adding a closer binding keeps the original reference
function outer() {
  var x = 3;
  var r = (function () { x *= (eval("var x = 2;"), 4); return x; })();
  return [r, x];
}
assertArrayEq(outer(), [2, 12]);
