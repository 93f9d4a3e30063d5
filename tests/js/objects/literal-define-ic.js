// Object literals define their properties through the store IC (DefineNamedOwnProperty): the
// cached add must keep CreateDataProperty semantics (prototype setters and read-only
// properties are ignored), duplicate keys overwrite, and accessors stay accessors.

function make(a, b) { return { x: a, y: b, x2: a + b }; }
for (var i = 0; i < 4; i++) {
  var o = make(i, 1);
  assertEq(o.x + o.y + o.x2, 2 * i + 2);
  assertEq(Object.keys(o).join(), "x,y,x2");
}

var log = "";
Object.defineProperty(Object.prototype, "y", { set: function (v) { log += "proto setter;"; }, configurable: true });
var o2 = make(5, 6);
assertEq(log, "");
assertEq(o2.y, 6);
assertTrue(Object.prototype.hasOwnProperty.call(o2, "y"));
delete Object.prototype.y;
Object.defineProperty(Object.prototype, "x", { value: "ro", writable: false, configurable: true });
var o3 = make(7, 8);
assertEq(o3.x, 7);
delete Object.prototype.x;

function dup(v) { return { k: 1, k: v, m: 2 }; }
for (var i = 0; i < 3; i++) {
  var d = dup(i);
  assertEq(d.k, i);
  assertEq(Object.keys(d).join(), "k,m");
}

function acc(v) { return { get g() { return "getter"; }, h: v }; }
for (var i = 0; i < 3; i++) {
  var a = acc(i);
  assertEq(a.g, "getter");
  assertEq(a.h, i);
}

// Class fields are defined on the instance even when the prototype has a setter.
class F { f = 1; }
Object.defineProperty(F.prototype, "f", { set: function () { log += "field setter;"; } });
for (var i = 0; i < 3; i++) assertEq(new F().f, 1);
assertEq(log, "");
