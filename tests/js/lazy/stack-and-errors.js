// Lazy compilation: error locations and stack traces from lazily compiled functions are the
// eager ones (positions are absolute in the script), and a function whose code cannot be
// generated (nesting too deep for the generator) throws a RangeError at each call, not at load.
(0, eval)("function thrower() {\n" +
          "  var x = 1;\n" +
          "  return new Error('here');\n" +
          "}\n" +
          "function caller() { return thrower(); }\n" +
          "//# sourceURL=lazy-stack.js");
var lines = caller().stack.split("\n");
assertEq(lines[1], "    at thrower (lazy-stack.js:3:10)");
assertEq(lines[2], "    at caller (lazy-stack.js:5:28)");

// With --no-lazy the same code fails when the script is compiled instead.
var deep = "(function deepFn() { return " + "[".repeat(2500) + "]".repeat(2500) + "; })";
var deepFn = null;
try {
  deepFn = (0, eval)(deep);
} catch (e) {
  assertTrue(e instanceof RangeError, "eager compilation fails with a RangeError");
}
if (deepFn) {
  assertEq(deepFn.name, "deepFn");
  assertEq(deepFn.length, 0);
  assertThrows(deepFn, RangeError);
  assertThrows(deepFn, RangeError);
}
