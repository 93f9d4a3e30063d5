// Arithmetic operators on BigInts, including large values and negative operands.
assertEq(1n + 2n, 3n);
assertEq(1n - 2n, -1n);
assertEq(-3n * 4n, -12n);
assertEq(7n / 2n, 3n);
assertEq(-7n / 2n, -3n);
assertEq(7n / -2n, -3n);
assertEq(7n % 2n, 1n);
assertEq(-7n % 2n, -1n);
assertEq(7n % -2n, 1n);
assertEq(2n ** 10n, 1024n);
assertEq((-2n) ** 3n, -8n);
assertEq((-1n) ** 1000001n, -1n);
assertEq(0n ** 0n, 1n);
assertEq(-(5n), -5n);
assertEq(~5n, -6n);
assertEq(~-1n, 0n);
var x = 5n; x++; assertEq(x, 6n); x--; x--; assertEq(x, 4n);
var y = 0n; assertEq(y++, 0n); assertEq(y, 1n); assertEq(--y, 0n);
// Carries across digits.
assertEq(0xffffffffn + 1n, 0x100000000n);
assertEq(0xffffffffffffffffn + 1n, 0x10000000000000000n);
assertEq(0x10000000000000000n - 1n, 0xffffffffffffffffn);
assertEq(2n ** 64n - 2n ** 64n, 0n);
// Large multiplication and division round trip.
var m = 2n ** 521n - 1n;
var sq = m * m;
assertEq(sq / m, m);
assertEq(sq % m, 0n);
assertEq((sq + 12345n) % m, 12345n);
assertEq((sq + 12345n) / m, m);
var big = 10n ** 50n + 7n, d = 10n ** 20n + 3n;
assertEq((big / d) * d + big % d, big);
assertEq(String(10n ** 30n / 7n), "142857142857142857142857142857");
assertEq(String(-(10n ** 30n) % 7n), "-1");
// Factorial of 30
var fact = 1n;
for (var i = 1n; i <= 30n; i++) fact *= i;
assertEq(String(fact), "265252859812191058636308480000000");
// Division by zero
assertThrows(function () { return 1n / 0n; }, RangeError);
assertThrows(function () { return 1n % 0n; }, RangeError);
var e = assertThrows(function () { return 1n / 0n; }, RangeError);
assertEq(e.message, "Division by zero");
// Negative exponent
assertThrows(function () { return 2n ** -1n; }, RangeError);
// Too big
assertThrows(function () { return 2n ** (2n ** 40n); }, RangeError);
assertThrows(function () { return 1n << (2n ** 40n); }, RangeError);
// Compound assignment
var z = 10n; z += 5n; z *= 2n; z -= 1n; z /= 3n; z %= 5n; z **= 3n;
assertEq(z, 64n);  // ((10+5)*2-1)/3 = 9, 9%5 = 4, 4**3
