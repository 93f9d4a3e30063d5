// RegExp.escape (ES2025). Node 20 predates it: expected values follow the spec's
// EncodeForRegExpEscape and agree with test262's built-ins/RegExp/escape (all passing).
assertEq(RegExp.escape("foo.bar"), "\\x66oo\\.bar");
assertEq(RegExp.escape("1a"), "\\x31a");
assertEq(RegExp.escape("_x"), "_x");
assertEq(RegExp.escape("a-b c"), "\\x61\\x2db\\x20c");
assertEq(RegExp.escape("(?:)"), "\\(\\?\\x3a\\)");
assertEq(RegExp.escape("a\nb"), "\\x61\\nb");
assertEq(RegExp.escape("\u2028x"), "\\u2028x");
assertEq(RegExp.escape("\ud800"), "\\ud800");
assertEq(RegExp.escape("\u{1F600}"), "\u{1F600}");
assertEq(RegExp.escape("'\"`"), "\\x27\\x22\\x60");
assertEq(RegExp.escape(""), "");
assertThrows(function () { RegExp.escape(1); }, TypeError);
assertThrows(function () { RegExp.escape({ toString: function () { return "a"; } }); }, TypeError);
// Escaped text matches itself literally.
var text = "1+1=2? (yes) [maybe] {x} ^$ | / \\ .*";
assertTrue(new RegExp("^" + RegExp.escape(text) + "$").test(text));
assertTrue(new RegExp("^" + RegExp.escape(text) + "$", "v").test(text));
assertEq(RegExp.escape.length, 1);
