// Map: SameValueZero keys, insertion order, live iteration across delete/add/rehash/clear.
var m = new Map([[1, 'a'], [2, 'b']]);
m.set(-0, 'zero').set(NaN, 'nan').set('s', 'str');
assertEq(m.size, 5);
assertEq(m.get(0), 'zero');
assertEq(Object.is([...m.keys()][2], 0), true); // -0 normalized to +0
assertEq(m.get(NaN), 'nan');
assertEq(m.get('s'), 'str');
assertEq(m.get(1.0), 'a');
assertEq(m.has(3), false);
assertEq(m.delete(2), true);
assertEq(m.delete(2), false);
assertArrayEq([...m.keys()].map(String), ['1', '0', 'NaN', 's']);

// Strings compare by content, objects by identity.
var k1 = 'ab' + 'c', k2 = 'a' + 'bc';
m.set(k1, 1);
assertEq(m.get(k2), 1);
var o = {};
m.set(o, 'obj');
assertEq(m.get({}), undefined);
assertEq(m.get(o), 'obj');

// Iteration sees entries added during iteration and skips deleted ones.
var it = new Map([[1, 1], [2, 2], [3, 3]]);
var seen = [];
for (var [k] of it) {
  seen.push(k);
  if (k === 1) { it.delete(2); it.set(4, 4); }
}
assertArrayEq(seen, [1, 3, 4]);

// An iterator survives a rehash (many deletes then inserts) and a clear.
var big = new Map();
for (var i = 0; i < 1000; i++) big.set('k' + i, i);
var keys = big.keys();
assertEq(keys.next().value, 'k0');
for (var i = 0; i < 990; i++) big.delete('k' + i);
for (var i = 0; i < 100; i++) big.set('n' + i, i);
var rest = [...keys];
assertEq(rest.length, 110);
assertEq(rest[0], 'k990');
assertEq(rest[109], 'n99');
var c = new Map([[1, 1], [2, 2]]);
var ci = c.values();
assertEq(ci.next().value, 1);
c.clear();
c.set(9, 9);
assertArrayEq([...ci], [9]);
assertEq(ci.next().done, true);

// forEach with mutation.
var f = new Map([['a', 1], ['b', 2]]);
var log = [];
f.forEach(function (v, k, map) { log.push(k + v); if (k === 'a') map.set('c', 3); assertEq(this.t, 1); }, {t: 1});
assertArrayEq(log, ['a1', 'b2', 'c3']);

// groupBy, getOrInsert, getOrInsertComputed.
var g = Map.groupBy([1, 2, 3, 4, 5], function (x) { return x % 2 ? 'odd' : 'even'; });
assertArrayEq([...g.keys()], ['odd', 'even']);
assertArrayEq(g.get('odd'), [1, 3, 5]);
var u = new Map();
assertEq(u.getOrInsert('x', 1), 1);
assertEq(u.getOrInsert('x', 2), 1);
assertEq(u.getOrInsertComputed('y', function (k) { return k + '!'; }), 'y!');
assertEq(u.getOrInsertComputed('y', function () { throw new Error('not called'); }), 'y!');
assertThrows(function () { u.getOrInsertComputed('z', 1); }, TypeError);

// Errors.
assertThrows(function () { Map(); }, TypeError);
assertThrows(function () { Map.prototype.get.call({}, 1); }, TypeError);
assertThrows(function () { Map.prototype.get.call(new Set(), 1); }, TypeError);
assertThrows(function () { new Map([1]); }, TypeError);
assertThrows(function () { new Map(5); }, TypeError);
assertEq(Object.prototype.toString.call(new Map().entries()), '[object Map Iterator]');
assertEq(Map.prototype[Symbol.iterator], Map.prototype.entries);
assertEq(Map[Symbol.species], Map);

// Subclassing uses the overridden set.
class M2 extends Map { set(k, v) { return super.set(k, v * 2); } }
assertEq(new M2([['a', 1]]).get('a'), 2);
