// Private methods, static or not, cannot be assigned; error messages name the private name once.
class C {
  #x;
  #m() { return 1; }
  static #sm() { return 2; }
  static assignStatic() { this.#sm = 0; }
  static assignInstance(o) { o.#m = 0; }
  static writeField(o) { o.#x = 1; }
  static readField(o) { return o.#x; }
  static callStatic() { return C.#sm(); }
  static staticName() { return C.#sm.name; }
}
var e = assertThrows(function () { C.assignStatic(); }, TypeError);
assertThrows(function () { C.assignInstance(new C()); }, TypeError);
assertEq(C.callStatic(), 2, "the failed assignment left the method in place");
assertEq(C.staticName(), "#sm");

function message(fn) { try { fn(); } catch (err) { return err.message; } return "no error"; }
assertEq(message(function () { C.assignStatic(); }), "Private method '#sm' is not writable");
assertEq(message(function () { C.assignInstance(new C()); }), "Private method '#m' is not writable");
assertEq(message(function () { C.writeField({}); }),
         "Cannot write private member #x to an object whose class did not declare it");
assertEq(message(function () { C.readField({}); }),
         "Cannot read private member #x from an object whose class did not declare it");
