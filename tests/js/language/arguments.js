// Mapped (sloppy, simple parameters) and unmapped arguments objects.
function sl(a) { arguments[0] = 9; return a; }
assertEq(sl(1), 9);
function sl2(a) { a = 7; return arguments[0]; }
assertEq(sl2(1), 7);
function sl3(a, b) { delete arguments[0]; arguments[0] = 5; return a + "," + arguments.length + "," + b; }
assertEq(sl3(1), "1,1,undefined");
function st(a) { "use strict"; arguments[0] = 9; return a; }
assertEq(st(1), 1);
function dflt(a = 0) { arguments[0] = 9; return a; }
assertEq(dflt(1), 1);
function dup(a, a) { return arguments[0] + "|" + arguments[1] + "|" + a; }
assertEq(dup(1, 2), "1|2|2");
function frozen(a) { Object.defineProperty(arguments, "0", { writable: false }); a = 3; return arguments[0]; }
assertEq(frozen(1), 1);
assertEq(Object.prototype.toString.call((function () { return arguments; })()), "[object Arguments]");
function cal() { return arguments.callee; }
assertEq(cal(), cal);
assertThrows(function () { "use strict"; return arguments.callee; }, TypeError);
function spreadArgs() { return [...arguments].join(); }
assertEq(spreadArgs(1, 2, 3), "1,2,3");
function rest(a, ...r) { return r.length + arguments.length; }
assertEq(rest(1, 2, 3), 5);
var arrow = function () { return (() => arguments[0])(); };
assertEq(arrow(4), 4);
