// Mixing BigInt and Number is a TypeError; conversions that need a Number throw.
var msg = "Cannot mix BigInt and other types, use explicit conversions";
var ops = [
  function () { return 1n + 1; }, function () { return 1 - 1n; }, function () { return 1n * 1; },
  function () { return 1n / 1; }, function () { return 1n % 1; }, function () { return 1n ** 1; },
  function () { return 1n & 1; }, function () { return 1n | 1; }, function () { return 1n ^ 1; },
  function () { return 1n << 1; }, function () { return 1n >> 1; }, function () { return 1 >>> 1n; },
];
for (var i = 0; i < ops.length; i++) assertThrows(ops[i], TypeError, "op " + i);
assertEq(assertThrows(ops[0], TypeError).message, msg);
var e = assertThrows(function () { return +1n; }, TypeError);
assertEq(e.message, "Cannot convert a BigInt value to a number");
assertThrows(function () { return Math.abs(1n); }, TypeError);
// String concatenation is fine.
assertEq(1n + "", "1");
assertEq("x" + 10n, "x10");
assertEq(`${-5n}`, "-5");
// Number() converts with rounding.
assertEq(Number(1n), 1);
assertEq(Number(2n ** 64n), 18446744073709551616);
assertEq(Number(2n ** 53n + 1n), 9007199254740992);       // tie, to even
assertEq(Number(2n ** 53n + 3n), 9007199254740996);       // tie, to even (up)
assertEq(Number(2n ** 54n + 5n), 18014398509481988);      // above half
assertEq(Number(-(2n ** 1024n)), -Infinity);
assertEq(Number(2n ** 1023n * 3n / 2n), 1.348269851146737e308);
assertEq(parseInt("12n"), 12);
// Objects convert through valueOf.
var obj = { valueOf: function () { return 5n; } };
assertEq(obj * 2n, 10n);
assertThrows(function () { return obj * 2; }, TypeError);
// Wrappers
var w = Object(3n);
assertEq(typeof w, "object");
assertTrue(w instanceof BigInt);
assertEq(w + 1n, 4n);
assertEq(Object.prototype.toString.call(w), "[object BigInt]");
assertEq((5n).constructor, BigInt);
assertEq(5n.toString(), "5");
// Messages describe BigInt values by their digits.
assertEq(assertThrows(function () { return 1n in 2n; }, TypeError).message,
         "Cannot use 'in' operator to search for '1' in 2");
