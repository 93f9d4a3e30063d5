// V8's legacy f.caller / f.arguments on sloppy functions: accessors (a non-writable,
// non-configurable data property could not change its value), revealing only sloppy ordinary
// callers and the running activation's arguments.
function callee() { return callee.caller; }
function sloppyCaller() { return callee(); }
assertEq(sloppyCaller(), sloppyCaller);
assertEq(callee(), null); // called from top-level code
function strictCaller() { "use strict"; return callee(); }
assertEq(strictCaller(), null);
assertEq((() => callee())(), null);
assertEq({ m() { return callee(); } }.m(), null);
assertEq(function* () { yield callee(); }().next().value, null);
function viaEval() { return eval("callee()"); }
assertEq(viaEval(), viaEval); // eval frames are skipped
function outer() { return inner(); }
function inner() { return inner.caller; }
assertEq(outer(), outer);
assertEq(inner.caller, null); // not running

function args(a, b) { return args.arguments; }
var got = args(1, 2, 3);
assertEq(got.length, 3);
assertEq(got[2], 3);
assertEq(args.arguments, null);

var d = Object.getOwnPropertyDescriptor(callee, "caller");
assertEq(typeof d.get, "function");
assertEq(d.set, undefined);
assertFalse(d.configurable);
assertFalse(d.enumerable);
assertThrows(function () { "use strict"; callee.caller = 1; }, TypeError);
// strict functions, classes, arrows have none of their own: Function.prototype's throw
function strictFn() { "use strict"; }
assertFalse(Object.prototype.hasOwnProperty.call(strictFn, "caller"));
assertThrows(function () { return strictFn.caller; }, TypeError);
