// Error.prepareStackTrace(error, callSites) (V8) and the CallSite objects it receives.
var run = (0, eval);
run("function f() { return new Error('m'); }\n" +
    "var A = class A { m() { return new Error(); } static s() { return new Error(); } }\n" +
    "function C() { this.e = new Error(); }\n" +
    "function strictf() { 'use strict'; return new Error(); }\n" +
    "var o = { meth: function () { return new Error(); }, other: function named() { return new Error(); } };\n" +
    "function g() { return new Error(); }\n" +
    "var arrow = () => new Error();\n" +
    "//# sourceURL=calls.js");
run("function evalIt(src) { return eval(src); }\n//# sourceURL=evalit.js");

var seenError;
Error.prepareStackTrace = function (e, sites) { seenError = e; return sites; };
function sites(e) { return e.stack; }

var s = sites(f());
assertTrue(Array.isArray(s));
assertTrue(seenError instanceof Error);
var cs = s[0];
assertEq(Object.prototype.toString.call(cs), "[object Object]");
assertEq(cs.getFunctionName(), "f");
assertEq(cs.getFileName(), undefined); // eval code has no script name
assertEq(cs.getScriptNameOrSourceURL(), "calls.js");
assertEq(cs.getLineNumber(), 1);
assertEq(cs.getColumnNumber(), 23);
assertEq(cs.getTypeName(), null);
assertEq(cs.getMethodName(), "f"); // the global object holds f
assertEq(cs.getFunction(), f);
assertEq(cs.getThis(), globalThis);
assertEq(cs.isToplevel(), true);
assertEq(cs.isEval(), true); // indirect eval code
assertEq(cs.isNative(), false);
assertEq(cs.isConstructor(), false);
assertEq(cs.isAsync(), false);
assertEq(cs.isPromiseAll(), false);
assertEq(cs.getPromiseIndex(), null);
assertEq(cs.getEvalOrigin(), "calls.js");
assertEq(cs.toString(), "f (calls.js:1:23)");
assertEq(String(cs), "f (calls.js:1:23)");
assertEq(typeof s[1].getLineNumber(), "number"); // the caller's frame

// Methods: the receiver's type, the method name; class code is strict, so no this or function.
var a = new A();
cs = sites(a.m())[0];
assertEq(cs.getTypeName(), "A");
assertEq(cs.getFunctionName(), "m");
assertEq(cs.getMethodName(), "m");
assertEq(cs.getThis(), undefined);
assertEq(cs.getFunction(), undefined);
assertEq(cs.isToplevel(), false);
assertEq(cs.toString(), "A.m (calls.js:2:32)");
cs = sites(A.s())[0];
assertEq(cs.getTypeName(), "Function");
assertEq(cs.getMethodName(), "s");

// Constructors.
cs = sites(new C().e)[0];
assertEq(cs.isConstructor(), true);
assertEq(cs.getTypeName(), null);
assertEq(cs.getMethodName(), null);
assertEq(cs.getFunctionName(), "C");
assertEq(cs.toString(), "new C (calls.js:3:25)");

// Strict functions hide their receiver and function.
cs = sites(strictf())[0];
assertEq(cs.getThis(), undefined);
assertEq(cs.getFunction(), undefined);
assertEq(cs.getFunctionName(), "strictf");

// Object methods, anonymous and named: the method name is the property that holds the function.
cs = sites(o.meth())[0];
assertEq(cs.getTypeName(), "Object");
assertEq(cs.getFunctionName(), "meth");
assertEq(cs.getMethodName(), "meth");
assertEq(cs.getThis(), o);
assertEq(cs.toString(), "Object.meth (calls.js:5:38)");
cs = sites(o.other())[0];
assertEq(cs.getFunctionName(), "named");
assertEq(cs.getMethodName(), "other");

// Primitive receivers name their wrapper type.
assertEq(sites(g.call(5))[0].getTypeName(), "Number");
assertEq(sites(g.call("s"))[0].getTypeName(), "String");
assertEq(sites(g.call(true))[0].getTypeName(), "Boolean");
assertEq(sites(arrow())[0].getFunctionName(), "arrow");

// Eval code.
cs = sites(evalIt("new Error()"))[0];
assertEq(cs.isEval(), true);
assertEq(cs.getFunctionName(), "eval");
assertEq(cs.getFileName(), undefined);
assertEq(cs.getEvalOrigin(), "eval at evalIt (evalit.js)");
assertEq(cs.toString(), "eval (eval at evalIt (evalit.js), <anonymous>:1:1)");
cs = sites(evalIt("(function evf() { return new Error(); })()"))[0];
assertEq(cs.isEval(), true);
assertEq(cs.getFunctionName(), "evf");
assertEq(cs.toString(), "evf (eval at evalIt (evalit.js), <anonymous>:1:26)");

// CallSite methods check their receiver.
var proto = Object.getPrototypeOf(cs);
assertThrows(function () { proto.getFileName.call({}); }, TypeError);
assertThrows(function () { proto.toString.call(Object.create(proto)); }, TypeError);

// Any result becomes the stack; the receiver is Error.
var self;
Error.prepareStackTrace = function () { self = this; return 42; };
assertEq(new Error().stack, 42);
assertEq(self, Error);
Error.prepareStackTrace = function (e, s) { return e.message + ":" + s.length; };
Error.stackTraceLimit = 2;
assertEq(f().stack, "m:2");
Error.stackTraceLimit = 10;

// Engine-made errors go through it as well.
Error.prepareStackTrace = function (e, s) { return "prepared " + e.name; };
try { null.x; } catch (err) { assertEq(err.stack, "prepared TypeError"); }

// Errors made inside prepareStackTrace get the default format (the recursion is bounded).
Error.prepareStackTrace = function (e, s) { return "outer[" + new Error("inner").stack.split("\n")[0] + "]"; };
assertEq(new Error("x").stack, "outer[Error: inner]");

// Not a function: the default format.
Error.prepareStackTrace = 7;
assertEq(f().stack.split("\n")[0], "Error: m");
Error.prepareStackTrace = undefined;
assertEq(f().stack.split("\n")[1], "    at f (calls.js:1:23)");

// Making an error never throws because of prepareStackTrace (V8 formats lazily; we format
// eagerly and fall back to the default text; V8 would throw the exception at the read of
// `stack`, so this part differs from node).
Error.prepareStackTrace = function () { throw new RangeError("boom"); };
assertEq(new Error("x").message, "x");
var target = {};
Error.captureStackTrace(target);
assertEq(typeof target.stack, "string");
try { null.x; } catch (err) {
  assertTrue(err instanceof TypeError);
  assertEq(err.stack.split("\n")[0], "TypeError: Cannot read properties of null (reading 'x')");
}
Error.prepareStackTrace = undefined;
