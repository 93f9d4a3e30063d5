// TypeError messages for `new` on a non-constructor and for calling a non-function name the
// callee as V8 does: the written name when it is one, else a primitive's value, else
// "(intermediate value)" (BigInts, objects).
function message(f) {
  try { f(); } catch (e) { assertTrue(e instanceof TypeError); return e.message; }
  throw new Error("no exception");
}
var a = { b: 1 }, five = 5;
assertEq(message(() => new (5n)), "(intermediate value) is not a constructor");
assertEq(message(() => new 5n), "(intermediate value) is not a constructor");
assertEq(message(() => new (5)), "5 is not a constructor");
assertEq(message(() => new (-5)), "-5 is not a constructor");
assertEq(message(() => new ("x")), "\"x\" is not a constructor");
assertEq(message(() => new (null)), "null is not a constructor");
assertEq(message(() => new (true)), "true is not a constructor");
assertEq(message(() => new undefined), "undefined is not a constructor");
assertEq(message(() => new (a.b)), "a.b is not a constructor");
assertEq(message(() => new a.b()), "a.b is not a constructor");
assertEq(message(() => new (a.b)(1)), "a.b is not a constructor");
assertEq(message(() => new five), "five is not a constructor");
assertEq(message(() => new
  five), "five is not a constructor");
assertEq(message(() => new ({})), "(intermediate value) is not a constructor");
assertEq(message(() => new (Symbol())), "(intermediate value) is not a constructor");
assertEq(message(() => new (() => 1)), "(intermediate value) is not a constructor");
assertEq(message(() => new Math.max()), "Math.max is not a constructor");
assertEq(message(() => 5n()), "(intermediate value) is not a function");
assertEq(message(() => 5()), "5 is not a function");
assertEq(message(() => a.b()), "a.b is not a function");
assertEq(message(() => five()), "five is not a function");
