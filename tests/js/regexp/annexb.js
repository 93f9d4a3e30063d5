// Annex B syntax and the legacy static properties. Checked against node.
assertTrue(/]/.test("]"));
assertTrue(/{/.test("{"));
assertTrue(/x{,2}/.test("x{,2}"));
assertTrue(/\8/.test("8"));
assertEq(/\01/.exec("\u0001")[0], "\u0001");
assertTrue(/\c/.test("\\c"));
assertTrue(/[\c1]/.test("\u0011"));
assertTrue(/[\d-z]+/.test("-"));
assertTrue(/a\k/.test("ak"));
assertTrue(/\p{L}/.test("p{L}"));
assertTrue(/(?=a)*b/.test("b"));
assertEq(/\1(a)/.exec("a")[0], "a");
assertEq(/\2(a)/.exec("\u0002a")[0], "\u0002a");

/(\w)(\d)-(\w+)/.exec("xx a1-bc yy");
assertEq(RegExp.$1, "a");
assertEq(RegExp.$2, "1");
assertEq(RegExp.$3, "bc");
assertEq(RegExp.$4, "");
assertEq(RegExp.lastMatch, "a1-bc");
assertEq(RegExp["$&"], "a1-bc");
assertEq(RegExp.leftContext, "xx ");
assertEq(RegExp.rightContext, " yy");
assertEq(RegExp.lastParen, "bc");
assertEq(RegExp.input, "xx a1-bc yy");
assertEq(RegExp.$_, "xx a1-bc yy");
