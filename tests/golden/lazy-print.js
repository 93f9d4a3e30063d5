// flags: --print-bytecode --print-bytecode-filter=lazyOne
// With lazy compilation (the default) a function's bytecode is printed when it is compiled, at its
// first call, once for all its closures; a function never called is never printed (as in node).
function make() { return function lazyOne(a) { return a + 1; }; }
var unused = function lazyOne(b) { return b * 2; };
print("before the first call");
var f = make(), g = make();
print(f(1));
print(g(2));
