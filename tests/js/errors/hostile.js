// Hostile uses of the stack-trace API end in a JavaScript value or error, never a crash or hang.
// (Petrel formats eagerly, so the cases where prepareStackTrace throws differ from node: see
// docs/errors.md.)
function r(n) { return r(n + 1); }

// Unlimited frames on a stack overflow.
Error.stackTraceLimit = Infinity;
try { r(0); } catch (e) {
  assertTrue(e instanceof RangeError);
  assertTrue(e.stack.split("\n").length > 100);
}

// A prepareStackTrace that recurses without end: the overflow inside it is dropped and the
// default text used, for engine-made errors and constructed ones.
Error.prepareStackTrace = function p(e, s) { return p(e, s); };
try { r(0); } catch (e) {
  assertTrue(e instanceof RangeError);
  assertEq(e.stack.split("\n")[0], "RangeError: Maximum call stack size exceeded");
}
assertEq(new Error("z").stack.split("\n")[0], "Error: z");
Error.stackTraceLimit = 10;

// It keeps working afterwards.
Error.prepareStackTrace = function (e, s) { return s.map(String).length; };
function a() { return new Error("q").stack; }
assertEq(typeof a(), "number");

// The CallSite array belongs to the callee; changing it changes nothing else.
Error.prepareStackTrace = function (e, s) { s.length = 0; s.push(1); return s; };
assertArrayEq(new Error().stack, [1]);

// captureStackTrace inside prepareStackTrace gets the default text.
Error.prepareStackTrace = function (e, s) { Error.captureStackTrace(e); return e.stack + "|"; };
var st = new Error("c").stack;
assertEq(st.split("\n")[0], "Error: c");
assertEq(st[st.length - 1], "|");

// prepareStackTrace making errors of its own, with a limit of zero.
Error.stackTraceLimit = 0;
Error.prepareStackTrace = function (e, s) { return s.length + ":" + new TypeError("t").stack; };
assertEq(new Error("x").stack, "0:TypeError: t");
Error.stackTraceLimit = 10;
Error.prepareStackTrace = undefined;

// An accessor for stackTraceLimit is not run (V8 reads data properties only): no stack.
var ran = false;
Object.defineProperty(Error, "stackTraceLimit", { get() { ran = true; return 5; }, configurable: true });
assertEq(new Error("g").stack, undefined);
assertFalse(ran);
// Objects of every kind take a stack, proxies included.
var target = {};
var p = new Proxy(target, {});
Error.captureStackTrace(p);
assertTrue(Object.prototype.hasOwnProperty.call(target, "stack"));
Object.defineProperty(Error, "stackTraceLimit", { value: 10, writable: true, enumerable: true, configurable: true });
Error.captureStackTrace(p);
assertEq(typeof target.stack, "string");
// A proxy that refuses the definition makes captureStackTrace throw.
var refusing = new Proxy({}, { defineProperty() { return false; } });
assertThrows(function () { Error.captureStackTrace(refusing); }, TypeError);
