// RegExp.prototype.exec and test: captures, index/input/groups, lastIndex with g and y,
// hasIndices. Expected values checked against node.
var m = /(\d+)-(?<b>\d+)(x)?/.exec("on 12-34 y");
assertArrayEq(m, ["12-34", "12", "34", undefined]);
assertEq(m.index, 3);
assertEq(m.input, "on 12-34 y");
assertEq(m.groups.b, "34");
assertEq(Object.getPrototypeOf(m.groups), null);
assertEq(m.indices, undefined);
assertEq(/x/.exec("abc"), null);
assertEq(/a/.exec("abc").groups, undefined);

var re = /a/g;
assertEq(re.lastIndex, 0);
assertTrue(re.test("aba"));
assertEq(re.lastIndex, 1);
assertTrue(re.test("aba"));
assertEq(re.lastIndex, 3);
assertFalse(re.test("aba"));
assertEq(re.lastIndex, 0);

var y = /a/y;
assertFalse(y.test("ba"));
assertEq(y.lastIndex, 0);
y.lastIndex = 1;
assertTrue(y.test("ba"));
assertEq(y.lastIndex, 2);

// Non-global, non-sticky ignores and keeps lastIndex.
var n = /a/;
n.lastIndex = 5;
assertEq(n.exec("a").index, 0);
assertEq(n.lastIndex, 5);

// lastIndex goes through ToLength.
var g = /b/g;
g.lastIndex = "1";
assertEq(g.exec("abb").index, 1);
g.lastIndex = -5;
assertEq(g.exec("abb").index, 1);
g.lastIndex = 10;
assertEq(g.exec("abb"), null);
assertEq(g.lastIndex, 0);

// hasIndices
var d = /(a)(?<z>b)?(c)/d.exec("xac");
assertArrayEq(d.indices[0], [1, 3]);
assertArrayEq(d.indices[1], [1, 2]);
assertEq(d.indices[2], undefined);
assertArrayEq(d.indices[3], [2, 3]);
assertEq(d.indices.groups.z, undefined);
assertTrue("z" in d.indices.groups);

// Backtracking, quantifiers, alternation.
assertArrayEq(/(a|ab)(c|bcd)(d*)/.exec("abcd"), ["abcd", "a", "bcd", ""]);
assertArrayEq(/(z)((a+)?(b+)?(c))*/.exec("zaacbbbcac"), ["zaacbbbcac", "z", "ac", "a", undefined, "c"]);
assertArrayEq(/(a*)b\1+/.exec("baaaac"), ["b", ""]);
assertArrayEq(/(?=(a+))a*b\1/.exec("baaabac"), ["aba", "a"]);
assertArrayEq(/(.*?)a(?!(a+)b\2c)\2(.*)/.exec("baaabaac"), ["baaabaac", "ba", undefined, "abaac"]);
assertArrayEq(/(?<=(\d+)(\d+))$/.exec("1053"), ["", "1", "053"]);
assertArrayEq(/(?<=\$)\d+(\.\d*)?/.exec("cost $10.53"), ["10.53", ".53"]);
assertEq(/a{2,3}?/.exec("aaaa")[0], "aa");
assertEq(/^(?:a|ab)*c$/.test("abac"), true);
assertArrayEq(/((a)|b)+/.exec("ab"), ["ab", "b", undefined]);

// Case-insensitive and multiline/dotAll.
assertTrue(/ABC/i.test("xabcx"));
assertTrue(/\u212a/i.test("k") === false);
assertTrue(/\u212a/iu.test("k"));
assertTrue(/^b$/m.test("a\nb\nc"));
assertFalse(/^b$/.test("a\nb\nc"));
assertFalse(/a.c/.test("a\nc"));
assertTrue(/a.c/s.test("a\nc"));
assertArrayEq(/(a)\1/i.exec("aA"), ["aA", "a"]);

// Exec on a non-regexp throws.
assertThrows(function () { RegExp.prototype.exec.call({}, "a"); }, TypeError);
assertThrows(function () { RegExp.prototype.test.call(1, "a"); }, TypeError);
// test() goes through a user exec.
var calls = 0;
var fake = { exec: function (s) { calls++; return s === "yes" ? {} : null; } };
assertTrue(RegExp.prototype.test.call(fake, "yes"));
assertFalse(RegExp.prototype.test.call(fake, "no"));
assertEq(calls, 2);
