// The RegExp constructor, flags, source, toString and compile. Checked against node.
var r = new RegExp("a+", "gi");
assertEq(r.source, "a+");
assertEq(r.flags, "gi");
assertTrue(r.global);
assertTrue(r.ignoreCase);
assertFalse(r.multiline);
assertFalse(r.sticky);
assertFalse(r.unicode);
assertFalse(r.dotAll);
assertFalse(r.hasIndices);
assertFalse(r.unicodeSets);
assertEq(new RegExp("x", "dgimsuy").flags, "dgimsuy");
assertEq(new RegExp("x", "v").flags, "v");
assertTrue(new RegExp("x", "v").unicodeSets);
assertEq(String(r), "/a+/gi");
assertEq(String(new RegExp("")), "/(?:)/");
assertEq(new RegExp("").source, "(?:)");
assertEq(new RegExp("/").source, "\\/");
assertEq(new RegExp("a/b\\/c[/]").source, "a\\/b\\/c[/]");
assertEq(new RegExp("\n").source, "\\n");
assertEq(String(/\//), "/\\//");
assertEq(RegExp.prototype.source, "(?:)");
assertEq(RegExp.prototype.global, undefined);
assertEq(RegExp.prototype.flags, "");
assertEq(RegExp.prototype.toString(), "/(?:)/");
assertThrows(function () { Object.getOwnPropertyDescriptor(RegExp.prototype, "global").get.call({}); }, TypeError);
assertThrows(function () { Object.getOwnPropertyDescriptor(RegExp.prototype, "source").get.call(1); }, TypeError);

// RegExp(re) returns re itself when called without new and flags are undefined.
var a = /x/g;
assertEq(RegExp(a), a);
assertTrue(new RegExp(a) !== a);
assertEq(new RegExp(a).flags, "g");
assertEq(new RegExp(a, "i").flags, "i");
assertEq(RegExp(a, "y").flags, "y");
// IsRegExp via @@match.
var like = { source: "b+", flags: "m", constructor: RegExp };
like[Symbol.match] = true;
assertEq(RegExp(like), like);
assertEq(new RegExp(like).source, "b+");
assertEq(new RegExp(like).flags, "m");
assertEq(new RegExp(undefined).source, "(?:)");
assertEq(new RegExp(null).source, "null");
assertEq(new RegExp(123).test("x123"), true);

// lastIndex is an own, writable, non-enumerable, non-configurable data property.
var d = Object.getOwnPropertyDescriptor(/a/, "lastIndex");
assertEq(d.value, 0);
assertTrue(d.writable);
assertFalse(d.enumerable);
assertFalse(d.configurable);

// Syntax errors carry V8's messages.
var e = assertThrows(function () { new RegExp("("); }, SyntaxError);
assertEq(e.message, "Invalid regular expression: /(/: Unterminated group");
e = assertThrows(function () { new RegExp("a", "gg"); }, SyntaxError);
assertEq(e.message, "Invalid flags supplied to RegExp constructor 'gg'");
e = assertThrows(function () { new RegExp("[b-a]"); }, SyntaxError);
assertEq(e.message, "Invalid regular expression: /[b-a]/: Range out of order in character class");
assertThrows(function () { new RegExp("a", "uv"); }, SyntaxError);
assertThrows(function () { new RegExp("\\p{Nope}", "u"); }, SyntaxError);
assertThrows(function () { new RegExp("(?<a>x)(?<a>y)"); }, SyntaxError);

// Species and prototype wiring.
assertEq(RegExp[Symbol.species], RegExp);
assertEq(Object.getPrototypeOf(/a/), RegExp.prototype);
assertEq(RegExp.prototype.constructor, RegExp);
assertEq(RegExp.length, 2);
assertEq(RegExp.name, "RegExp");
assertEq(Object.prototype.toString.call(/a/), "[object RegExp]");

// Subclassing.
class MyRE extends RegExp {}
var mr = new MyRE("q", "g");
assertTrue(mr instanceof MyRE);
assertTrue(mr.test("q"));

// Annex B compile.
var c = /a/g;
assertEq(c.compile("b", "i"), c);
assertEq(c.source, "b");
assertEq(c.flags, "i");
assertTrue(c.test("B"));
c.compile(/z/m);
assertEq(c.flags, "m");
assertThrows(function () { c.compile(/z/, "g"); }, TypeError);
