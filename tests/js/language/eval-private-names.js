// Direct eval inside a class body sees the class's private names.
var m = "outer m";
class C {
  #m = 44;
  #meth() { return "meth"; }
  get #g() { return "getter"; }
  read() { return eval("this.#m"); }
  write(v) { eval("this.#m = v"); return this.#m; }
  callMeth() { return eval("this.#meth()"); }
  readGetter() { return eval("this.#g"); }
  has(o) { return eval("#m in o"); }
}
var c = new C();
assertEq(c.read(), 44);
assertEq(c.write(7), 7);
assertEq(c.callMeth(), "meth");
assertEq(c.readGetter(), "getter");
assertTrue(c.has(c));
assertTrue(!c.has({}));
assertThrows(function () { c.read.call({}); }, TypeError);
// outside any class a private name in eval is an early error
assertThrows(function () { eval("this.#m"); }, SyntaxError);
