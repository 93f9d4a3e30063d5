// %IteratorPrototype%, array and string iterators.
var IteratorPrototype = Object.getPrototypeOf(Object.getPrototypeOf([][Symbol.iterator]()));
assertEq(IteratorPrototype[Symbol.iterator].call(5), 5);
var ArrayIteratorPrototype = Object.getPrototypeOf([].keys());
assertEq(Object.getPrototypeOf(ArrayIteratorPrototype), IteratorPrototype);
assertEq(ArrayIteratorPrototype[Symbol.toStringTag], "Array Iterator");
assertEq(ArrayIteratorPrototype.next.length, 0);
assertThrows(function () { ArrayIteratorPrototype.next.call({}); }, TypeError);

var it = ["a", "b"].entries();
var r = it.next();
assertArrayEq(r.value, [0, "a"]);
assertEq(r.done, false);
it.next();
r = it.next();
assertEq(r.value, undefined);
assertEq(r.done, true);
assertArrayEq(Array.from([5, 6].keys()), [0, 1]);
assertArrayEq(Array.from({ length: 2, 0: "x", 1: "y" }), ["x", "y"]);
// iterators see growth, and stay done once exhausted
var a = [1];
var ai = a.values();
assertEq(ai.next().value, 1);
a.push(2);
assertEq(ai.next().value, 2);
assertTrue(ai.next().done);
a.push(3);
assertTrue(ai.next().done);
// generic array-likes
var al = Array.prototype.values.call({ length: 1, 0: "q" });
assertEq(al.next().value, "q");

var StringIteratorPrototype = Object.getPrototypeOf(""[Symbol.iterator]());
assertEq(StringIteratorPrototype[Symbol.toStringTag], "String Iterator");
var chars = [];
for (var ch of "a\uD83D\uDE00b\uD800") chars.push(ch);
assertArrayEq(chars, ["a", "\uD83D\uDE00", "b", "\uD800"]);
assertThrows(function () { StringIteratorPrototype.next.call([].keys()); }, TypeError);
assertThrows(function () { String.prototype[Symbol.iterator].call(null); }, TypeError);

// iterator closing through Object.fromEntries
var closed = 0;
var iterable = {};
iterable[Symbol.iterator] = function () {
  return {
    next: function () { return { value: 1, done: false }; },
    return: function () { closed++; return {}; }
  };
};
assertThrows(function () { Object.fromEntries(iterable); }, TypeError);
assertEq(closed, 1);
var bad = {};
bad[Symbol.iterator] = function () { return 1; };
assertThrows(function () { Array.from(bad); }, TypeError);
var badNext = {};
badNext[Symbol.iterator] = function () { return { next: function () { return 1; } }; };
assertThrows(function () { Array.from(badNext); }, TypeError);
assertEq([][Symbol.iterator], Array.prototype.values);
