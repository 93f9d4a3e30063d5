// Property semantics of ordinary and exotic objects: attributes, defineProperty validation,
// own-key order, arrays (length, sparse), string wrappers, prototype chains, accessors.

// Own-key order: integer indices ascending, then strings in creation order, then symbols.
var s1 = Symbol("s1");
var o = { b: 1 };
o[s1] = 2;
o[2] = 3;
o.a = 4;
o[1] = 5;
o["01"] = 6;
assertArrayEq(Object.getOwnPropertyNames(o), ["1", "2", "b", "a", "01"]);
assertEq(Object.getOwnPropertySymbols(o)[0], s1);
var ks = [];
for (var k in o) ks.push(k);
assertArrayEq(ks, ["1", "2", "b", "a", "01"]);

// Deleting and re-adding moves a key to the end.
var d = { x: 1, y: 2, z: 3 };
delete d.x;
d.x = 4;
assertArrayEq(Object.keys(d), ["y", "z", "x"]);
assertEq(d.x, 4);

// Many properties (dictionary mode) keep working and keep their order.
var big = {};
for (var i = 0; i < 300; i++) big["p" + i] = i;
assertEq(big.p0, 0);
assertEq(big.p299, 299);
assertEq(Object.keys(big).length, 300);
assertEq(Object.keys(big)[150], "p150");

// Attributes and defineProperty validation.
var ro = {};
Object.defineProperty(ro, "x", { value: 1 });
var dx = Object.getOwnPropertyDescriptor(ro, "x");
assertEq(dx.writable, false);
assertEq(dx.enumerable, false);
assertEq(dx.configurable, false);
ro.x = 2; // sloppy: silently ignored
assertEq(ro.x, 1);
assertThrows(function () { "use strict"; ro.x = 2; }, TypeError);
Object.defineProperty(ro, "x", { value: 1 }); // same value: allowed
assertThrows(function () { Object.defineProperty(ro, "x", { value: 2 }); }, TypeError);
assertThrows(function () { Object.defineProperty(ro, "x", { configurable: true }); }, TypeError);
assertThrows(function () { Object.defineProperty(ro, "x", { enumerable: true }); }, TypeError);
assertThrows(function () { Object.defineProperty(ro, "x", { get: function () {} }); }, TypeError);
assertThrows(function () { Object.defineProperty(ro, "y", { get: function () {}, value: 1 }); }, TypeError);

var msg = "";
(function () { "use strict"; try { ro.x = 3; } catch (e) { msg = e.message; } })();
assertEq(msg, "Cannot assign to read only property 'x' of object '#<Object>'");

// A configurable property can switch between data and accessor.
var c = {};
Object.defineProperty(c, "p", { value: 1, configurable: true, writable: true });
Object.defineProperty(c, "p", { get: function () { return 42; } });
assertEq(c.p, 42);
assertEq(Object.getOwnPropertyDescriptor(c, "p").set, undefined);
Object.defineProperty(c, "p", { value: 7 });
assertEq(c.p, 7);
assertEq(Object.getOwnPropertyDescriptor(c, "p").writable, false);

// Accessors receive the receiver; setters on the prototype intercept assignment.
var log = [];
var proto = {
  get v() { return this.tag; },
  set v(x) { log.push(this.tag + "=" + x); }
};
var child = Object.create(proto);
child.tag = "child";
assertEq(child.v, "child");
child.v = 5;
assertEq(log[0], "child=5");
assertFalse(Object.prototype.hasOwnProperty.call(child, "v"));

// A read-only property on the prototype blocks assignment on the child.
var rp = Object.create(Object.defineProperty({}, "k", { value: 1 }));
rp.k = 2;
assertEq(rp.k, 1);
assertFalse(rp.hasOwnProperty("k"));

// Non-extensible, sealed, frozen.
var ne = { a: 1 };
Object.preventExtensions(ne);
ne.b = 2;
assertEq(ne.b, undefined);
assertThrows(function () { "use strict"; ne.b = 2; }, TypeError);
var fr = Object.freeze({ a: 1, 0: "z" });
assertTrue(Object.isFrozen(fr));
fr.a = 2;
fr[0] = "y";
assertEq(fr.a, 1);
assertEq(fr[0], "z");
assertFalse(delete fr.a);

// Arrays: length semantics.
var a = [];
a[5] = 1;
assertEq(a.length, 6);
assertFalse(3 in a);
a.length = 2;
assertEq(a.length, 2);
assertEq(a[5], undefined);
assertThrows(function () { a.length = -1; }, RangeError);
assertThrows(function () { a.length = 1.5; }, RangeError);
a.length = "4";
assertEq(a.length, 4);
var ld = Object.getOwnPropertyDescriptor(a, "length");
assertTrue(ld.writable);
assertFalse(ld.enumerable);
assertFalse(ld.configurable);
assertArrayEq(Object.getOwnPropertyNames([7, 8]), ["0", "1", "length"]);

// Sparse arrays do not allocate every slot.
var sp = [];
sp[1e9] = "far";
assertEq(sp.length, 1e9 + 1);
assertEq(sp[1e9], "far");
sp[3] = "near";
assertArrayEq(Object.keys(sp), ["3", "1000000000"]);

// Shrinking stops at a non-configurable element.
var nc = [0, 1, 2, 3, 4];
Object.defineProperty(nc, 2, { value: 2, configurable: false });
nc.length = 0;
assertEq(nc.length, 3);
assertThrows(function () { "use strict"; nc.length = 0; }, TypeError);

// Non-writable length blocks growth.
var fl = [1, 2];
Object.defineProperty(fl, "length", { writable: false });
fl[5] = 1;
assertEq(fl.length, 2);
assertEq(fl[5], undefined);
assertThrows(function () { "use strict"; fl.push(3); }, TypeError);

// Index keys: canonical numeric strings only.
var ik = {};
ik["4294967294"] = "max index";
ik["4294967295"] = "not an index";
ik["-0"] = "string";
assertArrayEq(Object.keys(ik), ["4294967294", "4294967295", "-0"]);
var arr2 = [];
arr2["4294967295"] = 1;
assertEq(arr2.length, 0);

// String wrappers: indexed characters are read-only, length is own.
var sw = new String("abc");
assertEq(sw[1], "b");
assertEq(sw.length, 3);
sw[1] = "z";
assertEq(sw[1], "b");
assertArrayEq(Object.getOwnPropertyNames(sw), ["0", "1", "2", "length"]);
assertEq("abc"[2], "c");
assertEq("abc".length, 3);
assertTrue(1 in sw);
assertFalse(3 in sw);

// Prototype chains and setPrototypeOf cycles.
var p1 = {}, p2 = Object.create(p1);
assertThrows(function () { Object.setPrototypeOf(p1, p2); }, TypeError);
assertEq(Object.getPrototypeOf(p2), p1);
var np = Object.create(null);
np.x = 1;
assertEq(Object.getPrototypeOf(np), null);
assertEq(np.x, 1);

// Error messages for property access on null/undefined.
var m1 = "";
try { var u; u.foo; } catch (e) { m1 = e.message; assertTrue(e instanceof TypeError); }
assertEq(m1, "Cannot read properties of undefined (reading 'foo')");
var m2 = "";
try { null.bar = 1; } catch (e) { m2 = e.message; }
assertEq(m2, "Cannot set properties of null (setting 'bar')");

// -0 and numeric keys canonicalize to the same property as their string form.
var nz = {};
nz[-0] = "zero";
assertEq(nz["0"], "zero");
assertArrayEq(Object.keys(nz), ["0"]);
var nk = {};
nk[1.5] = "a";
nk[1e21] = "b";
assertEq(nk["1.5"], "a");
assertEq(nk["1e+21"], "b");
var arrz = [];
arrz[-0] = 1;
assertEq(arrz.length, 1);

// Symbols survive dictionary mode.
var symObj = { a: 1 };
var sy = Symbol("k");
symObj[sy] = 2;
symObj.b = 3;
delete symObj.a;
assertEq(symObj[sy], 2);
assertEq(Object.getOwnPropertySymbols(symObj).length, 1);

// Object.prototype is an immutable prototype exotic object.
assertThrows(function () { Object.setPrototypeOf(Object.prototype, {}); }, TypeError);
assertEq(Object.setPrototypeOf(Object.prototype, null), Object.prototype);
