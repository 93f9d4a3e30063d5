// Boolean constructor and prototype.
assertEq(Boolean(""), false);
assertEq(Boolean("0"), true);
assertEq(Boolean(NaN), false);
assertEq(Boolean({}), true);
assertEq(Boolean(), false);
var w = new Boolean(false);
assertEq(typeof w, "object");
assertEq(w.valueOf(), false);
assertEq(w.toString(), "false");
assertTrue(!!w);
assertEq(true.toString(), "true");
assertEq(Boolean.prototype.valueOf(), false);
assertThrows(function () { Boolean.prototype.toString.call(1); }, TypeError);
assertThrows(function () { Boolean.prototype.valueOf.call({}); }, TypeError);
assertEq(Object.prototype.toString.call(w), "[object Boolean]");
assertEq(Boolean.length, 1);
assertEq(Object.getPrototypeOf(w), Boolean.prototype);
assertEq(Boolean.prototype.constructor, Boolean);
