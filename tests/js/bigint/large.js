// Large values: 10^5-digit numbers convert to and from strings in reasonable time.
var x = 7n ** 118000n;            // about 99,700 decimal digits
var s = x.toString();
assertEq(s.length, 99722);        // values checked with an independent bignum implementation
assertEq(s.slice(0, 10), "3704432470");
assertEq(s.slice(-4), "0001");
assertEq(BigInt(s), x);
var h = x.toString(16);
assertEq(BigInt("0x" + h), x);
assertEq(x / (7n ** 117999n), 7n);
assertEq((x + 1n) % 7n, 1n);
