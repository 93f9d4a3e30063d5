// JSON refuses BigInts; Map and Set key BigInts by value.
var e = assertThrows(function () { JSON.stringify(1n); }, TypeError);
assertEq(e.message, "Do not know how to serialize a BigInt");
assertThrows(function () { JSON.stringify({ a: 1n }); }, TypeError);
assertThrows(function () { JSON.stringify([Object(1n)]); }, TypeError);
BigInt.prototype.toJSON = function () { return this.toString(); };
assertEq(JSON.stringify({ a: 12n }), '{"a":"12"}');
delete BigInt.prototype.toJSON;
var m = new Map();
m.set(10n ** 20n, "a");
m.set(1n, "b");
m.set(1, "c");
assertEq(m.get(10n ** 20n), "a");
assertEq(m.get(100000000000000000000n), "a");
assertEq(m.get(1n), "b");
assertEq(m.get(1), "c");
assertEq(m.size, 3);
var s = new Set([2n ** 70n, 2n ** 70n, -0n, 0n]);
assertEq(s.size, 2);
assertTrue(s.has(1180591620717411303424n));
// Many distinct keys spread over the buckets.
var big = new Map();
for (var i = 0n; i < 500n; i++) big.set(i * (2n ** 40n), i);
for (var j = 0n; j < 500n; j++) assertEq(big.get(j * (2n ** 40n)), j);
var ws = new WeakSet();
assertThrows(function () { ws.add(1n); }, TypeError);
