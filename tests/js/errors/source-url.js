// `//# sourceURL=name` names eval'd code in stack traces and error locations; eval frames print
// their origin as V8 does.
var run = (0, eval);
var e = run("new Error('x')\n//# sourceURL=foo.js");
assertEq(e.stack.split("\n")[1], "    at eval (foo.js:1:1)");
e = run("new Error('x')\n//@ sourceURL=old-style.js");
assertEq(e.stack.split("\n")[1], "    at eval (old-style.js:1:1)");
// The last one wins; the name ends at white space.
e = run("//# sourceURL=first.js\nnew Error('x')\n//# sourceURL=second.js");
assertEq(e.stack.split("\n")[1], "    at eval (second.js:2:1)");
e = run("new Error('x')\n//# sourceURL=odd'name.js  ");
assertEq(e.stack.split("\n")[1], "    at eval (odd'name.js:1:1)");
e = run("new Error('x')\n//# sourceURL=with trailing words");
assertEq(e.stack.split("\n")[1].indexOf("    at eval (eval at "), 0);
// Only in a comment: a string holding the text does not name the script.
e = run("var s = '\\n//# sourceURL=in-string.js'; new Error('x')");
assertEq(e.stack.split("\n")[1].indexOf("    at eval (eval at "), 0);
e = run("new Error('x')\n//#sourceURL=no-space.js"); // needs white space after the #
assertEq(e.stack.split("\n")[1].indexOf("    at eval (eval at "), 0);

// Functions defined by the code carry the name too.
run("function named() { return new Error('y'); }\n//# sourceURL=lib.js");
assertEq(named().stack.split("\n")[1], "    at named (lib.js:1:27)");

// Eval origins: the caller's name and where it is; code that is itself eval'd is named by its
// sourceURL (or its own origin), without a position.
run("function f() { return eval('new Error(\"n\")'); }\n" +
    "function g() { return eval('eval(\"new Error(\\\\\"m\\\\\")\")'); }\n" +
    "function h() { return eval('(function () { return new Error(\"a\"); })()'); }\n" +
    "function k() { return new Function('return new Error(\"d\")')(); }\n" +
    "//# sourceURL=origin.js");
assertEq(f().stack.split("\n").slice(1, 3).join("|"),
         "    at eval (eval at f (origin.js), <anonymous>:1:1)|    at f (origin.js:1:23)");
assertEq(g().stack.split("\n").slice(1, 3).join("|"),
         "    at eval (eval at <anonymous> (eval at g (origin.js)), <anonymous>:1:1)|" +
         "    at eval (eval at g (origin.js), <anonymous>:1:1)");
assertEq(h().stack.split("\n")[1].indexOf("    at eval (eval at h (origin.js), <anonymous>:1:"), 0);
assertEq(k().stack.split("\n")[1], "    at eval (eval at k (origin.js), <anonymous>:3:8)");

// Error locations of uncaught errors use it as well (checked through the shell in
// tests/js/shell); here the thrown error's stack names it.
try { run("undefinedVariable\n//# sourceURL=thrower.js"); } catch (err) {
  assertTrue(err instanceof ReferenceError);
  assertEq(err.stack.split("\n")[1], "    at eval (thrower.js:1:1)");
}

// A script evaluated from a named script carries the caller's position.
var src = "function outer() { return eval('new Error(1)'); }";
var o = run("(function () { " + src + " return outer(); })\n//# sourceURL=wrap.js")();
assertEq(o.stack.split("\n")[1], "    at eval (eval at outer (wrap.js), <anonymous>:1:1)");
