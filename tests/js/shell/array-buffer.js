// ArrayBuffer basics: constructor, byteLength, slice (with negative indices and species), isView,
// detached, transfer.
assertEq(typeof ArrayBuffer, "function");
assertEq(ArrayBuffer.length, 1);
assertThrows(function () { ArrayBuffer(4); }, TypeError);
assertThrows(function () { new ArrayBuffer(-1); }, RangeError);
var b = new ArrayBuffer(10);
assertEq(b.byteLength, 10);
assertEq(new ArrayBuffer().byteLength, 0);
assertEq(new ArrayBuffer(3.7).byteLength, 3);
assertEq(Object.prototype.toString.call(b), "[object ArrayBuffer]");
assertFalse(b.detached);
assertFalse(b.resizable);
assertEq(b.maxByteLength, 10);
assertEq(b.slice(2).byteLength, 8);
assertEq(b.slice(-3).byteLength, 3);
assertEq(b.slice(2, -2).byteLength, 6);
assertEq(b.slice(8, 2).byteLength, 0);
assertTrue(b.slice(0) !== b);
assertFalse(ArrayBuffer.isView(b));
assertFalse(ArrayBuffer.isView({}));
assertEq(ArrayBuffer[Symbol.species], ArrayBuffer);
var getter = Object.getOwnPropertyDescriptor(ArrayBuffer.prototype, "byteLength").get;
assertThrows(function () { getter.call({}); }, TypeError);
assertThrows(function () { ArrayBuffer.prototype.slice.call({}, 0); }, TypeError);
assertThrows(function () { b.resize(3); }, TypeError);
assertThrows(function () { new ArrayBuffer(1, { maxByteLength: 4 }); }, TypeError);
// A species constructor that returns too small a buffer is rejected.
var sp = new ArrayBuffer(8);
sp.constructor = {};
sp.constructor[Symbol.species] = function (n) { return new ArrayBuffer(1); };
assertThrows(function () { sp.slice(0, 4); }, TypeError);
// transfer moves the contents and detaches the source.
var t = new ArrayBuffer(4);
var moved = t.transfer();
assertTrue(t.detached);
assertEq(t.byteLength, 0);
assertEq(moved.byteLength, 4);
assertEq(moved.transfer(2).byteLength, 2);
assertTrue(moved.detached);
assertThrows(function () { moved.transfer(); }, TypeError);
