// Prepended to every tests/js test by tests/run-js.sh. A test passes when it runs to the end
// without an uncaught exception (exit status 0). Keep this file ES5 so it loads on a young engine.
function __fmt(v) {
  try {
    if (typeof v === "string") return JSON.stringify(v);
    if (v === 0 && 1 / v < 0) return "-0";
    return String(v);
  } catch (e) {
    return "<unprintable>";
  }
}
function __same(a, b) {
  if (a !== a) return b !== b;
  if (a === 0 && b === 0) return 1 / a === 1 / b;
  return a === b;
}
function assertEq(actual, expected, message) {
  if (!__same(actual, expected))
    throw new Error("assertEq failed: got " + __fmt(actual) + ", expected " + __fmt(expected) +
                    (message ? " (" + message + ")" : ""));
}
function assertTrue(value, message) { assertEq(value, true, message); }
function assertFalse(value, message) { assertEq(value, false, message); }
// Calls fn and requires it to throw an instance of errorType (e.g. TypeError).
function assertThrows(fn, errorType, message) {
  try {
    fn();
  } catch (e) {
    if (!(e instanceof errorType))
      throw new Error("assertThrows: wrong error " + __fmt(e) + (message ? " (" + message + ")" : ""));
    return e;
  }
  throw new Error("assertThrows: nothing thrown" + (message ? " (" + message + ")" : ""));
}
// Compares arrays (or array-likes) element by element.
function assertArrayEq(actual, expected, message) {
  assertEq(actual.length, expected.length, (message || "") + " length");
  for (var i = 0; i < expected.length; i++) assertEq(actual[i], expected[i], (message || "") + " [" + i + "]");
}
