// Named-property inline caches (src/ic/property-ic.h): monomorphic, polymorphic (up to 4 maps),
// more maps than fit, and every guard: a prototype change, a getter installed later, shadowing,
// deletion, freezing, setPrototypeOf, dictionary mode.

function getX(o) { return o.x; }
function setX(o, v) { o.x = v; }

// Up to six differently shaped receivers at one load site and one store site.
var shapes = [
  { x: 1 },
  { a: 0, x: 2 },
  { a: 0, b: 0, x: 3 },
  { b: 0, x: 4 },
  { c: 0, d: 0, x: 5 },
  { e: 0, x: 6 }
];
for (var round = 0; round < 3; round++) {
  for (var i = 0; i < shapes.length; i++) {
    assertEq(getX(shapes[i]), i + 1 + round * 10, "load shape " + i + " round " + round);
    setX(shapes[i], i + 1 + (round + 1) * 10);
  }
}
for (var i = 0; i < shapes.length; i++) assertEq(shapes[i].x, i + 31);

// Prototype hits: a method on the prototype, then shadowed by an own property, then changed.
function Point(x) { this.x = x; }
Point.prototype.x = "proto";
Point.prototype.kind = function () { return "point"; };
function kindOf(o) { return o.kind(); }
var p = new Point(1), q = new Point(2);
for (var i = 0; i < 3; i++) assertEq(kindOf(p), "point");
q.kind = function () { return "own"; };
assertEq(kindOf(q), "own");
assertEq(kindOf(p), "point");
Point.prototype.kind = function () { return "changed"; };
assertEq(kindOf(p), "changed");

// A getter installed later on the prototype replaces a cached data field.
function Base() {}
Base.prototype.v = 1;
function readV(o) { return o.v; }
var b = new Base();
for (var i = 0; i < 3; i++) assertEq(readV(b), 1);
Object.defineProperty(Base.prototype, "v", { get: function () { return "getter"; }, configurable: true });
assertEq(readV(b), "getter");
delete Base.prototype.v;
assertEq(readV(b), undefined);

// A setter installed later on the prototype intercepts stores of a property the receiver lacks;
// an own data property is still written directly.
var log = "";
function Rec() { this.own = 0; }
function store(o, v) { o.val = v; o.own = v; }
var r1 = new Rec();
for (var i = 0; i < 3; i++) store(r1, i);
assertEq(r1.val, 2);
Object.defineProperty(Rec.prototype, "val", { set: function (v) { log += "set" + v + ";"; }, configurable: true });
var r2 = new Rec();
store(r2, 7);
assertEq(log, "set7;");
assertFalse(Object.prototype.hasOwnProperty.call(r2, "val"));
assertEq(r2.own, 7);

// Freezing and non-writable properties: cached stores must not write.
function setY(o, v) { "use strict"; o.y = v; }
var f1 = { y: 1 }, f2 = { y: 1 };
setY(f1, 2);
setY(f2, 2);
Object.freeze(f2);
assertThrows(function () { setY(f2, 3); }, TypeError);
assertEq(f2.y, 2);
setY(f1, 3);
assertEq(f1.y, 3);
var nw = { y: 1 };
setY(nw, 5);
Object.defineProperty(nw, "y", { writable: false });
assertThrows(function () { setY(nw, 6); }, TypeError);
assertEq(nw.y, 5);

// setPrototypeOf on a receiver and on the holder.
var protoA = { m: "A" }, protoB = { m: "B" };
var child = Object.create(protoA);
function readM(o) { return o.m; }
for (var i = 0; i < 3; i++) assertEq(readM(child), "A");
Object.setPrototypeOf(child, protoB);
assertEq(readM(child), "B");
protoB.m = "B2";
assertEq(readM(child), "B2");

// Deleting a property and dictionary mode.
var d = { a: 1, b: 2, c: 3 };
function readB(o) { return o.b; }
for (var i = 0; i < 3; i++) assertEq(readB(d), 2);
delete d.a; // not the last-added property: dictionary mode
assertEq(readB(d), 2);
delete d.b;
assertEq(readB(d), undefined);
d.b = 9;
assertEq(readB(d), 9);

// Deleting the last-added property walks back the transition: the old map must not hit.
var e1 = { p: 1 };
e1.z = 5;
function readZ(o) { return o.z; }
for (var i = 0; i < 3; i++) assertEq(readZ(e1), 5);
delete e1.z;
assertEq(readZ(e1), undefined);
e1.z = 6;
assertEq(readZ(e1), 6);

// Same site, primitives and objects: strings, numbers, undefined receivers.
function len(o) { return o.length; }
assertEq(len("abc"), 3);
assertEq(len([1, 2]), 2);
assertEq(len({ length: 7 }), 7);
assertEq(len("de"), 2);
function toFixed(n) { return n.toFixed; }
assertEq(toFixed(1), Number.prototype.toFixed);
assertThrows(function () { len(undefined); }, TypeError);

// Fields found further up the prototype chain (class hierarchies): shadowing at any level,
// a getter installed in the middle, and a changed value at the top.
class A { }
A.prototype.who = "A";
class B extends A { }
class C extends B { }
function who(o) { return o.who; }
var c = new C();
for (var i = 0; i < 3; i++) assertEq(who(c), "A");
A.prototype.who = "A2";
assertEq(who(c), "A2");
B.prototype.who = "B";
assertEq(who(c), "B");
delete B.prototype.who;
assertEq(who(c), "A2");
Object.defineProperty(C.prototype, "who", { get: function () { return "C getter"; }, configurable: true });
assertEq(who(c), "C getter");
delete C.prototype.who;
assertEq(who(c), "A2");
Object.setPrototypeOf(B.prototype, { who: "other root" });
assertEq(who(c), "other root");
assertEq(who(new A()), "A2");
// Object.prototype methods through three levels.
function hasOwn(o) { return o.hasOwnProperty; }
for (var i = 0; i < 3; i++) assertEq(hasOwn(c), Object.prototype.hasOwnProperty);
Object.prototype.hasOwnProperty = function () { return "replaced"; };
assertEq(hasOwn(c)(), "replaced");
