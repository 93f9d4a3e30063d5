// Store sites cache the transition that adds a property (src/ic/property-ic.c): the cached add
// must stop applying when a setter or a read-only property of that name appears anywhere on the
// prototype chain, when the receiver becomes non-extensible, or its prototype changes.

function Vec(x, y) { this.x = x; this.y = y; }
for (var i = 0; i < 5; i++) {
  var v = new Vec(i, i + 1);
  assertEq(v.x, i);
  assertEq(v.y, i + 1);
  assertArrayEq(Object.keys(v), ["x", "y"]);
}

// Many properties: the out-of-object backing store grows through the generic path.
function Wide() {
  this.a = 1; this.b = 2; this.c = 3; this.d = 4; this.e = 5; this.f = 6; this.g = 7; this.h = 8;
  this.i = 9; this.j = 10; this.k = 11; this.l = 12; this.m = 13; this.n = 14; this.o = 15;
}
for (var r = 0; r < 4; r++) {
  var w = new Wide();
  assertEq(w.a + w.h + w.o, 24);
  assertEq(Object.keys(w).join(""), "abcdefghijklmno");
}

// A setter installed later on the direct prototype.
var log = "";
for (var i = 0; i < 3; i++) new Vec(1, 2);
Object.defineProperty(Vec.prototype, "y", { set: function (v) { log += "setY" + v + ";"; }, configurable: true });
var v2 = new Vec(1, 2);
assertEq(log, "setY2;");
assertFalse(Object.prototype.hasOwnProperty.call(v2, "y"));
delete Vec.prototype.y;
var v3 = new Vec(1, 2);
assertEq(v3.y, 2);

// A setter installed later deep in the chain (Object.prototype).
function P(z) { this.z = z; }
for (var i = 0; i < 3; i++) assertEq(new P(i).z, i);
Object.defineProperty(Object.prototype, "z", { set: function (v) { log += "setZ" + v + ";"; }, configurable: true });
var p = new P(7);
assertEq(log, "setY2;setZ7;");
assertFalse(Object.prototype.hasOwnProperty.call(p, "z"));
delete Object.prototype.z;
assertEq(new P(8).z, 8);

// A read-only property appearing on the chain blocks the add (TypeError in strict code).
function S(q) { "use strict"; this.q = q; }
for (var i = 0; i < 3; i++) assertEq(new S(i).q, i);
Object.defineProperty(S.prototype, "q", { value: "ro", writable: false, configurable: true });
assertThrows(function () { new S(1); }, TypeError);
function Sloppy(q) { this.q = q; }
Sloppy.prototype = S.prototype;
var sl = new Sloppy(5);
assertEq(sl.q, "ro");
assertFalse(Object.prototype.hasOwnProperty.call(sl, "q"));
delete S.prototype.q;
assertEq(new S(3).q, 3);

// Non-extensible receivers: the add is refused.
function addT(o, v) { o.t = v; }
var e1 = {}, e2 = {};
addT(e1, 1);
addT({}, 1);
Object.preventExtensions(e2);
addT(e2, 2);
assertEq(e2.t, undefined);
assertThrows(function () { "use strict"; var o = Object.preventExtensions({}); o.t = 1; }, TypeError);

// A receiver whose prototype changed gets the new chain's behaviour.
var protoWithSetter = { set t(v) { log += "setT" + v + ";"; } };
var e3 = {};
Object.setPrototypeOf(e3, protoWithSetter);
addT(e3, 3);
assertEq(log, "setY2;setZ7;setT3;");
var e4 = {};
addT(e4, 4);
assertEq(e4.t, 4);

// A prototype that goes to dictionary mode and then gains a setter.
function D() { this.u = 1; }
D.prototype.p1 = 1;
D.prototype.p2 = 2;
for (var i = 0; i < 3; i++) new D();
delete D.prototype.p1; // dictionary mode
Object.defineProperty(D.prototype, "u", { set: function (v) { log += "setU;"; }, configurable: true });
var d = new D();
assertFalse(Object.prototype.hasOwnProperty.call(d, "u"));
assertEq(log.slice(-5), "setU;");
