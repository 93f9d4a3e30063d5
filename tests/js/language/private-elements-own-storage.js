// Private elements belong to the object itself: a Proxy has its own (none of its target's), and
// its traps never see private names.
var trapped = [];
function handler() {
  var h = {};
  ["get", "set", "has", "getOwnPropertyDescriptor", "defineProperty", "deleteProperty", "ownKeys"].forEach(function (t) {
    h[t] = function () { trapped.push(t); return Reflect[t].apply(null, arguments); };
  });
  return h;
}

class C {
  static #sx = 1;
  static #sm() { return 2; }
  #x = 3;
  #m() { return 4; }
  get #acc() { return 5; }
  static sx(o) { return o.#sx; }
  static sm(o) { return o.#sm(); }
  static x(o) { return o.#x; }
  static m(o) { return o.#m(); }
  static acc(o) { return o.#acc; }
  static has(o) { return #x in o; }
  static setX(o, v) { o.#x = v; }
}
var P = new Proxy(C, handler());
assertEq(C.sx(C), 1);
assertThrows(function () { C.sx(P); }, TypeError);
assertThrows(function () { C.sm(P); }, TypeError);
var c = new C();
var pc = new Proxy(c, handler());
assertEq(C.x(c), 3);
assertThrows(function () { C.x(pc); }, TypeError);
assertThrows(function () { C.m(pc); }, TypeError);
assertThrows(function () { C.acc(pc); }, TypeError);
assertThrows(function () { C.setX(pc, 1); }, TypeError);
assertFalse(C.has(pc));
assertTrue(C.has(c));
assertEq(trapped.length, 0, "no trap ran: " + trapped.join());

// A proxy returned from a base constructor receives the subclass's private elements itself,
// without its defineProperty trap, and its target does not.
class Base { constructor(o) { return o; } }
class Stamp extends Base {
  #tag = "stamped";
  #m() { return "method"; }
  static tag(o) { return o.#tag; }
  static m(o) { return o.#m(); }
  static has(o) { return #tag in o; }
}
var target = {};
var proxy = new Proxy(target, handler());
trapped = [];
new Stamp(proxy);
assertEq(Stamp.tag(proxy), "stamped");
assertEq(Stamp.m(proxy), "method");
assertFalse(Stamp.has(target));
assertEq(trapped.length, 0, "no trap ran: " + trapped.join());
assertThrows(function () { new Stamp(proxy); }, TypeError); // twice on the same object

// Every private method and accessor exists before the first field initializer runs.
class Order {
  a = this.#m();
  #m() { return 42; }
  b = this.#g;
  get #g() { return this.a + 1; }
}
var o = new Order();
assertEq(o.a, 42);
assertEq(o.b, 43);
