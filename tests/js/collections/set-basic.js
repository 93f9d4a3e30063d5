// Set basics and the ES2025 set methods.
var s = new Set([1, 2, 2, -0, NaN, NaN]);
assertEq(s.size, 4);
assertEq(s.has(0), true);
assertEq(s.has(NaN), true);
assertEq(Set.prototype.keys, Set.prototype.values);
assertEq(Set.prototype[Symbol.iterator], Set.prototype.values);
assertArrayEq([...new Set([3, 1]).entries()].map(String), ['3,3', '1,1']);

var a = new Set([1, 2, 3]), b = new Set([2, 3, 4]);
assertArrayEq([...a.union(b)], [1, 2, 3, 4]);
assertArrayEq([...a.intersection(b)], [2, 3]);
assertArrayEq([...a.difference(b)], [1]);
assertArrayEq([...a.symmetricDifference(b)], [1, 4]);
assertEq(new Set([2]).isSubsetOf(a), true);
assertEq(a.isSubsetOf(b), false);
assertEq(a.isSupersetOf(new Set([1, 3])), true);
assertEq(a.isDisjointFrom(new Set([7])), true);
assertEq(a.isDisjointFrom(b), false);

// Set-like objects (GetSetRecord) and their errors.
var like = { size: 2, has: function (x) { return x === 1; }, keys: function () { return [1, 5].values(); } };
assertArrayEq([...a.union(like)], [1, 2, 3, 5]);
assertArrayEq([...a.intersection(like)], [1]);
assertThrows(function () { a.union([1]); }, TypeError);              // size undefined -> NaN
assertThrows(function () { a.union({ size: -1, has() {}, keys() {} }); }, RangeError);
assertThrows(function () { a.union({ size: 1, has: 1, keys() {} }); }, TypeError);
assertThrows(function () { a.union(1); }, TypeError);

// forEach with deletion during iteration.
var d = new Set([1, 2, 3]);
var seen = [];
d.forEach(function (v) { seen.push(v); if (v === 1) d.delete(2); });
assertArrayEq(seen, [1, 3]);
assertThrows(function () { Set.prototype.add.call(new Map(), 1); }, TypeError);
assertThrows(function () { Set(); }, TypeError);
