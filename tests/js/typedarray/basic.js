// Construction, element access, conversions and the integer-indexed exotic behaviour.
var a = new Int8Array(4);
assertEq(a.length, 4);
a[0] = 200; a[1] = -129; a[2] = 1.9; a[3] = NaN;
assertArrayEq(Array.from(a), [-56, 127, 1, 0]);
var u = new Uint8ClampedArray([300, -5, 1.5, 2.5, 0.5, NaN]);
assertArrayEq(Array.from(u), [255, 0, 2, 2, 0, 0]);
var u32 = new Uint32Array([-1]);
assertEq(u32[0], 4294967295);
var f32 = new Float32Array([1.1]);
assertEq(f32[0], Math.fround(1.1));
var f16 = new Float16Array([1.1, 65520, 65519, 1e-8, -0]);
assertEq(f16[0], Math.f16round(1.1));
assertEq(f16[1], Infinity);
assertEq(f16[2], 65504);
assertEq(f16[3], Math.f16round(1e-8));
assertEq(1 / f16[4], -Infinity);
// Canonical numeric strings never reach the ordinary properties.
a["-0"] = 5;
assertEq(a["-0"], undefined);
a["1.5"] = 5;
assertEq(a["1.5"], undefined);
assertEq("1.5" in a, false);
assertEq("01" in a, false);
a["01"] = 7;
assertEq(a["01"], 7);
assertEq(a[10], undefined);
assertEq(10 in a, false);
assertEq(2 in a, true);
assertArrayEq(Object.keys(new Int16Array(3)), ["0", "1", "2"]);
assertEq(delete a[0], false);
assertEq(delete a[10], true);
// Construction from buffers, typed arrays, iterables and array-likes.
var buf = new ArrayBuffer(8);
var i32 = new Int32Array(buf, 4);
assertEq(i32.length, 1);
assertEq(i32.byteOffset, 4);
i32[0] = -1;
assertArrayEq(Array.from(new Uint8Array(buf)), [0, 0, 0, 0, 255, 255, 255, 255]);
assertThrows(function () { new Int32Array(buf, 3); }, RangeError);
assertThrows(function () { new Int32Array(buf, 0, 3); }, RangeError);
assertThrows(function () { Int8Array(1); }, TypeError);
assertArrayEq(Array.from(new Float64Array(new Int8Array([1, -2]))), [1, -2]);
assertArrayEq(Array.from(new Int8Array((function* () { yield 1; yield 2; yield 3; })())), [1, 2, 3]);
assertArrayEq(Array.from(new Int8Array({length: 2, 0: 5, 1: 6})), [5, 6]);
assertEq(Object.getPrototypeOf(Int8Array), Object.getPrototypeOf(Uint8Array));
assertEq(Int16Array.BYTES_PER_ELEMENT, 2);
assertEq(Object.prototype.toString.call(new Uint8Array(1)), "[object Uint8Array]");
assertEq(typeof BigInt64Array, "function"); // BigInt kinds: tests/js/bigint/typed-arrays.js
