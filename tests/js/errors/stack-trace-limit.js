// Error.stackTraceLimit (V8): a writable, enumerable data property on Error, read when a stack is
// captured; not a number means no stack (an own `stack` of undefined), 0 the header only.
var d = Object.getOwnPropertyDescriptor(Error, "stackTraceLimit");
assertEq(d.value, 10);
assertTrue(d.writable && d.enumerable && d.configurable);

// Code evaluated with a sourceURL gives file names and positions that do not depend on the runner.
var run = (0, eval);
run("function deep(n) { if (n === 0) return new Error('bottom'); return deep(n - 1); }\n" +
    "//# sourceURL=limit.js");

function frames(e) { return e.stack.split("\n").length - 1; }
assertEq(frames(deep(20)), 10);
Error.stackTraceLimit = 3;
assertEq(deep(20).stack,
         "Error: bottom\n    at deep (limit.js:1:40)\n    at deep (limit.js:1:68)\n    at deep (limit.js:1:68)");
Error.stackTraceLimit = 0;
assertEq(deep(5).stack, "Error: bottom");
Error.stackTraceLimit = -5;
assertEq(deep(5).stack, "Error: bottom");
Error.stackTraceLimit = 1.9; // truncated
assertEq(frames(deep(5)), 1);
Error.stackTraceLimit = Infinity;
assertEq(frames(deep(30)) - frames(deep(0)), 30);
assertTrue(frames(deep(0)) >= 2);
Error.stackTraceLimit = 50;
assertEq(frames(deep(100)), 50);

// Not a number: no stack is captured, but the own property exists (as in V8).
Error.stackTraceLimit = "5";
var e = new Error("q");
assertEq(e.stack, undefined);
assertTrue(Object.prototype.hasOwnProperty.call(e, "stack"));
var ds = Object.getOwnPropertyDescriptor(e, "stack");
assertTrue(ds.writable && !ds.enumerable && ds.configurable);
delete Error.stackTraceLimit;
assertEq(new Error("q").stack, undefined);
// Engine-made errors follow the same limit.
try { null.x; } catch (err) { assertEq(err.stack, undefined); }
Error.stackTraceLimit = 0;
try { null.x; } catch (err) { assertEq(err.stack, "TypeError: Cannot read properties of null (reading 'x')"); }
Error.stackTraceLimit = 10;
assertEq(typeof new Error("q").stack, "string");
