// Object.prototype methods, toString tags and the Annex B accessors.
var ts = Object.prototype.toString;
assertEq(ts.call(undefined), "[object Undefined]");
assertEq(ts.call(null), "[object Null]");
assertEq(ts.call([]), "[object Array]");
assertEq(ts.call(function () {}), "[object Function]");
assertEq(ts.call(new Error("x")), "[object Error]");
assertEq(ts.call(true), "[object Boolean]");
assertEq(ts.call(1), "[object Number]");
assertEq(ts.call("s"), "[object String]");
assertEq(ts.call(Symbol()), "[object Symbol]");
assertEq(ts.call({}), "[object Object]");
assertEq(ts.call((function () { return arguments; })()), "[object Arguments]");
var tagged = {};
tagged[Symbol.toStringTag] = "Custom";
assertEq(String(tagged), "[object Custom]");
var badTag = [];
badTag[Symbol.toStringTag] = 5;
assertEq(ts.call(badTag), "[object Array]");
assertEq(ts.call([][Symbol.iterator]()), "[object Array Iterator]");
assertEq(ts.call(""[Symbol.iterator]()), "[object String Iterator]");

var o = { a: 1 };
assertTrue(o.hasOwnProperty("a"));
assertFalse(o.hasOwnProperty("b"));
assertThrows(function () { Object.prototype.hasOwnProperty.call(null, "a"); }, TypeError);
assertTrue(Object.prototype.isPrototypeOf(o));
assertFalse(o.isPrototypeOf(Object.prototype));
assertFalse(Object.prototype.isPrototypeOf.call(null, 1));
assertTrue(o.propertyIsEnumerable("a"));
assertFalse([].propertyIsEnumerable("length"));
assertEq(o.valueOf(), o);
assertEq(typeof Object.prototype.valueOf.call(1), "object");
assertEq(o.toLocaleString(), "[object Object]");

// __proto__
var p = { from: "p" };
var c = {};
c.__proto__ = p;
assertEq(c.from, "p");
assertEq(c.__proto__, p);
c.__proto__ = 5;
assertEq(Object.getPrototypeOf(c), p);
assertThrows(function () { p.__proto__ = c; }, TypeError);
var desc = Object.getOwnPropertyDescriptor(Object.prototype, "__proto__");
assertEq(typeof desc.get, "function");
assertEq(desc.get.name, "get __proto__");
assertEq(desc.set.name, "set __proto__");
assertFalse(desc.enumerable);
assertTrue(desc.configurable);

// __defineGetter__ & co.
var x = {};
x.__defineGetter__("g", function () { return 7; });
assertEq(x.g, 7);
var gd = Object.getOwnPropertyDescriptor(x, "g");
assertTrue(gd.enumerable);
assertTrue(gd.configurable);
var seen;
x.__defineSetter__("s", function (v) { seen = v; });
x.s = 3;
assertEq(seen, 3);
assertEq(Object.create(x).__lookupGetter__("g")(), 7);
assertEq(typeof x.__lookupSetter__("s"), "function");
assertEq(x.__lookupGetter__("s"), undefined);
assertThrows(function () { x.__defineGetter__("h", 1); }, TypeError);
assertEq(Object.prototype.toString.name, "toString");
assertEq(Object.prototype.hasOwnProperty.length, 1);
