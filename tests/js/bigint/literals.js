// BigInt literals: decimal, hex, octal, binary, separators, typeof, constants.
assertEq(typeof 1n, "bigint");
assertEq(String(0n), "0");
assertEq(String(123n), "123");
assertEq(0x1fn, 31n);
assertEq(0XFFn, 255n);
assertEq(0o17n, 15n);
assertEq(0b1011n, 11n);
assertEq(1_000_000n, 1000000n);
assertEq(0xffff_ffff_ffff_ffffn, 18446744073709551615n);
assertEq(String(123456789012345678901234567890n), "123456789012345678901234567890");
assertEq(String(-0n), "0");
assertTrue(-0n === 0n);
assertEq(Object.is(-0n, 0n), true);
// Literal property keys use the decimal string.
var o = { 1n: "a", 0x10n: "b" };
assertEq(o["1"], "a");
assertEq(o["16"], "b");
// Each evaluation of a literal gives an equal value.
function f() { return 42n; }
assertTrue(f() === f());
// ToBoolean
assertEq(!!0n, false);
assertEq(!!1n, true);
assertEq(!!-1n, true);
assertEq(0n ? "t" : "f", "f");
// Keys of any size: the decimal string of the value.
var big = { 0xffffffffffffffffffffffffffffffffffn: 1, 0b0n: 2, 0o777n: 3 };
assertEq(big["87112285931760246646623899502532662132735"], 1);
assertEq(big[0], 2);
assertEq(big[511], 3);
class K { 0x10n() { return 7; } }
assertEq(new K()[16](), 7);
var { 0x1_0n: fromPattern } = { 16: "zz" };
assertEq(fromPattern, "zz");
