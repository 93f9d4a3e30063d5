// Lazy compilation: free names of a function compiled at its first call resolve exactly as in
// eager code: let/const TDZ, const assignment, the sloppy function-name binding, script-level
// lexicals, globals, and closures over every kind of enclosing scope.
function tdz() {
  function read() { return x; }
  function write() { x = 2; }
  assertThrows(read, ReferenceError);
  assertThrows(write, ReferenceError);
  let x = 1;
  assertEq(read(), 1);
  write();
  assertEq(read(), 2);
}
tdz();

function constAssign() {
  const c = 1;
  function set() { c = 2; }
  assertThrows(set, TypeError);
  assertEq(c, 1);
  return () => c;
}
assertEq(constAssign()(), 1);

var sloppyOwn = function me() { me = 1; return me; };
assertEq(sloppyOwn(), sloppyOwn);
var strictOwn = function me() { "use strict"; me = 1; };
assertThrows(strictOwn, TypeError);

// Script-level lexicals are read by name at run time: TDZ, const assignment and typeof.
function readLater() { return scriptLet; }
function typeofLater() { return typeof scriptLet; }
function assignConst() { scriptConst = 3; }
function readClass() { return ScriptClass; }
assertThrows(readLater, ReferenceError);
assertThrows(typeofLater, ReferenceError);
assertThrows(readClass, ReferenceError);
let scriptLet = "L";
const scriptConst = "C";
class ScriptClass {}
assertEq(readLater(), "L");
assertEq(typeofLater(), "string");
assertThrows(assignConst, TypeError);
assertEq(scriptConst, "C");
assertEq(readClass(), ScriptClass);
function undeclared() { return typeof notDeclaredAnywhere; }
assertEq(undeclared(), "undefined");
function makeGlobal() { lateGlobal = 5; }
makeGlobal();
assertEq(lateGlobal, 5);

// Block, catch, loop and class scopes.
var fs = [];
for (let i = 0; i < 3; i++) fs.push(() => i);
assertArrayEq(fs.map(f => f()), [0, 1, 2]);
try { throw 7; } catch (e) { var fromCatch = () => e; }
assertEq(fromCatch(), 7);
{
  let blockVar = "b";
  function inBlock() { return blockVar; }
  assertEq(inBlock(), "b");
}
function params(a, b = () => a, c = b()) { return () => [a, c]; }
assertArrayEq(params(1)(), [1, 1]);

// Nested lazy functions: each level compiles at its own first call.
function level1(a) { return function level2(b) { return function level3(c) { return a + b + c; }; }; }
assertEq(level1(1)(2)(3), 6);
assertEq(level1(10)(20)(30), 60);

// Many closures of one function share its compiled code, whichever is called first, and each keeps
// its own context.
var counters = [];
for (var k = 0; k < 50; k++) counters.push((function (start) { return function next() { return start++; }; })(k));
assertEq(counters[49](), 49);
assertEq(counters[0](), 0);
assertEq(counters[0](), 1);
assertEq(counters[49](), 50);

// Template objects are per site, also for closures made before the function was compiled.
function makeTagger() { return function () { return (s => s)`x${1}y`; }; }
var t1 = makeTagger(), t2 = makeTagger();
assertEq(t1(), t2());
assertEq(t1(), t1());
