// The Iterator constructor, Iterator.from and the Iterator.prototype helpers (ES2025).
function* gen() { yield 1; yield 2; yield 3; yield 4; }
assertEq(typeof Iterator, "function");
assertThrows(function () { Iterator(); }, TypeError);
assertThrows(function () { new Iterator(); }, TypeError);
class MyIter extends Iterator { next() { return { done: true }; } }
assertTrue(new MyIter() instanceof Iterator);
assertEq(Iterator.prototype, Object.getPrototypeOf(Object.getPrototypeOf([][Symbol.iterator]())));
assertEq(Iterator.prototype[Symbol.toStringTag], "Iterator");
assertEq(Iterator.prototype.constructor, Iterator);
assertEq(Object.prototype.toString.call([].values()), "[object Array Iterator]");

assertArrayEq(gen().map(function (x, i) { return x * 10 + i; }).toArray(), [10, 21, 32, 43]);
assertArrayEq(gen().filter(function (x) { return x % 2 === 0; }).toArray(), [2, 4]);
assertArrayEq(gen().take(2).toArray(), [1, 2]);
assertArrayEq(gen().drop(3).toArray(), [4]);
assertArrayEq(gen().flatMap(function (x) { return [x, -x]; }).take(4).toArray(), [1, -1, 2, -2]);
assertThrows(function () { gen().flatMap(function (x) { return x; }).toArray(); }, TypeError);
assertEq(gen().reduce(function (a, b) { return a + b; }), 10);
assertEq(gen().reduce(function (a, b) { return a + b; }, 5), 15);
assertThrows(function () { [].values().reduce(function () {}); }, TypeError);
assertTrue(gen().some(function (x) { return x === 3; }));
assertFalse(gen().every(function (x) { return x < 3; }));
assertEq(gen().find(function (x) { return x > 1; }), 2);
var seen = [];
gen().forEach(function (x, i) { seen.push(x + ":" + i); });
assertArrayEq(seen, ["1:0", "2:1", "3:2", "4:3"]);
assertThrows(function () { gen().take(-1); }, RangeError);
assertThrows(function () { gen().drop(NaN); }, RangeError);
assertThrows(function () { gen().map(1); }, TypeError);
assertThrows(function () { Iterator.prototype.map.call(1, function () {}); }, TypeError);

// laziness, closing and the helper's generator-like states
var log = [];
var src = {
  i: 0,
  next: function () { log.push("next"); return { value: this.i++, done: false }; },
  return: function () { log.push("return"); return {}; },
  __proto__: Iterator.prototype
};
var mapped = src.map(function (x) { return x * 2; });
assertEq(log.length, 0);
assertEq(mapped.next().value, 0);
assertEq(mapped.next().value, 2);
assertEq(mapped.return().done, true);
assertArrayEq(log, ["next", "next", "return"]);
assertTrue(mapped.next().done);
log = [];
assertEq(src.find(function (x) { return x > 5; }), 6);
assertEq(log[log.length - 1], "return");
log = [];
assertArrayEq(src.take(1).toArray(), [7]);
assertArrayEq(log, ["next", "return"]);
var helper = gen().map(function (x) { return x; });
assertEq(Object.prototype.toString.call(helper), "[object Iterator Helper]");
var HelperProto = Object.getPrototypeOf(helper);
assertThrows(function () { HelperProto.next.call({}); }, TypeError);
var reentrant = gen().map(function () { return reentrant.next(); });
assertThrows(function () { reentrant.next(); }, TypeError);

// Iterator.from
var plain = { next: function () { return { value: 1, done: false }; } };
var wrapped = Iterator.from(plain);
assertTrue(wrapped instanceof Iterator);
assertEq(wrapped.next().value, 1);
assertEq(wrapped.return().done, true);
var g = gen();
assertEq(Iterator.from(g), g);
assertArrayEq(Iterator.from("ab").toArray(), ["a", "b"]);
assertThrows(function () { Iterator.from(1); }, TypeError);
