// flags: --test262
// Immutable ArrayBuffers (TC39 proposal): creation, the getters, reads, and every refusal of
// ArrayBuffer.prototype methods and of detaching.
var src = new ArrayBuffer(4);
new Uint8Array(src).set([1, 2, 3, 4]);
assertFalse(src.immutable);
var ib = src.transferToImmutable();
assertTrue(src.detached, "transferToImmutable detaches the source");
assertTrue(ib.immutable);
assertFalse(ib.resizable);
assertFalse(ib.detached);
assertEq(ib.byteLength, 4);
assertEq(ib.maxByteLength, 4);
assertArrayEq(new Uint8Array(ib), [1, 2, 3, 4]);
assertEq(Object.prototype.toString.call(ib), "[object ArrayBuffer]");

// Longer and shorter copies; a resizable source gives a fixed-length immutable buffer.
var r = new ArrayBuffer(2, { maxByteLength: 8 });
new Uint8Array(r).set([7, 8]);
var big = r.transferToImmutable(5);
assertArrayEq(new Uint8Array(big), [7, 8, 0, 0, 0]);
assertFalse(big.resizable);
assertEq(big.maxByteLength, 5);
var s2 = new ArrayBuffer(3);
new Uint8Array(s2).set([9, 8, 7]);
assertArrayEq(new Uint8Array(s2.transferToImmutable(1)), [9]);
assertEq(new ArrayBuffer(0).transferToImmutable().byteLength, 0);
assertThrows(function () { new ArrayBuffer(1).transferToImmutable(-1); }, RangeError);

// sliceToImmutable copies and leaves the source alone; it works on immutable sources too.
var m = new ArrayBuffer(6);
new Uint8Array(m).set([0, 1, 2, 3, 4, 5]);
var sl = m.sliceToImmutable(1, -1);
assertTrue(sl.immutable);
assertFalse(m.detached);
assertArrayEq(new Uint8Array(sl), [1, 2, 3, 4]);
new Uint8Array(m)[1] = 42; // the slice is a copy
assertEq(new Uint8Array(sl)[0], 1);
assertArrayEq(new Uint8Array(sl.sliceToImmutable(2)), [3, 4]);
assertArrayEq(new Uint8Array(m.sliceToImmutable()), [0, 42, 2, 3, 4, 5]);
// A receiver shrunk below the end while the arguments were converted: RangeError.
var rs = new ArrayBuffer(8, { maxByteLength: 8 });
assertThrows(function () { rs.sliceToImmutable(0, { valueOf: function () { rs.resize(2); return 4; } }); }, RangeError);
var det = new ArrayBuffer(4);
assertThrows(function () { det.sliceToImmutable(0, { valueOf: function () { $262.detachArrayBuffer(det); return 1; } }); }, TypeError);

// Plain slice of an immutable buffer gives a mutable copy; a species constructor may not return
// an immutable buffer.
var copy = ib.slice(1, 3);
assertFalse(copy.immutable);
assertArrayEq(new Uint8Array(copy), [2, 3]);
var host = new ArrayBuffer(4);
host.constructor = {};
host.constructor[Symbol.species] = function (n) { return new ArrayBuffer(n).transferToImmutable(); };
assertThrows(function () { host.slice(); }, TypeError);

// Never detached, transferred or resized.
var e;
e = assertThrows(function () { ib.transfer(); }, TypeError);
assertTrue(/immutable/.test(e.message), e.message);
assertThrows(function () { ib.transferToFixedLength(); }, TypeError);
assertThrows(function () { ib.transferToImmutable(); }, TypeError);
assertThrows(function () { ib.resize(0); }, TypeError);
e = assertThrows(function () { $262.detachArrayBuffer(ib); }, TypeError);
assertTrue(/immutable/.test(e.message), e.message);
assertFalse(ib.detached);
assertArrayEq(new Uint8Array(ib), [1, 2, 3, 4]);

// Argument conversion happens before the immutability check of transfer (spec order).
var calls = 0;
assertThrows(function () { ib.transferToImmutable({ valueOf: function () { calls++; return 1; } }); }, TypeError);
assertEq(calls, 1);

// Receivers: SharedArrayBuffers and non-buffers are refused by the new members.
var getter = Object.getOwnPropertyDescriptor(ArrayBuffer.prototype, "immutable").get;
assertThrows(function () { getter.call(new SharedArrayBuffer(1)); }, TypeError);
assertThrows(function () { getter.call({}); }, TypeError);
assertThrows(function () { ArrayBuffer.prototype.transferToImmutable.call(new SharedArrayBuffer(1)); }, TypeError);
assertThrows(function () { ArrayBuffer.prototype.sliceToImmutable.call(new SharedArrayBuffer(1)); }, TypeError);
assertEq(ArrayBuffer.prototype.transferToImmutable.length, 0);
assertEq(ArrayBuffer.prototype.sliceToImmutable.length, 2);

// Reads through every kind of view work, including DataView getters and subarray.
var f = new Float64Array([1.5, -2]).buffer.transferToImmutable();
var fv = new Float64Array(f);
assertArrayEq(fv, [1.5, -2]);
assertEq(new DataView(f).getFloat64(8, true), -2);
assertArrayEq(fv.subarray(1), [-2]);
assertTrue(fv.subarray(1).buffer === f);
assertArrayEq(fv.slice(0, 1), [1.5]);
assertArrayEq(fv.map(function (x) { return x * 2; }), [3, -4]);
assertArrayEq(fv.filter(function (x) { return x > 0; }), [1.5]);
assertArrayEq(fv.toReversed(), [-2, 1.5]);
assertArrayEq(fv.toSorted(), [-2, 1.5]);
assertArrayEq(fv.with(0, 9), [9, -2]);
assertEq(fv.join(), "1.5,-2");
assertEq(fv.indexOf(-2), 1);
assertArrayEq(Array.from(fv.entries()).map(String), ["0,1.5", "1,-2"]);
var b64 = new Uint8Array(new Uint8Array([102, 111, 111]).buffer.transferToImmutable());
assertEq(b64.toBase64(), "Zm9v");
assertEq(b64.toHex(), "666f6f");
var bi = new BigInt64Array(new BigInt64Array([5n]).buffer.transferToImmutable());
assertEq(bi[0], 5n);
assertEq(Atomics.load(bi, 0), 5n);
