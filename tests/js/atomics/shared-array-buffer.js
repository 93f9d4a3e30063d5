// flags: --test262
// SharedArrayBuffer: constructor, getters, growable buffers, slice with species, and views over
// shared memory; ArrayBuffer.prototype methods reject shared buffers and vice versa.
assertEq(typeof SharedArrayBuffer, "function");
assertEq(SharedArrayBuffer.length, 1);
assertThrows(function () { SharedArrayBuffer(4); }, TypeError);
assertThrows(function () { new SharedArrayBuffer(-1); }, RangeError);
var s = new SharedArrayBuffer(8);
assertEq(s.byteLength, 8);
assertFalse(s.growable);
assertEq(s.maxByteLength, 8);
assertEq(Object.prototype.toString.call(s), "[object SharedArrayBuffer]");
assertEq(Object.getPrototypeOf(s), SharedArrayBuffer.prototype);
assertEq(SharedArrayBuffer[Symbol.species], SharedArrayBuffer);
assertFalse(s instanceof ArrayBuffer);
// Brand checks both ways.
var abByteLength = Object.getOwnPropertyDescriptor(ArrayBuffer.prototype, "byteLength").get;
var sabByteLength = Object.getOwnPropertyDescriptor(SharedArrayBuffer.prototype, "byteLength").get;
assertThrows(function () { abByteLength.call(s); }, TypeError);
assertThrows(function () { sabByteLength.call(new ArrayBuffer(1)); }, TypeError);
assertThrows(function () { ArrayBuffer.prototype.slice.call(s, 0); }, TypeError);
assertThrows(function () { SharedArrayBuffer.prototype.slice.call(new ArrayBuffer(2), 0); }, TypeError);
assertThrows(function () { $262.detachArrayBuffer(s); }, TypeError);

// Views share the bytes.
var u8 = new Uint8Array(s);
var dv = new DataView(s, 2);
u8[2] = 0x12; u8[3] = 0x34;
assertEq(dv.getUint16(0), 0x1234);
assertEq(dv.byteLength, 6);
assertEq(u8.buffer, s);
assertTrue(ArrayBuffer.isView(dv));

// slice copies, with species.
var c = s.slice(2, 4);
assertEq(c.byteLength, 2);
assertArrayEq(Array.from(new Uint8Array(c)), [0x12, 0x34]);
assertTrue(c instanceof SharedArrayBuffer);
assertEq(s.slice(-2).byteLength, 2);
var ctorCalls = 0;
class Sub extends SharedArrayBuffer {
  constructor(n) { ctorCalls++; super(n); }
}
var sub = new Sub(4);
assertTrue(sub.slice(1) instanceof Sub);
assertEq(ctorCalls, 2);
s.constructor = { [Symbol.species]: function (n) { return s; } };
assertThrows(function () { s.slice(0); }, TypeError); // same buffer
s.constructor = { [Symbol.species]: function (n) { return new ArrayBuffer(n); } };
assertThrows(function () { s.slice(0); }, TypeError); // not shared
s.constructor = { [Symbol.species]: function (n) { return new SharedArrayBuffer(1); } };
assertThrows(function () { s.slice(0); }, TypeError); // too small

// Growable buffers: reserved up front, grow only.
var g = new SharedArrayBuffer(2, { maxByteLength: 8 });
assertTrue(g.growable);
assertEq(g.maxByteLength, 8);
var tracking = new Uint16Array(g);
var fixed = new Uint8Array(g, 0, 2);
assertEq(tracking.length, 1);
g.grow(6);
assertEq(g.byteLength, 6);
assertEq(tracking.length, 3);
assertEq(fixed.length, 2);
assertEq(new Uint8Array(g)[5], 0);
g.grow(6); // same length is fine
assertThrows(function () { g.grow(4); }, RangeError);
assertThrows(function () { g.grow(9); }, RangeError);
assertThrows(function () { s.grow(8); }, TypeError); // not growable
assertThrows(function () { new SharedArrayBuffer(4, { maxByteLength: 2 }); }, RangeError);
var dvt = new DataView(g);
assertEq(dvt.byteLength, 6);
g.grow(8);
assertEq(dvt.byteLength, 8);
// A non-object options argument is ignored.
assertFalse(new SharedArrayBuffer(0, 5).growable);
// A fixed-length view on a growable shared buffer keeps its length (shared buffers never
// shrink), so it can be made non-extensible; a length-tracking one cannot.
var gs = new SharedArrayBuffer(4, { maxByteLength: 8 });
assertTrue(Reflect.preventExtensions(new Uint8Array(gs, 0, 2)));
assertFalse(Reflect.preventExtensions(new Uint8Array(gs)));
assertFalse(Reflect.preventExtensions(new Uint8Array(new ArrayBuffer(4, { maxByteLength: 8 }), 0, 2)));
