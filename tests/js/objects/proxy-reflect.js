// Proxy traps and invariants; Reflect as the internal methods made callable.
var log = [];
var p = new Proxy({ a: 1 }, {
  get: function (t, k, r) { log.push("get " + String(k)); return Reflect.get(t, k, r); },
  has: function (t, k) { log.push("has " + String(k)); return k in t; },
  set: function (t, k, v, r) { log.push("set " + String(k)); return Reflect.set(t, k, v * 10); },
  deleteProperty: function (t, k) { log.push("delete " + String(k)); return delete t[k]; }
});
assertEq(p.a, 1);
assertEq(p.b, undefined);
assertTrue("a" in p);
p.c = 2;
assertEq(p.c, 20);
assertTrue(delete p.c);
assertArrayEq(log, ["get a", "get b", "has a", "set c", "get c", "delete c"]);

// Index keys reach traps as strings.
var seen;
var ip = new Proxy([], { get: function (t, k) { seen = k; return 1; } });
ip[3];
assertEq(typeof seen, "string");
assertEq(seen, "3");

// Callable and constructible proxies.
var fp = new Proxy(function (x) { return x * 2; }, {
  apply: function (t, th, args) { return t.apply(th, args) + 1; }
});
assertEq(typeof fp, "function");
assertEq(fp(5), 11);
function Base(v) { this.v = v; }
var cp = new Proxy(Base, {
  construct: function (t, args, nt) { var o = Reflect.construct(t, args, nt); o.tagged = true; return o; }
});
var inst = new cp(3);
assertEq(inst.v, 3);
assertTrue(inst.tagged);
assertTrue(inst instanceof Base);
assertThrows(function () { new (new Proxy({}, {}))(); }, TypeError);
assertThrows(function () { new (new Proxy(function () {}, { construct: function () { return 1; } }))(); }, TypeError);
assertEq(typeof new Proxy({}, {}), "object");

// Revocation.
var r = Proxy.revocable({}, {});
assertEq(r.proxy.x, undefined);
r.revoke();
var m = "";
try { r.proxy.x; } catch (e) { m = e.message; assertTrue(e instanceof TypeError); }
assertEq(m, "Cannot perform 'get' on a proxy that has been revoked");
assertThrows(function () { Array.isArray(r.proxy); }, TypeError);
assertThrows(function () { Proxy({}, {}); }, TypeError);
assertThrows(function () { new Proxy(1, {}); }, TypeError);

// Invariants.
var target = {};
Object.defineProperty(target, "fixed", { value: 1 });
assertThrows(function () { Object.keys(new Proxy(target, { ownKeys: function () { return []; } })); }, TypeError);
assertThrows(function () { new Proxy(target, { get: function () { return 2; } }).fixed; }, TypeError);
assertThrows(function () { Object.getOwnPropertyDescriptor(new Proxy(target, { getOwnPropertyDescriptor: function () {} }), "fixed"); }, TypeError);
assertThrows(function () { "fixed" in new Proxy(target, { has: function () { return false; } }); }, TypeError);
assertThrows(function () { Reflect.ownKeys(new Proxy({}, { ownKeys: function () { return ["a", "a"]; } })); }, TypeError);
assertThrows(function () { Reflect.ownKeys(new Proxy({}, { ownKeys: function () { return [1]; } })); }, TypeError);
var frozen = Object.preventExtensions({ k: 1 });
assertThrows(function () { Object.isExtensible(new Proxy(frozen, { isExtensible: function () { return true; } })); }, TypeError);

// ownKeys order comes from the trap; Object.keys filters by enumerability.
var kp = new Proxy({ x: 1 }, { ownKeys: function () { return ["z", "x", "0"]; } });
assertArrayEq(Reflect.ownKeys(kp), ["z", "x", "0"]);
assertArrayEq(Object.keys(kp), ["x"]);

// Proxies in the prototype chain.
var chainLog = [];
var protoProxy = new Proxy({ inherited: 7 }, {
  get: function (t, k, rcv) { chainLog.push(String(k)); return Reflect.get(t, k, rcv); }
});
var child = Object.create(protoProxy);
child.own = 1;
assertEq(child.own, 1);
assertEq(child.inherited, 7);
assertArrayEq(chainLog, ["inherited"]);

// Reflect.
assertArrayEq(Reflect.ownKeys({ b: 1, 1: 2, a: 3 }), ["1", "b", "a"]);
assertTrue(Reflect.has({ x: 1 }, "x"));
assertFalse(Reflect.defineProperty(Object.freeze({}), "x", { value: 1 }));
assertTrue(Reflect.defineProperty({}, "x", { value: 1 }));
var ro = Object.defineProperty({}, "x", { value: 1 });
assertFalse(Reflect.set(ro, "x", 2));
assertFalse(Reflect.deleteProperty(ro, "x"));
assertEq(Reflect.getPrototypeOf([]), Array.prototype);
assertFalse(Reflect.setPrototypeOf(Object.preventExtensions({}), {}));
assertEq(Reflect.apply(Math.max, null, [1, 3, 2]), 3);
var rcv = { y: 5 };
assertEq(Reflect.get({ get x() { return this.y; } }, "x", rcv), 5);
assertThrows(function () { Reflect.get(1, "x"); }, TypeError);
assertThrows(function () { Reflect.construct(function () {}, [], Math.max); }, TypeError);
function NT() { this.nt = new.target; }
function Other() {}
var made = Reflect.construct(NT, [], Other);
assertEq(made.nt, Other);
assertEq(Object.getPrototypeOf(made), Other.prototype);
assertEq(String(Reflect), "[object Reflect]");
