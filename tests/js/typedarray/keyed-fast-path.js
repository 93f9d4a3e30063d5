// The interpreter reads and writes typed-array elements directly for an int32 index
// (interp-elements.h). These check every element kind through that path and each of its guards:
// out of bounds, detached buffer, shrunk resizable buffer, length-tracking views, non-number
// values (ToNumber runs user code), and conversions at the edges.

function roundTrip(C, values, expected) {
  var a = new C(values.length);
  for (var i = 0; i < values.length; i++) a[i] = values[i];
  for (var i = 0; i < values.length; i++) assertEq(a[i], expected[i], C.name + " [" + i + "]");
}
roundTrip(Int8Array, [0, 127, 128, -129, 255, 1.9, -1.9, NaN, Infinity, 2147483648, -0],
          [0, 127, -128, 127, -1, 1, -1, 0, 0, 0, 0]);
roundTrip(Uint8Array, [0, 255, 256, -1, 3.7, NaN, 4294967297], [0, 255, 0, 255, 3, 0, 1]);
roundTrip(Uint8ClampedArray, [0, 255, 256, -1, 1.5, 2.5, 254.5, NaN, -Infinity, Infinity, 1000],
          [0, 255, 255, 0, 2, 2, 254, 0, 0, 255, 255]);
roundTrip(Int16Array, [32767, 32768, -32769, 65535, 1e10], [32767, -32768, 32767, -1, -7168]);
roundTrip(Uint16Array, [65535, 65536, -1, 70000.5], [65535, 0, 65535, 4464]);
roundTrip(Int32Array, [2147483647, 2147483648, -2147483649, 4294967295, 1e20, -0.5],
          [2147483647, -2147483648, 2147483647, -1, 1661992960, 0]);
roundTrip(Uint32Array, [4294967295, -1, 2147483648, 4294967296, 3.99], [4294967295, 4294967295, 2147483648, 0, 3]);
roundTrip(Float32Array, [1.5, 0.1, -0, 1e40, NaN, 7], [1.5, Math.fround(0.1), -0, Infinity, NaN, 7]);
roundTrip(Float64Array, [1.5, 0.1, -0, 1e308, NaN, -7], [1.5, 0.1, -0, 1e308, NaN, -7]);

// A Uint32 element above INT32_MAX reads back as the positive number (not a negative int).
var u32 = new Uint32Array(1);
u32[0] = -2;
assertEq(u32[0], 4294967294);
assertTrue(u32[0] > 0);

// Out of bounds: reads give undefined, writes are ignored and add no property.
var ta = new Int32Array(4);
for (var i = 0; i < 8; i++) ta[i] = i + 1;
assertArrayEq(ta, [1, 2, 3, 4]);
for (var i = 4; i < 8; i++) assertEq(ta[i], undefined);
assertFalse(Object.prototype.hasOwnProperty.call(ta, "5"));
// Integer-indexed access never consults the prototype chain.
Int32Array.prototype[10] = "proto";
Object.prototype[11] = "proto";
assertEq(ta[10], undefined);
assertEq(ta[11], undefined);
delete Int32Array.prototype[10];
delete Object.prototype[11];

// A view with a byte offset into a shared buffer.
var buf = new ArrayBuffer(16);
var whole = new Uint8Array(buf);
var part = new Uint16Array(buf, 4, 2);
part[0] = 0x0102;
part[1] = 0xffff;
part[2] = 7; // out of the view: ignored
assertEq(part[2], undefined);
assertEq(whole[8], 0);
assertEq(whole[4] + whole[5] * 256, 0x0102);
assertEq(whole[6], 255);

// A detached buffer: every index is invalid; reads give undefined, writes are ignored.
var dbuf = new ArrayBuffer(8);
var dview = new Float64Array(dbuf);
dview[0] = 3.25;
assertEq(dview[0], 3.25);
dbuf.transfer();
for (var i = 0; i < 3; i++) {
  assertEq(dview[0], undefined);
  dview[0] = 9;
  assertEq(dview[0], undefined);
}

// ToNumber of a non-number value runs user code first; a detach in it makes the store a no-op.
var tbuf = new ArrayBuffer(4);
var tview = new Int32Array(tbuf);
var calls = 0;
tview[0] = { valueOf: function () { calls++; return 42; } };
assertEq(calls, 1);
assertEq(tview[0], 42);
tview[0] = { valueOf: function () { tbuf.transfer(); return 7; } };
assertEq(tview[0], undefined);
assertThrows(function () { var t = new Int8Array(1); t[0] = Symbol(); }, TypeError);
var sview = new Uint8Array(2);
sview[1] = "200";
assertEq(sview[1], 200);
sview[0] = true;
assertEq(sview[0], 1);

// Resizable buffers: a fixed-length view goes out of bounds when the buffer shrinks below it,
// and comes back when it grows; a length-tracking view follows the length.
var rbuf = new ArrayBuffer(8, { maxByteLength: 16 });
var fixed = new Uint8Array(rbuf, 0, 8);
var tracking = new Uint8Array(rbuf, 4);
for (var i = 0; i < 8; i++) fixed[i] = i + 10;
assertEq(tracking.length, 4);
assertEq(tracking[3], 17);
assertEq(tracking[4], undefined);
rbuf.resize(6);
assertEq(fixed[0], undefined, "fixed view out of bounds after shrink");
fixed[0] = 99;
assertEq(tracking.length, 2);
assertEq(tracking[1], 15);
assertEq(tracking[2], undefined);
tracking[2] = 5; // past the tracking length: ignored
rbuf.resize(16);
assertEq(fixed[0], 10, "the shrink-time write was ignored");
assertEq(tracking.length, 12);
tracking[11] = 1;
assertEq(new Uint8Array(rbuf)[15], 1);
rbuf.resize(3); // below the tracking view's offset: out of bounds
assertEq(tracking[0], undefined);
tracking[0] = 1;
assertEq(tracking.length, 0);

// Negative and non-int keys take the generic path (canonical numeric strings are not properties).
var g = new Int8Array(2);
g[-1] = 5;
assertEq(g[-1], undefined);
g[1.5] = 5;
assertEq(g[1.5], undefined);
g["1"] = 6;
assertEq(g[1], 6);
var big = 2147483648;
g[big] = 1;
assertEq(g[big], undefined);

// Subclass instances are still integer-indexed exotic objects.
class MyBytes extends Uint8Array {}
var mb = new MyBytes(2);
mb[0] = 300;
assertEq(mb[0], 44);
assertEq(mb[2], undefined);

// Float16Array elements go through the generic path for ints and the conversion for doubles.
if (typeof Float16Array === "function") {
  roundTrip(Float16Array, [1, 1.5, 65504, 65520, 0.1, -2, NaN], [1, 1.5, 65504, Infinity, 0.0999755859375, -2, NaN]);
}
