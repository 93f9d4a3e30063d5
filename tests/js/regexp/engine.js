// Engine robustness from JavaScript: long inputs, deep patterns, catastrophic patterns that
// still finish on short inputs, and modifiers / duplicate named groups (ES2025; hand-verified,
// node 20 predates them).
var long = "a".repeat(100000);
assertEq(/(?:a|b)*a/.exec(long)[0].length, 100000);
assertEq(/a*b/.exec(long.slice(0, 3000)), null); // quadratic in V8 too: keep it short
assertEq(/(a+)+b/.exec("aaaaaaaaaaaaaaaaaaaa"), null);
assertEq(long.slice(0, 3000).replace(/a/g, "").length, 0);
assertEq(/(((((((((((a)))))))))))/.exec("a")[11], "a");
var deep = "";
for (var i = 0; i < 200; i++) deep += "(?:";
deep += "x";
for (var i = 0; i < 200; i++) deep += ")";
assertTrue(new RegExp(deep).test("x"));
var tooDeep = "";
for (var i = 0; i < 20000; i++) tooDeep += "(?:";
assertThrows(function () { new RegExp(tooDeep); }, SyntaxError);

// Modifiers.
assertTrue(/(?i:a)b/.test("Ab"));
assertFalse(/(?i:a)b/.test("AB"));
assertTrue(/(?-i:a)b/i.test("aB"));
assertFalse(/(?-i:a)b/i.test("AB"));
assertTrue(/(?m:^b)/.test("a\nb"));
assertTrue(/(?s:.)/.test("\n"));
assertThrows(function () { new RegExp("(?ii:a)"); }, SyntaxError);

// Duplicate named groups in different alternatives.
var d = /(?<y>\d{4})-\d\d|\d\d-(?<y>\d{4})/;
assertEq(d.exec("2024-05").groups.y, "2024");
assertEq(d.exec("05-2024").groups.y, "2024");
assertEq(/(?:(?<a>x)|(?<a>y))\k<a>/.exec("yy")[0], "yy");
assertThrows(function () { new RegExp("(?<a>x)(?<a>y)"); }, SyntaxError);
