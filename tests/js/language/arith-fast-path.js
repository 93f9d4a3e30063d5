// Number fast paths of the binary operators and comparisons (interp-arith.h): int32 overflow,
// -0, division that is not exact, NaN, ToInt32 of large doubles, and the fall back to the generic
// operators for non-numbers (valueOf runs, strings concatenate).

var big = 2147483647, small = -2147483648;
assertEq(big + 1, 2147483648);
assertEq(small - 1, -2147483649);
assertEq(big * 2, 4294967294);
assertEq(65536 * 65536, 4294967296);
assertEq(0 * -1, -0);
assertEq(-5 * 0, -0);
assertEq(7 / 2, 3.5);
assertEq(6 / 3, 2);
assertEq(0 / -3, -0);
assertEq(1 / 0, Infinity);
assertEq(0 / 0, NaN);
assertEq(small / -1, 2147483648);
assertEq(-7 % 2, -1);
assertEq(-4 % 2, -0);
assertEq(7 % -3, 1);
assertEq(5 % 0, NaN);
assertEq(5.5 % 2, 1.5);
assertEq(2 ** 10, 1024);
assertEq(1.5 + 1.5, 3);
assertTrue(Object.is(0.5 - 0.5, 0));

// Bitwise operators and shifts, with ints and doubles.
assertEq(-1 >>> 0, 4294967295);
assertEq(-1 >>> 28, 15);
assertEq(1 << 31, -2147483648);
assertEq(1 << 32, 1);
assertEq(-8 >> 1, -4);
assertEq(5 >> 33, 2);
assertEq(4294967295 | 0, -1);
assertEq(4294967296.5 | 0, 0);
assertEq(2147483648 | 0, -2147483648);
assertEq(-2147483649 | 0, 2147483647);
assertEq(1e21 | 0, -559939584);
assertEq(-1.9 | 0, -1);
assertEq(NaN | 0, 0);
assertEq(Infinity & 3, 0);
assertEq(3.7 ^ 1.2, 2);
assertEq(2.5 << 1.9, 4);
assertEq(4294967295.5 >>> 0, 4294967295);
assertEq(-0 >>> 0, 0);
var x = 12345.678;
assertEq(x & 0xff, 57);
assertEq((x * 1000) >> 3, 1543209);

// Comparisons: ints, doubles, NaN, mixed, and the generic path.
assertTrue(1 < 2.5);
assertFalse(NaN < 1);
assertFalse(NaN >= NaN);
assertTrue(-0 <= 0);
assertTrue(-0 >= 0);
assertTrue(2.5 > 2);
assertTrue("10" > 9);
assertFalse("10" > "9");
assertTrue(1 == 1.0);
assertFalse(NaN == NaN);
assertTrue(0 == -0);
assertTrue("1" == 1);
assertTrue(3 === 3);
assertFalse(3 === 4);
assertFalse(NaN === NaN);
assertTrue(0 === -0);

// Increment and decrement at the int32 edges.
var i = 2147483647;
i++;
assertEq(i, 2147483648);
var j = -2147483648;
j--;
assertEq(j, -2147483649);
var d = 0.5;
d++;
assertEq(d, 1.5);
var s = "5";
s++;
assertEq(s, 6);

// Non-numbers use the generic operators: valueOf runs once per operand, in order.
var order = [];
var va = { valueOf: function () { order.push("a"); return 6; } };
var vb = { valueOf: function () { order.push("b"); return 4; } };
assertEq(va - vb, 2);
assertEq(va >>> vb, 0);
assertTrue(va > vb);
assertArrayEq(order, ["a", "b", "a", "b", "a", "b"]);
assertEq("a" + 1, "a1");
assertEq(1 + "a", "1a");
assertEq(null + 1, 1);
assertEq(undefined * 2, NaN);
assertEq(true << 3, 8);
assertThrows(function () { return Symbol() | 0; }, TypeError);

// A loop mixing the paths keeps producing the same numbers as the generic path would.
var acc = 0;
for (var k = 0; k < 1000; k++) acc = (acc * 31 + k) | 0;
assertEq(acc, 562641396);
var h = 0;
for (var k = 0; k < 200; k++) h = (h ^ (k << 7)) >>> 0;
assertEq(h, 0);

// Strict equality fast paths: ints against doubles holding the same number, strings by
// content, and values of different kinds.
var f64 = new Float64Array([1, NaN, -0]);
assertTrue(f64[0] === 1);
assertTrue(1 === f64[0]);
assertFalse(f64[1] === f64[1]);
assertTrue(f64[2] === 0);
var s1 = "ab", s2 = ["a", "b"].join("");
assertTrue(s1 === s2);
assertFalse(s1 === "ba");
var o1 = {}, o2 = {};
assertTrue(o1 === o1);
assertFalse(o1 === o2);
assertFalse(o1 === 1);
assertFalse(null === undefined);
assertFalse(true === 1);
assertFalse(0 === false);
assertFalse("1" === 1);
assertTrue(undefined === void 0);
var sw = 0;
switch (f64[0]) { case 1: sw = 1; break; default: sw = 2; }
assertEq(sw, 1);
