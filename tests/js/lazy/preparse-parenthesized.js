// The pre-parser (on by default) parses a parenthesized function at once (it is about to be
// called) and skips the others; either way the functions behave the same.
var log = [];
var result = (function (a) {
  function inner(b) { return a + b; } // skipped: compiled at its first call
  log.push("iife ran");
  return inner(2);
})(1);
assertEq(result, 3);
assertEq(log.join(), "iife ran");
var obj = {
  method() { return (function () { return this; }).call("x") == "x"; },
};
assertTrue(obj.method());
// an early error inside a skipped body is still raised when the script is compiled
assertThrows(function () { Function("function skipped() { let a; let a; }"); }, SyntaxError);
assertThrows(function () { eval("(function () { return 1 })(); function g() { yield = 1; ;; return 08n; }"); }, SyntaxError);
