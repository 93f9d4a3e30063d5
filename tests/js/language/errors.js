// Error types and V8's messages from the interpreter, stack traces.
var e = assertThrows(function () { var u; u.x; }, TypeError);
assertEq(e.message, "Cannot read properties of undefined (reading 'x')");
e = assertThrows(function () { null.foo = 1; }, TypeError);
assertEq(e.message, "Cannot set properties of null (setting 'foo')");
e = assertThrows(function () { notDefinedAnywhere; }, ReferenceError);
assertEq(e.message, "notDefinedAnywhere is not defined");
e = assertThrows(function () { var o = {}; o.method(); }, TypeError);
assertEq(e.message, "o.method is not a function");
e = assertThrows(function () { let z = z + 1; }, ReferenceError);
assertEq(e.message, "Cannot access 'z' before initialization");
e = assertThrows(function () { const c = 1; c = 2; }, TypeError);
assertEq(e.message, "Assignment to constant variable.");
e = assertThrows(function () { new (function () {}.bind())(); new 5; }, TypeError);
e = assertThrows(function () { class X {} X(); }, TypeError);
assertEq(e.message, "Class constructor X cannot be invoked without 'new'");
assertThrows(function () { function r() { r(); } r(); }, RangeError);
assertThrows(function () { eval("var = 1"); }, SyntaxError);
assertThrows(function () { "use strict"; undeclaredStrict = 1; }, ReferenceError);
assertThrows(function () { "use strict"; delete Object.prototype; }, TypeError);
assertThrows(function () { class B { constructor() { this.x; } } class D extends B { constructor() { this.y = 1; super(); } } new D(); }, ReferenceError);
assertThrows(function () { class D extends Object { constructor() { return 1; } } new D(); }, TypeError);
assertThrows(function () { var [a] = {}; }, TypeError);
assertThrows(function () { for (var x of 5) {} }, TypeError);

// finally and rethrow keep the original error
var log = [];
try {
  try { throw new RangeError("inner"); } finally { log.push("fin"); }
} catch (err) { log.push(err.message); }
assertEq(log.join(), "fin,inner");

// stack traces name the frames
function inner() { return new Error("here").stack; }
function outer() { return inner(); }
var lines = outer().split("\n");
assertEq(lines[0], "Error: here");
assertTrue(/^    at inner \(.*:\d+:\d+\)$/.test(lines[1]), lines[1]);
assertTrue(/^    at outer \(.*:\d+:\d+\)$/.test(lines[2]), lines[2]);
function Ctor() { this.s = new Error("c").stack; }
assertTrue(/^    at new Ctor \(/.test(new Ctor().s.split("\n")[1]));
