// Strings: ropes, flattening, the length limit, lone surrogates, interning through property keys.
var s = "";
for (var i = 0; i < 100000; i++) s += (i % 10);
assertEq(s.length, 100000);
assertEq(s.charAt(0), "0");
assertEq(s.charAt(99999), "9");
assertEq(s[12345], "5");
assertEq(s.charCodeAt(7), 55);
assertEq(s.slice(10, 15), "01234");

// A right-deep rope, compared with a left-deep one of the same contents.
var r = "";
for (var j = 0; j < 20000; j++) r = "ab" + r;
var l = "";
for (var k = 0; k < 20000; k++) l = l + "ab";
assertTrue(l === r);
assertEq(r.length, 40000);
assertEq(r.indexOf("ba"), 1);

// Strings built differently are the same property key.
var o = {};
o["prop" + "erty" + "NameThatIsLong"] = 1;
var key = "propertyName";
key += "ThatIsLong";
assertEq(o[key], 1);

// Doubling past 2^29 - 24 code units throws RangeError (ropes make this cheap until the limit).
var big = "0123456789abcdef";
assertThrows(function () {
  for (var n = 0; n < 40; n++) big = big + big;
}, RangeError);
assertEq(big.length, 268435456);
var threw = false;
try {
  big + big;
} catch (e) {
  threw = true;
  assertTrue(e instanceof RangeError);
  assertEq(e.message, "Invalid string length");
}
assertTrue(threw);

// Lone surrogates survive.
var lone = "a\uD800b";
assertEq(lone.length, 3);
assertEq(lone.charCodeAt(1), 0xD800);
var pair = "x" + "\uD83D" + "\uDE00";
assertEq(pair.length, 3);
assertEq(pair.charCodeAt(1), 0xD83D);
assertEq(pair.charCodeAt(2), 0xDE00);
assertEq(String.fromCharCode(0xDC00).charCodeAt(0), 0xDC00);
assertEq("\u20AC" + "uro", "\u20ACuro");
