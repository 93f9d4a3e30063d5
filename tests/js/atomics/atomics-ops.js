// flags: --test262
// Atomics read-modify-write operations, load/store, compareExchange, isLockFree, pause, and the
// validation order of the spec.
var ia = new Int32Array(new SharedArrayBuffer(16));
assertEq(Object.prototype.toString.call(Atomics), "[object Atomics]");
assertEq(Atomics.add(ia, 0, 5), 0);
assertEq(Atomics.load(ia, 0), 5);
assertEq(Atomics.sub(ia, 0, 2), 5);
assertEq(Atomics.and(ia, 0, 6), 3);
assertEq(Atomics.or(ia, 0, 8), 2);
assertEq(Atomics.xor(ia, 0, 15), 10);
assertEq(Atomics.exchange(ia, 0, 42), 5);
assertEq(Atomics.compareExchange(ia, 0, 1, 7), 42); // no match: unchanged
assertEq(ia[0], 42);
assertEq(Atomics.compareExchange(ia, 0, 42, 7), 42);
assertEq(ia[0], 7);
assertEq(Atomics.store(ia, 1, 3.9), 3);
assertEq(ia[1], 3);
assertTrue(Object.is(Atomics.store(ia, 1, -0), 0));
assertEq(Atomics.store(ia, 1, "12"), 12);

// Wrap-around follows each element type.
var u8 = new Uint8Array(new SharedArrayBuffer(4));
assertEq(Atomics.add(u8, 0, 255), 0);
assertEq(Atomics.add(u8, 0, 2), 255);
assertEq(u8[0], 1);
var i16 = new Int16Array(4);  // non-shared buffers work too
assertEq(Atomics.sub(i16, 0, 1), 0);
assertEq(Atomics.load(i16, 0), -1);
var u32 = new Uint32Array(new SharedArrayBuffer(8));
assertEq(Atomics.sub(u32, 1, 1), 0);
assertEq(Atomics.load(u32, 1), 4294967295);
assertEq(Atomics.compareExchange(u8, 0, 257, 9), 1); // expected is converted to Uint8 first
assertEq(u8[0], 9);

// Validation: integer typed arrays only; Float/Clamped/plain objects are TypeErrors.
assertThrows(function () { Atomics.add(new Float64Array(4), 0, 1); }, TypeError);
assertThrows(function () { Atomics.add(new Uint8ClampedArray(4), 0, 1); }, TypeError);
assertThrows(function () { Atomics.load({}, 0); }, TypeError);
assertThrows(function () { Atomics.load(ia, 4); }, RangeError);
assertThrows(function () { Atomics.load(ia, -1); }, RangeError);
assertEq(Atomics.load(ia, "1"), 12);
// The index is checked before the value is converted.
var converted = false;
assertThrows(function () { Atomics.store(ia, 10, { valueOf: function () { converted = true; return 1; } }); }, RangeError);
assertFalse(converted);
// Revalidation after coercion: the value's valueOf detaches the buffer.
var ab = new ArrayBuffer(8), view = new Int32Array(ab);
assertThrows(function () {
  Atomics.store(view, 0, { valueOf: function () { $262.detachArrayBuffer(ab); return 1; } });
}, TypeError);
assertThrows(function () { Atomics.load(view, 0); }, TypeError);

assertTrue(Atomics.isLockFree(4));
assertFalse(Atomics.isLockFree(3));
assertEq(typeof Atomics.isLockFree(8), "boolean");
assertEq(Atomics.pause(), undefined);
assertEq(Atomics.pause(10), undefined);
assertThrows(function () { Atomics.pause(1.5); }, TypeError);
assertThrows(function () { Atomics.pause("1"); }, TypeError);
