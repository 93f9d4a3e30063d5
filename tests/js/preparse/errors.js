// flags: --preparse
// Early errors inside skipped bodies are still raised when the script is compiled, with the
// messages of the full parse, and before any of the script runs.

function syntaxError(src, msg) {
  var e = null;
  try { (0, eval)(src); } catch (x) { e = x; }
  assertTrue(e instanceof SyntaxError, src + ": " + e);
  if (msg) assertEq(e.message, msg);
}
syntaxError("var ran = 1; function f() { let a; let a; }", "Identifier 'a' has already been declared");
syntaxError("function f() { function g() { const b = 1; var b; } }", "Identifier 'b' has already been declared");
syntaxError("function f() { return 1 + ; }", "Unexpected token ';'");
syntaxError("function f() { 'use strict'; with (a) {} }", "Strict mode code may not include a with statement");
syntaxError("function f() { 'use strict'; var eval; }", "Unexpected eval or arguments in strict mode");
syntaxError("class C { m() { return this.#nope; } }", "Private field '#nope' must be declared in an enclosing class");
syntaxError("function f() { break; }");
syntaxError("function f() { super.x; }", "'super' keyword unexpected here");
syntaxError("function f() { new.target; function g() { yield 1; } await 1; }");
syntaxError("var o = { m() { label: label: 1; } }");
assertEq(typeof ran, "undefined");

// a syntax error after a skipped body with a declaration error: the parse error wins, as in the
// full parse (declaration errors come from scope analysis, after parsing)
syntaxError("function f() { let a; let a; } )", "Unexpected token ')'");
// two declaration errors: the first in source order wins
syntaxError("function f() { let a; var a; } function g() { let b; let b; }", "Identifier 'a' has already been declared");
// (the function body is analyzed before the later var: same order as the full analysis)
syntaxError("let q; function f() { let a; let a; } var q;", "Identifier 'a' has already been declared");

// Function() and eval bodies are pre-parsed too
assertThrows(function () { Function("function inner() { let z; let z; }"); }, SyntaxError);
assertThrows(function () { eval("(function () { let y; const y = 1; })"); }, SyntaxError);
assertEq(Function("a", "function inner() { return a * 2; } return inner();")(4), 8);
assertEq(eval("(function () { var w = 5; return function () { return w; }; })")()(), 5);
