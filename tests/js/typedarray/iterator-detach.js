// Iterating a typed array whose buffer is detached (or shrunk away) mid-iteration throws
// TypeError; the typed array's own length is used, not an overridden `length` getter.
var buf = new ArrayBuffer(4);
var ta = new Int8Array(buf);
var it = ta.values();
assertEq(it.next().value, 0);
buf.transfer();
assertThrows(function () { it.next(); }, TypeError);

var rab = new ArrayBuffer(4, { maxByteLength: 8 });
var tracking = new Uint8Array(rab, 2);
var keys = tracking.keys();
assertEq(keys.next().value, 0);
rab.resize(1);
assertThrows(function () { keys.next(); }, TypeError);

var plain = new Uint8Array([1, 2, 3]);
Object.defineProperty(plain, "length", { value: 1 });
var seen = [];
for (var v of plain) seen.push(v);
assertArrayEq(seen, [1, 2, 3]);
