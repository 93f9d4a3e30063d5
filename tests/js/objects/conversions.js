// Conversions and operators: ToPrimitive order, ToNumber of strings, ToString of numbers,
// loose and strict equality tables, relational comparison, typeof, instanceof, `in`.

// ToPrimitive: @@toPrimitive, then valueOf/toString in hint order.
var log = [];
var obj = {
  valueOf: function () { log.push("valueOf"); return 10; },
  toString: function () { log.push("toString"); return "str"; }
};
assertEq(obj + 1, 11);
assertEq(String(obj), "str");
assertEq(`${obj}`, "str");
assertEq(obj * 2, 20);
assertArrayEq(log, ["valueOf", "toString", "toString", "valueOf"]);
var tp = { [Symbol.toPrimitive]: function (hint) { return hint; } };
assertEq(`${tp}`, "string");
assertEq(tp + "", "default");
assertEq(+{ [Symbol.toPrimitive]: function (hint) { return hint === "number" ? 7 : 0; } }, 7);
assertThrows(function () { return { [Symbol.toPrimitive]: function () { return {}; } } + 1; }, TypeError);
assertThrows(function () { return { valueOf: function () { return {}; }, toString: function () { return {}; } } + 1; }, TypeError);
var dd = { valueOf: function () { return {}; }, toString: function () { return "7"; } };
assertEq(dd * 1, 7);

// ToNumber of strings.
assertEq(Number("  12.5  "), 12.5);
assertEq(Number("0x1F"), 31);
assertEq(Number("0b101"), 5);
assertEq(Number("0o17"), 15);
assertEq(Number(""), 0);
assertEq(Number(" \n\t "), 0);
assertEq(Number("-0"), -0);
assertEq(Number("1e3"), 1000);
assertEq(Number("Infinity"), Infinity);
assertEq(Number("-Infinity"), -Infinity);
assertEq(Number("abc"), NaN);
assertEq(Number("-0x10"), NaN);
assertEq(Number("1_000"), NaN);
assertEq(Number(null), 0);
assertEq(Number(undefined), NaN);
assertEq(Number(true), 1);
assertEq(Number([]), 0);
assertEq(Number([5]), 5);
assertEq(Number([1, 2]), NaN);
assertThrows(function () { return +Symbol(); }, TypeError);

// ToString of numbers.
assertEq(String(1e21), "1e+21");
assertEq(String(1e-7), "1e-7");
assertEq(String(123456789012345680000), "123456789012345680000");
assertEq(String(-0), "0");
assertEq(String(0.1 + 0.2), "0.30000000000000004");
assertEq(String(5e-324), "5e-324");
assertEq(String(NaN), "NaN");
assertEq(String(-Infinity), "-Infinity");
assertEq((255).toString(16), "ff");
assertEq((0.5).toString(2), "0.1");
assertEq(String(null), "null");
assertEq(String([1, [2, 3]]), "1,2,3");
assertEq(String({}), "[object Object]");
assertEq(String(Symbol("d")), "Symbol(d)");
assertThrows(function () { return "" + Symbol(); }, TypeError);

// ToInt32 / ToUint32 through bit operators.
assertEq(4294967297 | 0, 1);
assertEq(2147483648 | 0, -2147483648);
assertEq(-1 >>> 0, 4294967295);
assertEq(-1.9 | 0, -1);
assertEq(NaN | 0, 0);
assertEq(Infinity | 0, 0);

// Loose equality.
assertTrue(null == undefined);
assertFalse(null == 0);
assertFalse(undefined == 0);
assertTrue("1" == 1);
assertTrue(true == 1);
assertTrue(true == "1");
assertFalse(true == "true");
assertTrue("" == 0);
assertTrue("0" == false);
assertFalse(NaN == NaN);
assertTrue([1] == 1);
assertTrue([1, 2] == "1,2");
assertFalse({} == {});
var so = {};
assertTrue(so == so);
var sym = Symbol();
assertTrue(sym == Object(sym));
assertFalse(sym == Symbol());
assertTrue(new String("a") == "a");
assertFalse(new String("a") == new String("a"));

// Strict equality and SameValue.
assertTrue(0 === -0);
assertFalse(NaN === NaN);
assertTrue("ab" === "a" + "b");
assertFalse(1 === "1");
assertTrue(Object.is(NaN, NaN));
assertFalse(Object.is(0, -0));
assertTrue([NaN].includes(NaN));
assertEq([NaN].indexOf(NaN), -1);

// Relational comparison.
assertTrue("10" < "9");
assertFalse("10" < 9);
assertTrue("a" < "b");
assertFalse(NaN < 1);
assertFalse(NaN >= 1);
assertTrue(null >= 0);
assertFalse(undefined >= 0);
assertTrue([2] > 1);
var order = [];
var l = { valueOf: function () { order.push("l"); return 1; } };
var r = { valueOf: function () { order.push("r"); return 2; } };
assertTrue(l < r);
assertTrue(r > l);
assertArrayEq(order, ["l", "r", "r", "l"]);

// typeof.
assertEq(typeof null, "object");
assertEq(typeof undefined, "undefined");
assertEq(typeof function () {}, "function");
assertEq(typeof Symbol(), "symbol");
assertEq(typeof "", "string");
assertEq(typeof 1.5, "number");
assertEq(typeof true, "boolean");
assertEq(typeof {}, "object");
assertEq(typeof [], "object");
assertEq(typeof undeclaredVariable, "undefined");

// + operator.
assertEq(1 + "2", "12");
assertEq("1" + 2, "12");
assertEq(1 + 2, 3);
assertEq(1 + null, 1);
assertEq(1 + undefined, NaN);
assertEq(true + true, 2);
assertEq([] + [], "");
assertEq([] + {}, "[object Object]");
assertEq(2147483647 + 1, 2147483648);

// instanceof, including @@hasInstance and bound functions.
function F() {}
var f = new F();
assertTrue(f instanceof F);
assertTrue(f instanceof Object);
assertFalse({} instanceof F);
var BF = F.bind(null);
assertTrue(f instanceof BF);
assertTrue(new BF() instanceof F);
var even = { [Symbol.hasInstance]: function (n) { return n % 2 === 0; } };
assertTrue(2 instanceof even);
assertFalse(3 instanceof even);
assertThrows(function () { return f instanceof 1; }, TypeError);
assertThrows(function () { return f instanceof {}; }, TypeError);
function NP() {}
NP.prototype = 1;
assertThrows(function () { return f instanceof NP; }, TypeError);

// `in`.
assertTrue("a" in { a: 1 });
assertTrue("toString" in {});
assertTrue(0 in [1]);
assertFalse(1 in [1]);
assertTrue("length" in []);
assertThrows(function () { return "a" in "abc"; }, TypeError);
var inmsg = "";
try { "x" in 5; } catch (e) { inmsg = e.message; }
assertEq(inmsg, "Cannot use 'in' operator to search for 'x' in 5");

// Bound functions: name and length.
function three(a, b, c) { return [this, a, b, c]; }
var b1 = three.bind("T", 1);
assertEq(b1.name, "bound three");
assertEq(b1.length, 2);
var res = b1(2, 3);
assertEq(res[1], 1);
assertEq(res[3], 3);
assertEq(three.bind(null, 1, 2, 3, 4).length, 0);
