// Function constructor and Function.prototype.
var add = Function("a", "b", "return a + b");
assertEq(add(2, 3), 5);
assertEq(add.length, 2);
assertEq(add.name, "anonymous");
assertEq(new Function("return 7")(), 7);
assertThrows(function () { Function("a", "return ("); }, SyntaxError);
assertEq(Function.length, 1);
assertEq(Function.prototype(), undefined);
assertEq(Function.prototype.length, 0);
assertEq(Function.prototype.name, "");

function f(a, b) { return [this, a, b]; }
var r = f.call(1, 2, 3);
assertEq(typeof r[0], "object");
assertEq(r[1] + r[2], 5);
r = f.apply("t", [4, 5]);
assertEq(r[0] + "", "t");
assertEq(r[1] + r[2], 9);
assertEq(f.apply(null).length, 3);
r = f.apply(null, { length: 2, 0: "x", 1: "y" });
assertEq(r[1] + r[2], "xy");
assertThrows(function () { f.apply(null, 1); }, TypeError);
assertThrows(function () { Function.prototype.call.call(1); }, TypeError);
assertThrows(function () { Function.prototype.apply.call({}, null, []); }, TypeError);

var b = f.bind("me", 1);
assertEq(b.name, "bound f");
assertEq(b.length, 1);
r = b(9);
assertEq(r[1], 1);
assertEq(r[2], 9);
assertThrows(function () { Function.prototype.bind.call({}); }, TypeError);
function Point(x) { this.x = x; }
var BP = Point.bind(null, 3);
var pt = new BP();
assertEq(pt.x, 3);
assertTrue(pt instanceof Point);
assertTrue(pt instanceof BP);

assertEq(Object.getOwnPropertyDescriptor(Function.prototype, Symbol.hasInstance).writable, false);
assertTrue(Function.prototype[Symbol.hasInstance].call(Point, pt));
assertFalse(Function.prototype[Symbol.hasInstance].call({}, pt));
assertEq(Function.prototype[Symbol.hasInstance].name, "[Symbol.hasInstance]");

assertEq(typeof f.toString(), "string");
assertEq(f.toString(), "function f(a, b) { return [this, a, b]; }");
assertTrue(Math.max.toString().indexOf("[native code]") > 0);
assertThrows(function () { Function.prototype.toString.call({}); }, TypeError);

// %ThrowTypeError% and the poison pills
var d = Object.getOwnPropertyDescriptor(Function.prototype, "caller");
assertEq(d.get, d.set);
assertFalse(d.enumerable);
assertTrue(d.configurable);
assertEq(Object.getOwnPropertyDescriptor(Function.prototype, "arguments").get, d.get);
assertThrows(function () { d.get(); }, TypeError);
assertFalse(Object.isExtensible(d.get));
assertEq(d.get.length, 0);
assertEq(Object.getOwnPropertyDescriptor(d.get, "length").configurable, false);
assertThrows(function () { "use strict"; return (function () { "use strict"; }).caller; }, TypeError);
