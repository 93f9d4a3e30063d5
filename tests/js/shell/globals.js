// The shell's globals exist with the right shapes; read() of a missing file throws.
assertEq(typeof print, "function");
assertEq(typeof printErr, "function");
assertEq(typeof load, "function");
assertEq(typeof read, "function");
assertEq(typeof readbuffer, "function");
assertEq(typeof quit, "function");
assertEq(typeof setTimeout, "function");
assertEq(typeof clearTimeout, "function");
assertEq(typeof console, "object");
assertEq(typeof console.log, "function");
assertEq(typeof console.error, "function");
assertEq(typeof gc, "undefined"); // only with --expose-gc
assertTrue(Array.isArray(arguments));
assertEq(print("print returns undefined"), undefined);
assertEq(console.log("%s is %d years and %i days", "petrel", 4.5, 3.9, "extra"), undefined);
assertEq(console.log({ a: 1, b: "x", c: [1, 2, { d: null }], f: function f() {} }), undefined);
// The global functions are not enumerable, as built-ins are not.
assertEq(Object.keys(globalThis).indexOf("print"), -1);
var e = assertThrows(function () { read("/nonexistent/petrel-file"); }, Error);
assertTrue(e.message.indexOf("/nonexistent/petrel-file") >= 0);
assertThrows(function () { load("/nonexistent/petrel-file.js"); }, Error);
assertThrows(function () { setTimeout("not a function", 0); }, TypeError);
// read() and readbuffer() of a real file.
assertEq(read("/dev/null"), "");
var buf = readbuffer("/dev/null");
assertTrue(buf instanceof ArrayBuffer);
assertEq(buf.byteLength, 0);
