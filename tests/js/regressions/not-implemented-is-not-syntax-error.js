// A valid construct the engine does not support yet must not be reported as a SyntaxError
// (test262's negative syntax tests would pass by accident). Real syntax errors still are.
assertThrows(function () { eval("a b"); }, SyntaxError);
try {
  eval("async function f() { await 1; } f();");
} catch (e) {
  assertFalse(e instanceof SyntaxError, "unsupported async must not be a SyntaxError: " + e);
}
