// Lazy compilation: private fields, methods, accessors and static privates used from lazy
// methods and arrows, with their brand checks.
class C {
  #f = 1;
  static #sf = 10;
  #m() { return this.#f + 1; }
  get #acc() { return this.#f * 100; }
  set #acc(v) { this.#f = v; }
  static #sm() { return C.#sf; }
  read() { return this.#f; }
  callM() { return (() => this.#m())(); }
  useAcc(v) { this.#acc = v; return this.#acc; }
  static stat() { return C.#sm() + C.#sf; }
  static has(o) { return #f in o; }
  static readOther(o) { return o.#f; }
  static callOther(o) { return o.#m(); }
}
var c = new C();
assertEq(c.read(), 1);
assertEq(c.callM(), 2);
assertEq(c.useAcc(3), 300);
assertEq(C.stat(), 20);
assertEq(C.has(c), true);
assertEq(C.has({}), false);
assertThrows(() => C.readOther({}), TypeError);
assertThrows(() => C.callOther({}), TypeError);
assertThrows(() => c.read.call({}), TypeError);
