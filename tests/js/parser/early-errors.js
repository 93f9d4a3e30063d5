// Early errors reported by the parser reach JS as SyntaxError with V8's messages.
var geval = eval; // indirect eval: global code
function syntaxError(src) {
  var e = assertThrows(function () { geval(src); }, SyntaxError, src);
  return e.message;
}
assertEq(syntaxError("let x; var x;"), "Identifier 'x' has already been declared");
assertEq(syntaxError("}"), "Unexpected token '}'");
assertEq(syntaxError("var a = "), "Unexpected end of input");
assertEq(syntaxError("1 = 2"), "Invalid left-hand side in assignment");
assertEq(syntaxError("return 1"), "Illegal return statement");
assertEq(syntaxError("f(a b)"), "missing ) after argument list");
assertEq(syntaxError("'use strict'; var let = 1"), "Unexpected strict mode reserved word");
assertEq(syntaxError("var x y"), "Unexpected identifier 'y'");
assertEq(syntaxError("'abc"), "Invalid or unexpected token");
assertEq(syntaxError("'use strict'; with ({}) {}"), "Strict mode code may not include a with statement");
assertEq(syntaxError("'use strict'; 010"), "Octal literals are not allowed in strict mode.");
assertEq(syntaxError("({a = 1})"), "Invalid shorthand property initializer");
assertEq(syntaxError("class C { m() { this.#x; } }"), "Private field '#x' must be declared in an enclosing class");
assertEq(syntaxError("a: a: ;"), "Label 'a' has already been declared");
assertEq(syntaxError("break"), "Illegal break statement");
assertEq(syntaxError("function f(a, a) { 'use strict'; }"), "Duplicate parameter name not allowed in this context");
assertEq(syntaxError("throw\n1"), "Illegal newline after throw");
assertEq(syntaxError("/a/gg"), "Invalid regular expression flags");
syntaxError("a ?? b || c");
syntaxError("-1 ** 2");
syntaxError("async function f() { await => 1; }");
syntaxError("function* g() { yield\n* 1; }");
syntaxError("for (let of x) ;");
syntaxError("new.target");
syntaxError("super.x");
syntaxError("class A extends B { constructor() { super(); super(); } m() { super(); } }");
syntaxError("`\\unicode`");
syntaxError("0_1");
syntaxError("(a, ...b,) => 1");

// Valid programs that look suspicious.
assertEq(geval("var yield = 1; yield"), 1);
assertEq(geval("var let = 2; let"), 2);
assertEq(geval("var async = 3; async"), 3);
assertEq(geval("({ get: 1, set: 2, async: 3 }).async"), 3);
assertEq(geval("0x20000000000003"), 9007199254740996);
assertEq(geval("1_000"), 1000);
assertEq(geval("017"), 15);
assertEq(geval("'\\u{1F600}'").length, 2);
assertEq(geval("`a\\u0041${1 + 1}`"), "aA2");
assertEq(geval("x = 1\n/2/1"), 0.5);

// The Function constructor checks parameters and body separately.
assertThrows(function () { Function("a) {}; (b", ""); }, SyntaxError);
assertThrows(function () { Function("", "}); ({"); }, SyntaxError);
assertEq(Function("a", "b", "return a + b")(2, 3), 5);
