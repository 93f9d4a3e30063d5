// Core ES5 statements and expressions.
var x = 1, y = 2;
assertEq(x + y, 3);
assertEq(x - y * 3, -5);
assertEq(7 / 2, 3.5);
assertEq(7 % 3, 1);
assertEq(-7 % 3, -1);
assertEq(2 ** 10, 1024);
assertEq(1 << 31, -2147483648);
assertEq(-1 >>> 0, 4294967295);
assertEq(-16 >> 2, -4);
assertEq(5 & 3, 1);
assertEq(5 | 3, 7);
assertEq(5 ^ 3, 6);
assertEq(~5, -6);
assertEq(-(0), -0);
assertEq("a" + 1, "a1");
assertEq(1 + "2", "12");
assertEq(typeof 1, "number");
assertEq(typeof "s", "string");
assertEq(typeof undefinedVariable, "undefined");
assertEq(typeof null, "object");
assertEq(typeof function () {}, "function");
assertEq(void 0, undefined);
assertEq(!0, true);
assertEq(1 < 2, true);
assertEq(2 <= 2, true);
assertEq(3 > 4, false);
assertEq("b" > "a", true);
assertEq(1 == "1", true);
assertEq(1 === "1", false);
assertEq(null == undefined, true);
assertEq(NaN == NaN, false);
assertEq(1 != 2, true);
assertEq(1 !== 1, false);

// logical
assertEq(0 || "x", "x");
assertEq(1 && "y", "y");
assertEq(null ?? 5, 5);
assertEq(0 ?? 5, 0);
assertEq(true ? 1 : 2, 1);

// functions and closures
function add(a, b) { return a + b; }
assertEq(add(2, 3), 5);
function counter() { var n = 0; return function () { return ++n; }; }
var c = counter();
c(); c();
assertEq(c(), 3);
function fact(n) { return n <= 1 ? 1 : n * fact(n - 1); }
assertEq(fact(10), 3628800);
assertEq(hoisted(), "h");
function hoisted() { return "h"; }

// loops
var s = 0;
for (var i = 0; i < 10; i++) s += i;
assertEq(s, 45);
var w = 0;
while (w < 5) w++;
assertEq(w, 5);
var d = 0;
do { d++; } while (d < 3);
assertEq(d, 3);
var brk = 0;
for (var j = 0; j < 100; j++) { if (j == 7) break; if (j % 2) continue; brk += j; }
assertEq(brk, 0 + 2 + 4 + 6);
outer: for (var a = 0; a < 3; a++) { for (var b = 0; b < 3; b++) { if (b == 1) continue outer; if (a == 2) break outer; } }
assertEq(a, 2);

// objects and arrays
var o = { p: 1, "q": 2, 3: "three", get g() { return this.p + 10; }, set st(v) { this.p = v; } };
assertEq(o.p, 1);
assertEq(o.q, 2);
assertEq(o[3], "three");
assertEq(o.g, 11);
o.st = 5;
assertEq(o.p, 5);
o.z = 9;
assertEq(o["z"], 9);
delete o.z;
assertEq(o.z, undefined);
assertEq("p" in o, true);
var arr = [1, 2, 3];
assertEq(arr.length, 3);
assertEq(arr[1], 2);
arr[5] = 6;
assertEq(arr.length, 6);
var holes = [1, , 3, ];
assertEq(holes.length, 3);
assertEq(1 in holes, false);

// for-in
var keys = [];
for (var k in { a: 1, b: 2, c: 3 }) keys.push(k);
assertEq(keys.join(), "a,b,c");
function P() { this.own = 1; }
P.prototype.inh = 2;
keys = [];
for (var k2 in new P()) keys.push(k2);
assertEq(keys.join(), "own,inh");

// switch
function sw(v) {
  switch (v) {
    case 1: return "one";
    case 2:
    case 3: return "two-three";
    default: return "other";
  }
}
assertEq(sw(1), "one");
assertEq(sw(3), "two-three");
assertEq(sw(9), "other");

// try/catch/finally
var log = [];
try { throw new Error("boom"); } catch (e) { log.push(e.message); } finally { log.push("f"); }
assertEq(log.join(), "boom,f");
function tf() { try { return 1; } finally { log.push("ret"); } }
assertEq(tf(), 1);
assertEq(log[2], "ret");
function tf2() { for (var i = 0; i < 3; i++) { try { if (i == 1) break; } finally { log.push("i" + i); } } return i; }
assertEq(tf2(), 1);
assertEq(log.slice(3).join(), "i0,i1");
assertThrows(function () { null.x; }, TypeError);
assertThrows(function () { undefinedFn(); }, ReferenceError);
assertThrows(function () { var q = 1; q(); }, TypeError);

// this
var obj = { v: 42, m: function () { return this.v; } };
assertEq(obj.m(), 42);
function sloppyThis() { return this; }
assertEq(sloppyThis(), globalThis);
function strictThis() { "use strict"; return this; }
assertEq(strictThis(), undefined);

// new
function Pt(x, y) { this.x = x; this.y = y; }
Pt.prototype.sum = function () { return this.x + this.y; };
var pt = new Pt(3, 4);
assertEq(pt.sum(), 7);
assertEq(pt instanceof Pt, true);

// arguments
function argc() { return arguments.length; }
assertEq(argc(1, 2, 3), 3);
function args1() { return arguments[1]; }
assertEq(args1("a", "b"), "b");

// update expressions
var u = 5;
assertEq(u++, 5);
assertEq(u, 6);
assertEq(--u, 5);
var uo = { n: 1 };
uo.n += 2;
assertEq(uo.n, 3);
uo["n"] *= 2;
assertEq(uo.n, 6);

// string escapes and comparison
assertEq("a\tb".length, 3);
assertEq("abc".charAt(1), "b");

// comma, conditional
assertEq((1, 2, 3), 3);
// with
var wo = { wv: 7 };
with (wo) { assertEq(wv, 7); wv = 8; }
assertEq(wo.wv, 8);
// eval
assertEq(eval("1 + 2"), 3);
var ev = 10;
function evf() { var ev = 20; return eval("ev"); }
assertEq(evf(), 20);
assertEq((0, eval)("ev"), 10);
