// %ArrayIteratorPrototype%.next on a typed array whose buffer was detached throws a TypeError
// (TypedArrayLength of an out-of-bounds view), also after the first step.
var u = new Uint8Array(new ArrayBuffer(4));
var it = u.values();
assertEq(it.next().value, 0);
u.buffer.transfer();
assertThrows(() => it.next(), TypeError);

var v = new Uint8Array(new ArrayBuffer(2));
var keys = v.keys();
v.buffer.transfer(8);
assertThrows(() => keys.next(), TypeError);

// an iterator that already finished stays finished
var w = new Int16Array(1);
var done = w.entries();
done.next();
assertEq(done.next().done, true);
w.buffer.transfer();
assertEq(done.next().done, true);
