// Error.captureStackTrace(object[, constructorOpt]) (V8).
assertEq(typeof Error.captureStackTrace, "function");
assertEq(Error.captureStackTrace.length, 2);
var d = Object.getOwnPropertyDescriptor(Error, "captureStackTrace");
assertTrue(d.writable && !d.enumerable && d.configurable);

(0, eval)("function h0(o) { h1(o); }\n" +
          "function h1(o) { h2(o); }\n" +
          "function h2(o) { Error.captureStackTrace(o, o.skip); }\n" +
          "//# sourceURL=capture.js");
Error.stackTraceLimit = 3;
var o = {};
h0(o);
assertEq(o.stack, "Error\n    at h2 (capture.js:3:24)\n    at h1 (capture.js:2:18)\n    at h0 (capture.js:1:18)");
var ds = Object.getOwnPropertyDescriptor(o, "stack");
assertTrue(ds.writable && !ds.enumerable && ds.configurable);

// Frames up to and including the topmost call of constructorOpt are left out.
o = {skip: h1};
h0(o);
assertEq(o.stack.split("\n").slice(0, 2).join("|"), "Error|    at h0 (capture.js:1:18)");
// A function that is not on the stack leaves no frame.
o = {skip: function notCalled() {}};
h0(o);
assertEq(o.stack, "Error");

// The header is the object's name and message.
o = {name: "Custom", message: "text"};
Error.captureStackTrace(o);
assertEq(o.stack.split("\n")[0], "Custom: text");
// It replaces an existing stack, on errors too.
var e = new Error("orig");
e.stack = "x";
Error.captureStackTrace(e);
assertEq(e.stack.split("\n")[0], "Error: orig");
assertEq(Error.captureStackTrace({}), undefined);

// A subclass hiding its own constructor frame, the common idiom.
(0, eval)("var MyError = class MyError extends Error {\n" +
          "  constructor(m) { super(m); this.name = 'MyError'; Error.captureStackTrace(this, MyError); }\n" +
          "}\n" +
          "function thrower() { throw new MyError('bad'); }\n" +
          "//# sourceURL=sub.js");
try { thrower(); } catch (err) {
  assertEq(err.stack.split("\n").slice(0, 2).join("|"), "MyError: bad|    at thrower (sub.js:4:28)");
}

// Non-objects are a TypeError; a non-extensible object cannot take the property.
assertThrows(function () { Error.captureStackTrace(1); }, TypeError);
assertThrows(function () { Error.captureStackTrace(undefined); }, TypeError);
assertThrows(function () { Error.captureStackTrace(Object.preventExtensions({})); }, TypeError);
var f = function () {};
Error.captureStackTrace(f);
assertEq(typeof f.stack, "string");
