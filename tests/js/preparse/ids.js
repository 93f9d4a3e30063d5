// flags: --preparse --expose-gc
// Functions nested inside skipped bodies keep the ids of the full parse: compiling them later
// from a second, full parse finds the right literal, also after the tree was dropped.

function a1() { return function a2() { return function a3() { return "a3"; }; }; }
function b1() { var x = "b"; return [function () { return x + 1; }, function () { return x + 2; }]; }
var late = function () { return { m() { return function () { return "m"; }; } }; };
assertEq(a1()()(), "a3");
var bs = b1();
assertEq(bs[1](), "b2");
assertEq(bs[0](), "b1");
gc(); gc();
// first calls after full collections dropped the unit's trees
assertEq(late().m()(), "m");
assertEq(a1()()(), "a3");
assertEq(b1()[1](), "b2");
assertEq(String(a1), 'function a1() { return function a2() { return function a3() { return "a3"; }; }; }');
assertEq(a1.name + a1.length, "a10");
function params(p, q = 1, ...r) { return () => p; }
assertEq(params.length, 1);
assertEq(params(6)(), 6);
