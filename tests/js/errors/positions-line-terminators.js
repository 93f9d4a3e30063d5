// Error positions count every line terminator (LF, CR, CRLF, U+2028, U+2029) in one-byte and
// two-byte sources; eval origins and //# sourceURL work in both.
function where(src) {
  try { (0, eval)(src); } catch (e) { var m = /:(\d+):(\d+)\)?$/.exec(e.stack.split("\n")[1]); return ":" + m[1] + ":" + m[2]; }
  return "no error";
}
assertEq(where("1;\nnull.x"), ":2:6");
assertEq(where("1;\r\nnull.x"), ":2:6");
assertEq(where("1;\r2;\rnull.x"), ":3:6");
assertEq(where("'\u00e9';\n\nnull.x"), ":3:6");                 // one-byte (Latin-1)
assertEq(where("'\u4e2d';\u2028null.x"), ":2:6");               // two-byte, U+2028
assertEq(where("'\u4e2d';\r\n\u2029null.x"), ":3:6");
function stackOf(src) { try { (0, eval)(src); } catch (e) { return e.stack; } return ""; }
assertTrue(/at eval \(named\.js:2:6\)|\(named\.js:2:6\)|named\.js:2:6/.test(stackOf("1;\nnull.x\n//# sourceURL=named.js")));
assertTrue(/wide\.js:2:6/.test(stackOf("'\u4e2d';\nnull.x\n//# sourceURL=wide.js")));
assertFalse(/bogus\.js/.test(stackOf("var s = 'x //# sourceURL=bogus.js';\nnull.x")));
// a direct eval's origin names the caller's line
function caller() {
  var a = 1;
  return eval("null.x");
}
try { caller(); } catch (e) { assertTrue(/eval at caller \(.*:\d+:\d+\)/.test(e.stack), e.stack); }
