// Annex B: in sloppy code a call as an assignment target parses; evaluating it runs the call
// and then throws a ReferenceError (the right-hand side is not evaluated).
var calls = 0, rhs = 0;
function f() { calls++; return { valueOf: function () { rhs += 100; return 1; } }; }
function g() { rhs++; return 1; }
assertThrows(function () { f() = g(); }, ReferenceError);
assertEq(calls, 1);
assertEq(rhs, 0);
assertThrows(function () { f() += 1; }, ReferenceError);
assertThrows(function () { f()++; }, ReferenceError);
assertThrows(function () { --f(); }, ReferenceError);
assertThrows(function () { for (f() in {a: 1}) {} }, ReferenceError);
assertThrows(function () { for (f() of [1]) {} }, ReferenceError);
assertEq(calls, 6);
assertEq(rhs, 0);
// strict code rejects it early
assertThrows(function () { eval("'use strict'; f() = 1;"); }, SyntaxError);
