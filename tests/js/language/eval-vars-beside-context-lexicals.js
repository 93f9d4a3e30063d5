// Sloppy eval code whose own lexicals live in a context (an inner function closes over them)
// still declares its vars and functions in the enclosing variable environment.
(0, eval)("let L = 1;\nfunction indirectFn() { return L; }\nvar indirectVar = 2;");
assertEq(typeof indirectFn, "function");
assertEq(indirectFn(), 1);
assertEq(indirectVar, 2);
assertEq(typeof L, "undefined"); // the let stays in the eval's own scope

eval("let M = 3; function directFn() { return M; } var directVar = 4;");
assertEq(directFn(), 3);
assertEq(directVar, 4);

function inFunction() {
  eval("let N = 5; function inner() { return N; } var v = 6;");
  return [typeof inner, inner(), v];
}
assertArrayEq(inFunction(), ["function", 5, 6]);
assertEq(typeof inner, "undefined");

function nested() {
  eval("eval('let Q = 7; var w = 8; function d() { return Q; }')");
  return w + d();
}
assertEq(nested(), 15);

// A var that would hoist over a lexical of an enclosing block is still an early error.
assertThrows(() => { { let z = 1; eval("let y = 0; function g() { return y; } var z;"); } }, SyntaxError);
