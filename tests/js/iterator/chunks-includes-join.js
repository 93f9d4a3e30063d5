// Iterator.prototype.chunks / windows / includes / join.
function it(a) { return a.values(); }
function show(x) { return JSON.stringify(x.toArray()); }
assertEq(show(it([1, 2, 3, 4, 5]).chunks(2)), "[[1,2],[3,4],[5]]");
assertEq(show(it([1, 2, 3, 4]).chunks(2)), "[[1,2],[3,4]]");
assertEq(show(it([]).chunks(3)), "[]");
assertThrows(function () { it([]).chunks(0); }, RangeError);
assertThrows(function () { it([]).chunks(1.5); }, TypeError);
assertThrows(function () { it([]).chunks("2"); }, TypeError);
assertThrows(function () { it([]).chunks(Math.pow(2, 32)); }, RangeError);

assertEq(show(it([1, 2, 3, 4]).windows(2)), "[[1,2],[2,3],[3,4]]");
assertEq(show(it([1, 2]).windows(3)), "[]");
assertEq(show(it([1, 2]).windows(3, "allow-partial")), "[[1,2]]");
assertEq(show(it([1, 2, 3]).windows(3, "allow-partial")), "[[1,2,3]]");
assertThrows(function () { it([]).windows(2, "bad"); }, TypeError);
var w = it([1, 2, 3]).windows(2);
var first = w.next().value;
var second = w.next().value;
assertTrue(first !== second);
assertEq(JSON.stringify(first), "[1,2]");

// closing on a bad argument
var closed = 0;
var src = { __proto__: Iterator.prototype, next() { return { done: true }; }, return() { closed++; return {}; } };
assertThrows(function () { src.chunks(-1); }, RangeError);
assertThrows(function () { src.windows(1, null); }, TypeError);
assertThrows(function () { src.includes(1, -1); }, RangeError);
assertThrows(function () { src.includes(1, 0.5); }, TypeError);
assertEq(closed, 4);

assertTrue(it([1, NaN, 3]).includes(NaN));
assertTrue(it([-0]).includes(0));
assertFalse(it([1, 2]).includes(3));
assertFalse(it([1, 2]).includes(1, 1));
assertTrue(it([1, 2, 1]).includes(1, 1));
assertFalse(it([1, 2]).includes(1, Infinity));
// a match closes the iterator
closed = 0;
var one = { __proto__: Iterator.prototype, next() { return { value: 1, done: false }; }, return() { closed++; return {}; } };
assertTrue(one.includes(1));
assertEq(closed, 1);

assertEq(it(["a", null, "b", undefined]).join(), "a,,b,");
assertEq(it([1, 2, 3]).join("-"), "1-2-3");
assertEq(it([]).join(), "");
assertThrows(function () { Iterator.prototype.join.call(1); }, TypeError);
