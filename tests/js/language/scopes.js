// eval, with, Annex B block functions, closures over contexts.
var g1 = 1;
function ev1() { var g1 = 2; return eval("g1"); }
assertEq(ev1(), 2);
assertEq((0, eval)("g1"), 1);
function ev2() { eval("var leaked2 = 3"); return leaked2; }
assertEq(ev2(), 3);
assertEq(typeof leaked2, "undefined");
eval("var topLeak = 4");
assertEq(topLeak, 4);
function ev3() { "use strict"; eval("var notLeaked = 5"); return typeof notLeaked; }
assertEq(ev3(), "undefined");
function ev4(a) { return eval("a * 2"); }
assertEq(ev4(21), 42);
function ev5() { var x = 1; eval("x = 10"); return x; }
assertEq(ev5(), 10);
function ev6() { let y = 1; { let y = 2; return eval("y"); } }
assertEq(ev6(), 2);
assertEq(eval("let q = 1; q + 1"), 2);
assertEq(typeof q, "undefined");
assertEq(eval(5), 5);

var wo = { a: 1, b: 2 };
with (wo) { var fromWith = a + b; a = 10; }
assertEq(fromWith, 3);
assertEq(wo.a, 10);
var unsc = { h: "obj", [Symbol.unscopables]: { h: true } };
var h = "outer";
with (unsc) { assertEq(h, "outer"); }
function withCall() { var o = { f: function () { return this; } }; with (o) { return f(); } }
assertEq(typeof withCall(), "object");

{ function annexB() { return 1; } }
assertEq(annexB(), 1);
if (true) { function annexB2() { return 2; } }
assertEq(annexB2(), 2);

function mk() { var n = 0; return { inc: function () { return ++n; }, get: function () { return n; } }; }
var m1 = mk(), m2 = mk();
m1.inc(); m1.inc(); m2.inc();
assertEq(m1.get(), 2);
assertEq(m2.get(), 1);

var fns = [];
for (var i = 0; i < 3; i++) { let j = i; fns.push(function () { return j; }); }
assertEq(fns[0]() + fns[1]() + fns[2](), 3);
var cfns = [];
for (const k of ["a", "b"]) cfns.push(() => k);
assertEq(cfns[0]() + cfns[1](), "ab");
let tl = 1;
assertEq(globalThis.tl, undefined);
assertEq(eval("tl"), 1);
var named = function self() { return typeof self; };
assertEq(named(), "function");
var named2 = function self2() { self2 = 1; return typeof self2; };
assertEq(named2(), "function");
switch (1) { case 1: let sw = "s"; assertEq(sw, "s"); }
label: { if (true) break label; throw new Error("not reached"); }
