// The interpreter reads present fast elements and overwrites them in place (interp-elements.h);
// holes, appends, dictionary elements, frozen objects, getters/setters on the prototype chain and
// exotic receivers must still take the generic [[Get]]/[[Set]] path.

var a = [1, 2, 3];
for (var i = 0; i < 3; i++) a[i] = a[i] * 10;
assertArrayEq(a, [10, 20, 30]);
assertEq(a[3], undefined);

// A hole reads through the prototype chain, including getters installed later.
var h = [0, , 2];
assertEq(h[1], undefined);
Array.prototype[1] = "from proto";
assertEq(h[1], "from proto");
delete Array.prototype[1];
var log = { items: "" }; // not an array: an Array.prototype setter must not see it
function note(s) { log.items += s + ";"; }
Object.defineProperty(Array.prototype, 1, {
  get: function () { note("get"); return "getter"; },
  set: function (v) { note("set " + v); },
  configurable: true
});
assertEq(h[1], "getter");
h[1] = 5; // the hole is not an own property: the inherited setter runs
assertEq(h[1], "getter");
assertEq(log.items, "get;set 5;get;");
h[0] = 7; // present element: overwritten in place, the setter is not involved
assertEq(h[0], 7);
assertEq(log.items, "get;set 5;get;");
delete Array.prototype[1];
assertEq(h[1], undefined);

// Appending goes through the generic path (length update, prototype setters).
var b = [];
for (var i = 0; i < 5; i++) b[i] = i;
assertEq(b.length, 5);
Object.defineProperty(Object.prototype, 5, { set: function (v) { note("oset " + v); }, configurable: true });
b[5] = 50;
assertEq(b.length, 5);
assertEq(log.items.slice(-8), "oset 50;");
delete Object.prototype[5];

// Frozen and non-writable elements are not overwritten.
var f = Object.freeze([1, 2]);
f[0] = 9;
assertEq(f[0], 1);
assertThrows(function () { "use strict"; f[1] = 9; }, TypeError);
var nw = [1, 2, 3];
Object.defineProperty(nw, 1, { writable: false });
nw[1] = 9;
assertEq(nw[1], 2);
nw[2] = 9;
assertEq(nw[2], 9);
// An accessor element defined on the object itself.
var acc = [1, 2];
Object.defineProperty(acc, 0, { get: function () { return "own getter"; }, set: function (v) { note("own set " + v); } });
assertEq(acc[0], "own getter");
acc[0] = 3;
assertEq(log.items.slice(-10), "own set 3;");

// Plain objects with index keys.
var o = { 0: "a", 1: "b" };
for (var i = 0; i < 2; i++) o[i] = o[i] + "!";
assertEq(o[0], "a!");
assertEq(o[1], "b!");
Object.preventExtensions(o);
o[0] = "c"; // still writable
assertEq(o[0], "c");
o[2] = "d"; // not extensible: not added
assertEq(o[2], undefined);

// Exotic receivers keep their behaviour: arguments, strings, string wrappers, proxies.
function mapped(x) { arguments[0] = 5; return x; }
assertEq(mapped(1), 5);
assertEq("abc"[1], "b");
var sw = new String("xy");
sw[0] = "z";
assertEq(sw[0], "x");
var traps = [];
var p = new Proxy([1, 2], {
  get: function (t, k) { traps.push("get " + String(k)); return t[k]; },
  set: function (t, k, v) { traps.push("set " + String(k)); t[k] = v; return true; }
});
p[0] = p[1];
assertArrayEq(traps, ["get 1", "set 0"]);

// Null and undefined bases still throw with the V8 message.
var e = assertThrows(function () { var n = null; return n[0]; }, TypeError);
assertEq(e.message, "Cannot read properties of null (reading '0')");
assertThrows(function () { var u; u[0] = 1; }, TypeError);
