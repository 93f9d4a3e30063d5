// The built-in's fast paths for pristine regexps (docs/regexp.md) and the cases that must leave
// them: every result here matches node.

// ---- replace ----
assertEq("a-b-c".replace(/-/g, "+"), "a+b+c");
assertEq("a-b-c".replace(/-/, "+"), "a+b-c");
assertEq("abc".replace(/x/g, "+"), "abc");
assertEq("aaa".replace(/a*/g, "X"), "XX");
assertEq("abc".replace(/(?:)/g, "-"), "-a-b-c-");
assertEq("John Smith".replace(/(\w+)\s(\w+)/, "$2, $1"), "Smith, John");
assertEq("abc".replace(/b/, "[$&|$`|$'|$$|$0|$1|$]"), "a[b|a|c|$|$0|$1|$]c");
assertEq("abcdefghijkl".replace(/(a)(b)(c)(d)(e)(f)(g)(h)(i)(j)(k)/, "$11-$10-$01-$011"), "k-j-a-a1l");
assertEq("2020-12".replace(/(?<y>\d+)-(?<m>\d+)/, "$<m>/$<y>/$<zz>/$<y"), "12/2020//$<y");
assertEq("xay".replace(/(a)|(b)/, "[$2]"), "x[]y");
assertEq("\u0100a\u0101".replace(/a/g, "\u0102"), "\u0100\u0102\u0101");
assertEq("abc".replace(/b/g, function (m, i, s) { return m.toUpperCase() + i + s.length; }), "aB13c");
assertEq("x1y2".replace(/(\d)/g, function (m, d, i) { return "<" + d + "@" + i + ">"; }), "x<1@1>y<2@3>");
assertEq("k=v".replace(/(?<k>\w)=(?<v>\w)/, function () { var g = arguments[arguments.length - 1]; return g.v + "=" + g.k; }), "v=k");
// The replacer runs after all matches were found, and sees the last match in RegExp.$1.
var seen = [];
"a1b2".replace(/([a-z])\d/g, function (m) { seen.push(RegExp.$1 + m); return ""; });
assertArrayEq(seen, ["ba1", "bb2"]);
// Unicode: an empty match advances by a whole surrogate pair.
assertEq("\ud83d\ude00".replace(/(?:)/gu, "-"), "-\ud83d\ude00-");
assertEq("\ud83d\ude00".replace(/(?:)/g, "-"), "-\ud83d-\ude00-");

// lastIndex effects.
var re = /a/g;
re.lastIndex = 5;
assertEq("aXa".replace(re, "b"), "bXb");
assertEq(re.lastIndex, 0);
re = /a/y;
re.lastIndex = 2;
assertEq("aXa".replace(re, "b"), "aXb");
assertEq(re.lastIndex, 3);
assertEq("aXa".replace(re, "b"), "aXa");
assertEq(re.lastIndex, 0);
re = /a/;
re.lastIndex = 7;
assertEq("aXa".replace(re, "b"), "bXa");
assertEq(re.lastIndex, 7);

// ---- match ----
assertArrayEq("a1b22c333".match(/\d+/g), ["1", "22", "333"]);
assertEq("abc".match(/\d/g), null);
assertArrayEq("abc".match(/(?:)/g), ["", "", "", ""]);
var m = "xaby".match(/(a)(b)/);
assertEq(m.index, 1);
assertEq(m[2], "b");
re = /o/g;
re.lastIndex = 3;
assertEq("foo".match(re).length, 2);
assertEq(re.lastIndex, 0);
"zzq9".match(/(\d)/g);
assertEq(RegExp.$1, "9");
assertEq(RegExp.lastMatch, "9");
assertEq(RegExp.leftContext, "zzq");

// ---- split ----
assertArrayEq("a,b,,c".split(/,/), ["a", "b", "", "c"]);
assertArrayEq("a1b2c".split(/(\d)/), ["a", "1", "b", "2", "c"]);
assertArrayEq("abc".split(/(?:)/), ["a", "b", "c"]);
assertArrayEq("abc".split(/x*/), ["a", "b", "c"]);
assertArrayEq("".split(/x/), [""]);
assertArrayEq("".split(/(?:)/), []);
assertArrayEq("a,b,c".split(/,/, 2), ["a", "b"]);
assertArrayEq("a1b2c".split(/(\d)/, 2), ["a", "1"]);
assertArrayEq("a,b".split(/,/, 0), []);
assertArrayEq("a b  c".split(/\s+/), ["a", "b", "c"]);
assertArrayEq("x\ud83d\ude00y".split(/(?:)/u), ["x", "\ud83d\ude00", "y"]);
assertArrayEq("abAB".split(/b/iy), ["a", "A", ""]);
assertArrayEq("a-b".split(/(x)?-/), ["a", undefined, "b"]);
assertArrayEq("test".split(/$/), ["test"]);
"p;q".split(/(;)/);
assertEq(RegExp.$1, ";");

// ---- search and test ----
re = /b/g;
re.lastIndex = 2;
assertEq("abcb".search(re), 1);
assertEq(re.lastIndex, 2);
assertEq("abc".search(/z/), -1);
re = /b/g;
assertTrue(re.test("abcb"));
assertEq(re.lastIndex, 2);
assertTrue(re.test("abcb"));
assertEq(re.lastIndex, 4);
assertFalse(re.test("abcb"));
assertEq(re.lastIndex, 0);
re = /b/;
re.lastIndex = 9;
assertTrue(re.test("ab"));
assertEq(re.lastIndex, 9);
re = /b/y;
assertFalse(re.test("ab"));
assertEq(re.lastIndex, 0);

// ---- Falling off the fast path ----
// A patched exec on the instance.
re = /a/g;
var calls = 0;
re.exec = function (s) { calls++; return null; };
assertEq("aaa".replace(re, "b"), "aaa");
assertEq(calls, 1);
assertFalse(re.test("a"));
assertEq(calls, 2);

// A patched exec on the prototype (restored afterwards).
var origExec = RegExp.prototype.exec;
calls = 0;
RegExp.prototype.exec = function (s) { calls++; return origExec.call(this, s); };
assertEq("aXa".replace(/a/g, "b"), "bXb");
assertEq(calls, 3);
assertArrayEq("a,b".split(/,/), ["a", "b"]);
assertTrue(calls > 3);
RegExp.prototype.exec = origExec;
calls = 0;
assertEq("aXa".replace(/a/g, "b"), "bXb");
assertEq(calls, 0);

// A subclass.
class MyRE extends RegExp {
  exec(s) { var r = super.exec(s); if (r) r[0] = "Z"; return r; }
}
assertEq("aXa".replace(new MyRE("a", "g"), "$&$&"), "ZZXZZ");
assertArrayEq("a1b".split(new MyRE("\\d")), ["a", "b"]);

// A non-writable lastIndex: global replace must throw when setting it.
re = /a/g;
Object.defineProperty(re, "lastIndex", { writable: false, value: 0 });
assertThrows(function () { "aa".replace(re, "b"); }, TypeError);
re = /a/y;
Object.defineProperty(re, "lastIndex", { writable: false, value: 0 });
assertThrows(function () { re.test("a"); }, TypeError);

// lastIndex holding an object is converted with ToLength (valueOf runs).
re = /a/y;
var conv = 0;
re.lastIndex = { valueOf: function () { conv++; return 1; } };
assertEq("ba".replace(re, "X"), "bX");
assertEq(conv, 1);
re = /a/;
conv = 0;
re.lastIndex = { valueOf: function () { conv++; return 0; } };
assertTrue(re.test("a"));
assertEq(conv, 1);

// A getter on flags (and on a single flag getter) is observed.
var flagsDesc = Object.getOwnPropertyDescriptor(RegExp.prototype, "flags");
var flagReads = 0;
Object.defineProperty(RegExp.prototype, "flags", {
  get: function () { flagReads++; return flagsDesc.get.call(this); }, configurable: true });
assertEq("aa".replace(/a/g, "b"), "bb");
assertEq(flagReads, 1); // ES2024 reads "flags" (node 20 still reads "global": 0)
Object.defineProperty(RegExp.prototype, "flags", flagsDesc);
var globalDesc = Object.getOwnPropertyDescriptor(RegExp.prototype, "global");
Object.defineProperty(RegExp.prototype, "global", { get: function () { return false; }, configurable: true });
assertEq("aa".replace(/a/g, "b"), "ba");
Object.defineProperty(RegExp.prototype, "global", globalDesc);
assertEq("aa".replace(/a/g, "b"), "bb");

// split: a species constructor, a patched constructor, a limit with valueOf.
var speciesDesc = Object.getOwnPropertyDescriptor(RegExp, Symbol.species);
var built = 0;
Object.defineProperty(RegExp, Symbol.species, {
  get: function () { return function (p, f) { built++; return new RegExp(p, f); }; }, configurable: true });
assertArrayEq("a,b".split(/,/), ["a", "b"]);
assertEq(built, 1);
Object.defineProperty(RegExp, Symbol.species, speciesDesc);
re = /,/;
var limitOrder = [];
re.constructor = function (p, f) { limitOrder.push("construct"); return new RegExp(p, f); };
re.constructor[Symbol.species] = re.constructor;
assertArrayEq("a,b,c".split(re, { valueOf: function () { limitOrder.push("limit"); return 2; } }), ["a", "b"]);
assertArrayEq(limitOrder, ["construct", "limit"]);

// An own property on the instance (not lastIndex) leaves the fast path but still works.
re = /a/g;
re.foo = 1;
assertEq("aa".replace(re, "b"), "bb");
// Symbol.match patched on the prototype matters to split's constructor.
assertArrayEq("a,b".split(/,/), ["a", "b"]);

// A regexp from another shape after deleting and re-adding lastIndex can't (non-configurable).
assertThrows(function () { "use strict"; delete (/a/).lastIndex; }, TypeError);

// Catastrophic patterns are still stoppable: a sanity check that a small one completes.
assertEq("aaaaaaaaaaaaaaaaaaaa!".replace(/(a*)*b/, "x"), "aaaaaaaaaaaaaaaaaaaa!");

// A replacer that recompiles the regexp: the remaining replacements still use the matches (and
// group names) of the original pattern.
re = /(?<d>\d)/g;
var first = true;
assertEq("1a2b".replace(re, function (m, d, i, s, g) {
  if (first) { first = false; re.compile("x", "g"); for (var k = 0; k < 2000; k++) new Array(50); }
  return "<" + g.d + ">";
}), "<1>a<2>b");
