// Method frames as V8 prints them: "Type.name", "Type.name [as key]" when the receiver holds the
// function under another key, "Type.key" for anonymous functions.
(0, eval)("function Foo() {}\n" +
          "Foo.prototype.bar = function () { return new Error('x'); };\n" +
          "Foo.prototype.baz = function named() { return new Error('x'); };\n" +
          "Foo.prototype.qux = function qux() { return new Error('x'); };\n" +
          "var o = { meth: function named2() { return new Error(); }, plain() { return new Error(); } };\n" +
          "function free() { return new Error(); }\n" +
          "//# sourceURL=methods.js");
function line1(e) { return e.stack.split("\n")[1]; }
var f = new Foo();
assertEq(line1(f.bar()), "    at Foo.bar (methods.js:2:42)");
assertEq(line1(f.baz()), "    at Foo.named [as baz] (methods.js:3:47)");
assertEq(line1(f.qux()), "    at Foo.qux (methods.js:4:45)");
assertEq(line1(o.meth()), "    at Object.named2 [as meth] (methods.js:5:44)");
assertEq(line1(o.plain()), "    at Object.plain (methods.js:5:77)");
// A named function reached under its own name and another key keeps its name.
Foo.prototype.alias = Foo.prototype.qux;
assertEq(line1(f.alias()), "    at Foo.qux (methods.js:4:45)");
// Called on an object that does not hold it: no method name either.
assertEq(line1(free.call({})), "    at Object.free (methods.js:6:26)");

// A static method names its class; a function named like the type prints once.
(0, eval)("class A { static s() { return new Error(); } }\n" +
          "function Bar() {}\n" +
          "Bar.prototype.Bar = function Bar() { return new Error(); };\n" +
          "var AA = A, BB = Bar;\n" +
          "//# sourceURL=static.js");
assertEq(line1(AA.s()), "    at A.s (static.js:1:31)");
assertEq(line1(new BB().Bar()), "    at Bar (static.js:3:45)");
