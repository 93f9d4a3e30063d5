// Every writer refuses a view of an immutable ArrayBuffer, and the bytes never change.
function imm(TA, values) { return new TA(new TA(values).buffer.transferToImmutable()); }

var u = imm(Uint8Array, [1, 2, 3, 4]);
function unchanged(msg) { assertArrayEq(u, [1, 2, 3, 4], msg); }

// Element stores: sloppy code ignores them, strict code throws (the interpreter fast path and
// the generic [[Set]] alike: string keys, numeric keys, doubles, out of range, Reflect).
(function () { u[0] = 9; u[3] = 9.5; u["1"] = 9; })();
unchanged("sloppy stores");
assertThrows(function () { "use strict"; u[0] = 9; }, TypeError);
assertThrows(function () { "use strict"; u[2] = 1.5; }, TypeError);
assertThrows(function () { "use strict"; u["1"] = 9; }, TypeError);
(function () { "use strict"; u[10] = 1; })(); // not a valid index: no-op, like any typed array
assertFalse(Reflect.set(u, 0, 9));
assertTrue(Reflect.set(u, 10, 9));
unchanged("strict stores");
for (var i = 0; i < 100; i++) u[i & 3] = i; // a hot loop stays on the refusing path
unchanged("hot loop");
assertThrows(function () { "use strict"; for (var i = 0; i < 100; i++) u[i & 3] = i; }, TypeError);
var kinds = [Int8Array, Uint8Array, Uint8ClampedArray, Int16Array, Uint16Array, Int32Array,
             Uint32Array, Float16Array, Float32Array, Float64Array];
kinds.forEach(function (TA) {
  var t = imm(TA, [1, 2]);
  t[0] = 7; t[1] = 7.25;
  assertArrayEq(t, [1, 2], TA.name);
  assertThrows(function () { "use strict"; t[1] = 3; }, TypeError, TA.name);
});
var big = imm(BigUint64Array, [1n]);
big[0] = 2n;
assertEq(big[0], 1n);
assertThrows(function () { "use strict"; big[0] = 2n; }, TypeError);

// Property descriptors: elements are non-writable and non-configurable; redefining with the same
// value succeeds, any change fails. Object.freeze and isFrozen work.
var d = Object.getOwnPropertyDescriptor(u, "0");
assertEq(d.value, 1);
assertFalse(d.writable);
assertFalse(d.configurable);
assertTrue(d.enumerable);
assertTrue(Reflect.defineProperty(u, "0", { value: 1 }));
assertTrue(Reflect.defineProperty(u, "0", { value: 1, writable: false, configurable: false, enumerable: true }));
assertFalse(Reflect.defineProperty(u, "0", { value: 2 }));
assertFalse(Reflect.defineProperty(u, "0", { writable: true }));
assertFalse(Reflect.defineProperty(u, "0", { configurable: true }));
assertThrows(function () { Object.defineProperty(u, "0", { value: 5 }); }, TypeError);
assertTrue(Object.freeze(u) === u);
assertTrue(Object.isFrozen(u));
assertFalse(Object.isFrozen(new Uint8Array(2)));
assertFalse(delete u[0]);
unchanged("defineProperty");

// %TypedArray%.prototype writers, checked before their arguments are read.
var touched = 0;
var spy = { valueOf: function () { touched++; return 0; } };
assertThrows(function () { u.fill(spy); }, TypeError);
assertThrows(function () { u.copyWithin(spy, 1); }, TypeError);
assertThrows(function () { u.reverse(); }, TypeError);
assertThrows(function () { u.sort(); }, TypeError);
assertThrows(function () { u.sort(function () { touched++; return 0; }); }, TypeError);
assertThrows(function () { u.set([1], spy); }, TypeError);
assertThrows(function () { u.set(new Uint8Array(1)); }, TypeError);
assertThrows(function () { u.setFromBase64("AA=="); }, TypeError);
assertThrows(function () { u.setFromHex(""); }, TypeError);
assertEq(touched, 0);
var e = assertThrows(function () { u.fill(0); }, TypeError);
assertTrue(/immutable/.test(e.message), e.message);
// Generic Array methods write with [[Set]] and throw.
assertThrows(function () { Array.prototype.fill.call(u, 0); }, TypeError);
assertThrows(function () { Array.prototype.reverse.call(u); }, TypeError);
unchanged("methods");

// Results made through a constructor or species that returns an immutable-backed array.
var backing = new Uint8Array(4).buffer.transferToImmutable();
function Ctor() { return new Uint8Array(backing); }
assertThrows(function () { Uint8Array.from.call(Ctor, [1]); }, TypeError);
assertThrows(function () { Uint8Array.of.call(Ctor, 1); }, TypeError);
var ex = new Uint8Array([1, 2]);
ex.constructor = {};
ex.constructor[Symbol.species] = Ctor;
assertThrows(function () { ex.map(function (x) { return x; }); }, TypeError);
assertThrows(function () { ex.filter(function () { return true; }); }, TypeError);
assertThrows(function () { ex.slice(); }, TypeError);
assertEq(ex.subarray(0).length, 4, "subarray only reads, so it accepts the species result");
assertArrayEq(new Uint8Array(backing), [0, 0, 0, 0]);

// DataView setters, before converting their arguments.
var dv = new DataView(new ArrayBuffer(8).transferToImmutable());
["Int8", "Uint8", "Int16", "Uint16", "Int32", "Uint32", "Float16", "Float32", "Float64"].forEach(function (k) {
  assertThrows(function () { dv["set" + k](spy, spy); }, TypeError, k);
});
assertThrows(function () { dv.setBigInt64(0, 1n); }, TypeError);
assertThrows(function () { dv.setBigUint64(0, 1n); }, TypeError);
assertEq(touched, 0);
assertEq(dv.getFloat64(0), 0);

// Atomics: every write refuses (before the index is read); load and notify work.
var ia = imm(Int32Array, [5, 6]);
["add", "and", "exchange", "or", "store", "sub", "xor"].forEach(function (op) {
  assertThrows(function () { Atomics[op](ia, spy, 1); }, TypeError, op);
});
assertThrows(function () { Atomics.compareExchange(ia, spy, 5, 1); }, TypeError);
assertEq(touched, 0);
assertEq(Atomics.load(ia, 1), 6);
assertEq(Atomics.notify(ia, 0, 1), 0);
assertArrayEq(ia, [5, 6]);
