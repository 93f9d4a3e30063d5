// String methods through RegExp's @@match/@@matchAll/@@replace/@@search/@@split. Checked
// against node.
assertArrayEq("a1b22c333".match(/\d+/g), ["1", "22", "333"]);
assertEq("abc".match(/x/g), null);
var m = "xaby".match(/a(b)/);
assertArrayEq(m, ["ab", "b"]);
assertEq(m.index, 1);
assertArrayEq("aaa".match(/a*?/g), ["", "", "", ""]);
assertArrayEq("\u{1F600}\u{1F600}".match(/(?:)/gu), ["", "", ""]);
assertEq("\ud83d\ude00".match(/(?:)/g).length, 3);

// replace
assertEq("a1b2".replace(/\d/g, "[$&]"), "a[1]b[2]");
assertEq("john smith".replace(/(\w+)\s(\w+)/, "$2, $1"), "smith, john");
assertEq("abc".replace(/b/, "$`|$'|$$"), "aa|c|$c");
assertEq("2024-05".replace(/(?<y>\d+)-(?<m>\d+)/, "$<m>/$<y>"), "05/2024");
assertEq("abc".replace(/(x)?b/, "[$1]"), "a[]c");
assertEq("aaa".replace(/a/g, function (s, off) { return off; }), "012");
assertEq("x-y".replace(/(?<a>x)-(y)/, function (m, p1, p2, off, str, groups) {
  return [m, p1, p2, off, str, groups.a].join(",");
}), "x-y,x,y,0,x-y,x");
assertEq("aaa".replace(/a*?/g, "-"), "-a-a-a-");
assertEq("abc".replace(/$/, "!"), "abc!");
assertEq("abcabc".replaceAll(/b/g, "."), "a.ca.c");
assertThrows(function () { "a".replaceAll(/a/, "b"); }, TypeError);
var re = /a/g;
re.lastIndex = 3;
assertEq("aa".replace(re, "b"), "bb");
assertEq(re.lastIndex, 0);
var y = /a/y;
assertEq("aab".replace(y, "x"), "xab");
assertEq(y.lastIndex, 1);

// search
assertEq("abcb".search(/b/), 1);
assertEq("abc".search(/x/), -1);
var s = /b/g;
s.lastIndex = 2;
assertEq("abcb".search(s), 1);
assertEq(s.lastIndex, 2);

// split
assertArrayEq("a,b;c".split(/[,;]/), ["a", "b", "c"]);
assertArrayEq("a1b2c".split(/(\d)/), ["a", "1", "b", "2", "c"]);
assertArrayEq("abc".split(/(?:)/), ["a", "b", "c"]);
assertArrayEq("abc".split(/b/, 1), ["a"]);
assertArrayEq("".split(/x/), [""]);
assertArrayEq("".split(/(?:)/), []);
assertArrayEq("a,b,c".split(/,/, 0), []);
assertArrayEq("\u{1F600}x".split(/(?:)/u), ["\u{1F600}", "x"]);
assertArrayEq("test".split(/(?=t)/), ["tes", "t"]);

// matchAll
var all = [];
for (var x of "a1b22".matchAll(/\d+/g)) all.push(x[0] + "@" + x.index);
assertArrayEq(all, ["1@1", "22@3"]);
assertThrows(function () { "a".matchAll(/a/); }, TypeError);
var it = /a/g[Symbol.matchAll]("aXa");
assertEq(Object.prototype.toString.call(it), "[object RegExp String Iterator]");
assertEq(it.next().value.index, 0);
assertEq(it.next().value.index, 2);
assertTrue(it.next().done);
var empties = Array.from("ab".matchAll(/(?:)/g), function (m) { return m.index; });
assertArrayEq(empties, [0, 1, 2]);

// Symbol methods called on non-objects throw.
assertThrows(function () { RegExp.prototype[Symbol.replace].call("x", "a", "b"); }, TypeError);
assertThrows(function () { RegExp.prototype[Symbol.split].call(1, "a"); }, TypeError);

// A subclass's exec is used by the symbol methods.
var log = [];
var custom = /./g;
custom.exec = function (str) { log.push(this.lastIndex); return RegExp.prototype.exec.call(this, str); };
assertEq("ab".replace(custom, "x"), "xx");
assertArrayEq(log, [0, 1, 2]);
