// Eval code parses as a Script, and a Script may start with a hashbang comment.
assertEq(eval("#!\n"), undefined);
assertEq(eval("#!\n1"), 1);
assertEq(eval("#!2\n"), undefined);
assertEq(eval("#!"), undefined);
assertEq((0, eval)("#! comment\n40 + 2"), 42);
// only at the very start
assertThrows(function () { eval(" #!\n1"); }, SyntaxError);
assertThrows(function () { eval("1\n#!\n"); }, SyntaxError);
// a function body never starts a Script
assertThrows(function () { Function("#!\n"); }, SyntaxError);
