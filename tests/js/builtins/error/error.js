// Error constructors, prototypes, cause, stack and toString.
var e = new Error("m");
assertEq(e.message, "m");
assertEq(e.name, "Error");
assertEq(String(e), "Error: m");
assertFalse(Object.getOwnPropertyDescriptor(e, "message").enumerable);
assertEq(typeof e.stack, "string");
assertEq(e.stack.indexOf("Error: m"), 0);
assertFalse(e.hasOwnProperty("cause"));
var c = new Error("m", { cause: 0 });
assertEq(c.cause, 0);
assertFalse(Object.getOwnPropertyDescriptor(c, "cause").enumerable);
assertFalse(new Error("m", {}).hasOwnProperty("cause"));
assertFalse(new Error().hasOwnProperty("message"));
assertEq(Error("x").message, "x");
assertTrue(Error("x") instanceof Error);
var ctors = [EvalError, RangeError, ReferenceError, SyntaxError, TypeError, URIError];
for (var i = 0; i < ctors.length; i++) {
  var C = ctors[i];
  var x = new C("q");
  assertTrue(x instanceof C);
  assertTrue(x instanceof Error);
  assertEq(x.name, C.name);
  assertEq(String(x), C.name + ": q");
  assertEq(Object.getPrototypeOf(C), Error);
  assertEq(Object.getPrototypeOf(C.prototype), Error.prototype);
  assertEq(C.length, 1);
  assertEq(C.prototype.message, "");
  assertEq(Object.prototype.toString.call(x), "[object Error]");
  assertFalse(C.prototype.hasOwnProperty("toString"));
}
var agg = new AggregateError([1, 2], "many", { cause: "c" });
assertArrayEq(agg.errors, [1, 2]);
assertEq(agg.message, "many");
assertEq(agg.cause, "c");
assertEq(AggregateError.length, 2);
assertEq(String(agg), "AggregateError: many");
assertThrows(function () { new AggregateError(1); }, TypeError);

var ts = Error.prototype.toString;
assertEq(ts.call({}), "Error");
assertEq(ts.call({ name: "N" }), "N");
assertEq(ts.call({ message: "M" }), "Error: M");
assertEq(ts.call({ name: "", message: "M" }), "M");
assertEq(ts.call({ name: "N", message: "" }), "N");
assertThrows(function () { ts.call(1); }, TypeError);
class MyError extends Error {}
var me = new MyError("sub");
assertTrue(me instanceof MyError);
assertEq(me.message, "sub");
assertEq(Object.getPrototypeOf(me), MyError.prototype);
try { null.x; } catch (err) {
  assertTrue(err instanceof TypeError);
  assertEq(err.constructor, TypeError);
}
var ed = Object.getOwnPropertyDescriptor(Error, "prototype");
assertFalse(ed.writable);
assertFalse(ed.configurable);
