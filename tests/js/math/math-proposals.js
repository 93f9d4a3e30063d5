// Math.f16round and Math.sumPrecise (newer than node 20, so expected values are derived by
// hand from IEEE binary16 and exact arithmetic; the MDN examples agree).
assertEq(Math.f16round(1.337), 1.3369140625);
assertEq(Math.f16round(0.1), 0.0999755859375);
assertEq(Math.f16round(65504), 65504);
assertEq(Math.f16round(65519.99), 65504);
assertEq(Math.f16round(65520), Infinity);
assertEq(Math.f16round(-65520), -Infinity);
assertEq(Math.f16round(2 ** -24), 2 ** -24);       // smallest subnormal half
assertEq(Math.f16round(2 ** -25), 0);              // tie: to even (zero)
assertEq(Math.f16round(3 * 2 ** -25), 2 ** -23);   // tie: to even (2 quanta)
assertEq(Math.f16round(-0), -0);
assertEq(Math.f16round(NaN), NaN);
assertEq(Math.f16round(1 + 2 ** -11), 1);          // tie below: to even
assertEq(Math.f16round(1 + 3 * 2 ** -11), 1 + 2 ** -9);
assertEq(Math.sumPrecise([1e308, 1e308, -1e308]), 1e308);  // no intermediate overflow
assertEq(Math.sumPrecise([0.1, 0.2]), 0.30000000000000004);
assertEq(Math.sumPrecise([1e20, 0.1, -1e20]), 0.1);
assertEq(Math.sumPrecise([]), -0);
assertEq(Math.sumPrecise([-0, -0]), -0);
assertEq(Math.sumPrecise([-0, 0]), 0);
assertEq(Math.sumPrecise([5e-324, -5e-324]), 0);
assertEq(Math.sumPrecise([1.7976931348623157e308, 1e292]), Infinity);
assertEq(Math.sumPrecise([2 ** 53, 1, 1e-30]), 2 ** 53 + 2);
assertEq(Math.sumPrecise([2 ** 53, 1]), 2 ** 53);
assertEq(Math.sumPrecise([Infinity, -Infinity]), NaN);
assertEq(Math.sumPrecise([Infinity, 1]), Infinity);
assertEq(Math.sumPrecise([NaN, Infinity]), NaN);
assertEq(Math.sumPrecise({[Symbol.iterator]: function* () { yield 1; yield 2; yield 3; }}), 6);
assertThrows(function () { Math.sumPrecise([1, "2"]); }, TypeError);
assertThrows(function () { Math.sumPrecise(5); }, TypeError);
assertThrows(function () { Math.sumPrecise(); }, TypeError);
