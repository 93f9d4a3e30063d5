// Object constructor and statics: results, attributes and error types.
var o = { b: 2, a: 1 };
o[1] = 3;
assertArrayEq(Object.keys(o), ["1", "b", "a"]);
assertArrayEq(Object.values(o), [3, 2, 1]);
var ent = Object.entries(o);
assertEq(ent.length, 3);
assertArrayEq(ent[0], ["1", 3]);
assertArrayEq(ent[2], ["a", 1]);
assertThrows(function () { Object.keys(undefined); }, TypeError);
assertArrayEq(Object.keys("ab"), ["0", "1"]);

// Object(value) and new Object
assertEq(typeof Object(1), "object");
assertEq(Object(1) instanceof Number, true);
var plain = {};
assertEq(Object(plain), plain);
assertEq(Object.getPrototypeOf(Object(null)), Object.prototype);
assertEq(Object.length, 1);
assertEq(Object.name, "Object");

// create / defineProperty / getOwnPropertyDescriptor
var proto = { inherited: 1 };
var c = Object.create(proto, { own: { value: 5, enumerable: true } });
assertEq(Object.getPrototypeOf(c), proto);
assertEq(c.own, 5);
assertEq(c.inherited, 1);
var d = Object.getOwnPropertyDescriptor(c, "own");
assertEq(d.writable, false);
assertEq(d.enumerable, true);
assertEq(d.configurable, false);
assertThrows(function () { Object.create(1); }, TypeError);
var e = assertThrows(function () { Object.create(undefined); }, TypeError);
assertEq(e.message, "Object prototype may only be an Object or null: undefined");
assertEq(Object.getPrototypeOf(Object.create(null)), null);
assertThrows(function () { Object.defineProperty(1, "x", {}); }, TypeError);
assertThrows(function () { Object.defineProperty({}, "x", { get: function () {}, value: 1 }); }, TypeError);
assertThrows(function () { Object.defineProperty({}, "x", { get: 1 }); }, TypeError);
assertThrows(function () { Object.defineProperty({}, "x", 1); }, TypeError);
var frozenProp = Object.defineProperty({}, "x", { value: 1 });
assertThrows(function () { Object.defineProperty(frozenProp, "x", { value: 2 }); }, TypeError);
var acc = Object.defineProperty({}, "x", { get: function () { return 42; }, configurable: true });
assertEq(acc.x, 42);
var ad = Object.getOwnPropertyDescriptor(acc, "x");
assertEq(typeof ad.get, "function");
assertEq(ad.set, undefined);
assertEq("value" in ad, false);
assertEq(Object.getOwnPropertyDescriptor({}, "nope"), undefined);
var two = Object.defineProperties({}, { a: { value: 1, enumerable: true }, b: { value: 2 } });
assertArrayEq(Object.keys(two), ["a"]);
assertEq(two.b, 2);
var ds = Object.getOwnPropertyDescriptors({ p: 1 });
assertEq(ds.p.value, 1);
assertEq(ds.p.writable, true);

// freeze / seal / preventExtensions
var f = Object.freeze({ a: 1, get g() { return 1; } });
assertTrue(Object.isFrozen(f));
assertTrue(Object.isSealed(f));
assertFalse(Object.isExtensible(f));
assertEq(Object.getOwnPropertyDescriptor(f, "a").writable, false);
assertTrue(Object.isFrozen(1));
assertEq(Object.freeze(1), 1);
var s = Object.seal({ a: 1 });
assertTrue(Object.isSealed(s));
assertFalse(Object.isFrozen(s));
s.a = 2;
assertEq(s.a, 2);
var pe = Object.preventExtensions({ a: 1 });
assertFalse(Object.isExtensible(pe));
assertFalse(Object.isFrozen(pe));
assertTrue(Object.isFrozen(Object.preventExtensions({})));
assertFalse(Object.isExtensible(1));

// assign
var t = Object.assign({}, { a: 1 }, null, undefined, "xy", { b: 2 });
assertEq(t.a, 1);
assertEq(t[0], "x");
assertEq(t.b, 2);
assertThrows(function () { Object.assign(null, {}); }, TypeError);
var order = [];
var src = {};
Object.defineProperty(src, "z", { get: function () { order.push("z"); return 1; }, enumerable: true });
Object.defineProperty(src, "y", { get: function () { order.push("y"); return 2; }, enumerable: false });
Object.assign({}, src);
assertArrayEq(order, ["z"]);

// is / hasOwn / getOwnPropertyNames / getOwnPropertySymbols
assertTrue(Object.is(NaN, NaN));
assertFalse(Object.is(0, -0));
assertTrue(Object.hasOwn({ q: 1 }, "q"));
assertFalse(Object.hasOwn({ q: 1 }, "toString"));
assertThrows(function () { Object.hasOwn(null, "q"); }, TypeError);
var sym = Symbol("s");
var withSym = { a: 1 };
withSym[sym] = 2;
assertArrayEq(Object.getOwnPropertyNames(withSym), ["a"]);
assertArrayEq(Object.getOwnPropertySymbols(withSym), [sym]);
assertArrayEq(Object.getOwnPropertyNames("ab"), ["0", "1", "length"]);

// setPrototypeOf / getPrototypeOf
var p1 = {}, c1 = Object.create(p1);
assertThrows(function () { Object.setPrototypeOf(p1, c1); }, TypeError);
assertThrows(function () { Object.setPrototypeOf(Object.preventExtensions({}), {}); }, TypeError);
assertThrows(function () { Object.setPrototypeOf({}, 1); }, TypeError);
assertThrows(function () { Object.setPrototypeOf(undefined, {}); }, TypeError);
assertEq(Object.setPrototypeOf(1, null), 1);
assertEq(Object.getPrototypeOf("x"), String.prototype);
assertThrows(function () { Object.getPrototypeOf(null); }, TypeError);

// fromEntries / groupBy
var fe = Object.fromEntries([["a", 1], ["b", 2]]);
assertEq(fe.a + fe.b, 3);
assertThrows(function () { Object.fromEntries([1]); }, TypeError);
assertThrows(function () { Object.fromEntries(null); }, TypeError);
var g = Object.groupBy([1, 2, 3, 4, 5], function (x) { return x % 2 ? "odd" : "even"; });
assertEq(Object.getPrototypeOf(g), null);
assertArrayEq(g.odd, [1, 3, 5]);
assertArrayEq(g.even, [2, 4]);
assertArrayEq(Object.keys(g), ["odd", "even"]);
assertThrows(function () { Object.groupBy([1], 1); }, TypeError);

// attributes of the statics
var kd = Object.getOwnPropertyDescriptor(Object, "keys");
assertTrue(kd.writable);
assertFalse(kd.enumerable);
assertTrue(kd.configurable);
assertEq(Object.keys.length, 1);
assertEq(Object.assign.length, 2);
assertEq(Object.defineProperty.length, 3);
var pd = Object.getOwnPropertyDescriptor(Object, "prototype");
assertFalse(pd.writable);
assertFalse(pd.configurable);
