// Lazy compilation: what a function object shows before its first call (name, length, prototype,
// toString, typeof) comes from its SharedFunctionInfo alone, and matches the eager result.
function decl(a, b, c = 1, ...rest) { return a; }
var expr = function (x, y) { return x + y; };
var named = function own(p) { return own; };
var arrow = async (a, b) => a;
function* gen(a) { yield a; }
async function* agen() {}
var obj = { m(a) { return a; }, get g() { return 1; }, set s(v) {}, *gm() {}, async am(q) {} };
class K { meth(a, b) { return 2; } static st(x) {} get acc() { return 3; } }

assertEq(typeof decl, "function");
assertEq(decl.length, 2);
assertEq(decl.name, "decl");
assertEq(String(decl), "function decl(a, b, c = 1, ...rest) { return a; }");
assertEq(typeof decl.prototype, "object");
assertEq(decl.prototype.constructor, decl);
assertEq(expr.name, "expr");
assertEq(expr.length, 2);
assertEq(named.name, "own");
assertEq(arrow.name, "arrow");
assertEq(arrow.length, 2);
assertEq(arrow.prototype, undefined);
assertEq(Object.getPrototypeOf(gen).constructor.name, "GeneratorFunction");
assertEq(typeof gen.prototype, "object");
assertEq(Object.getPrototypeOf(agen).constructor.name, "AsyncGeneratorFunction");
assertEq(obj.m.length, 1);
assertEq(obj.m.name, "m");
assertEq(String(obj.m), "m(a) { return a; }");
assertEq(Object.getOwnPropertyDescriptor(obj, "g").get.name, "get g");
assertEq(Object.getOwnPropertyDescriptor(obj, "s").set.name, "set s");
assertEq(Object.getOwnPropertyDescriptor(obj, "s").set.length, 1);
assertEq(obj.am.length, 1);
assertEq(K.prototype.meth.length, 2);
assertEq(String(K.st), "st(x) {}");
assertEq(String(Object.getOwnPropertyDescriptor(K.prototype, "acc").get), "get acc() { return 3; }");
// methods are not constructors even before they are compiled
assertThrows(() => new obj.m(), TypeError);
assertThrows(() => new arrow(), TypeError);
// and then they run
assertEq(decl(7), 7);
assertEq(expr(1, 2), 3);
assertEq(named(), named);
assertEq(obj.m(4), 4);
assertEq(obj.g, 1);
assertEq(new K().meth(), 2);
assertEq(new K().acc, 3);
assertEq(gen(5).next().value, 5);
// the shape of the function did not change with compilation
assertEq(decl.length, 2);
assertEq(String(decl), "function decl(a, b, c = 1, ...rest) { return a; }");
