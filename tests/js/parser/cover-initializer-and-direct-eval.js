// Shorthand initializers ({a = 0}) are only valid where the literal becomes a pattern; an async
// arrow's parameters are such a place; (eval)(src) is a direct eval.
function syntaxError(src) { assertThrows(function () { Function(src); }, SyntaxError, src); }
function parses(src) { Function(src); }

syntaxError("[{a = 0}.x] = [];");
syntaxError("[...{a = 0}.x] = [];");
syntaxError("({a: {b = 0}.x} = {});");
syntaxError("({...{b = 0}.x} = {});");
syntaxError("x = [{a = 0}];");
syntaxError("async({a = 1});");
syntaxError("f({a = 1});");
// member targets whose object literal is plain are fine
parses("[{a: 0}.x] = [];");
parses("[...[0].x] = [];");
parses("({a: {b: 0}.x} = {});");
parses("[{a = 0}] = [{}];");
parses("({a: {b = 0}} = {a: {}});");

// async arrows take destructuring parameters with defaults
var f = async ({ a = 1 }) => a;
var g = async (x, [{ b = 2 }]) => x + b;
var results = [];
f({}).then(function (v) { results.push(v); });
g(1, [{}]).then(function (v) { results.push(v); });
setTimeout(function () { assertEq(results.join(), "1,3"); }, 0);

// (eval)(...) is a direct eval: it sees the local scope
var t = "global";
function group() { var t = "local"; return (eval)("t"); }
function comma() { var t = "local"; return (0, eval)("t"); }
assertEq(group(), "local");
assertEq(comma(), "global");

// delete super[expr] evaluates expr, then throws ReferenceError
var d = {
  m() {
    var side = 0;
    assertThrows(() => { delete super[side = 1]; }, ReferenceError);
    return side;
  },
};
assertEq(d.m(), 1);
