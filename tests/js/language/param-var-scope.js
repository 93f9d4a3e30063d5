// With parameter expressions, the body's vars are a separate scope; a var named like a
// parameter starts with the parameter's value.
function h(a = 1) { var a; return a; }
assertEq(h(), 1);
assertEq(h(5), 5);
function g(a, b = () => a) { var a; a = 2; return [a, b()]; }
assertArrayEq(g(1), [2, 1]);
function k(x = 0) { var arguments; return typeof arguments; }
assertEq(k(), "object");
function m(a = 1) { var b; return b; }
assertEq(m(), undefined);
function n({p}, q = p) { var p; var q; return p + q; }
assertEq(n({p: 3}), 6);

// With parameter expressions the parameters see the arguments object whatever the body declares.
var args;
function pa(x = args = arguments) { function arguments() {} return typeof arguments; }
assertEq(pa(), "function");
assertEq(typeof args, "object");
assertEq(args.length, 0);
function pb(x = args = arguments) { let arguments = 5; return arguments; }
assertEq(pb(undefined, 7), 5);
assertEq(args.length, 2);
function pc(a = () => arguments) { var arguments = 3; return [a().length, arguments]; }
assertArrayEq(pc(undefined, 9), [2, 3]);
function pd(a = 1) { var arguments; return arguments.length; }
assertEq(pd(1, 2, 3), 3);
