// Lazy compilation: this, arguments, new.target and super reached from lazy arrows and methods.
function F() {
  this.a = 1;
  var arrow = () => [this.a, arguments.length, new.target === F];
  this.r = arrow();
}
var f = new F(1, 2);
assertArrayEq(f.r, [1, 2, true]);

function withArgs() { return () => () => arguments[0]; }
assertEq(withArgs("arg")()(), "arg");
function mapped(a) { var set = () => { arguments[0] = "changed"; }; set(); return a; }
assertEq(mapped("orig"), "changed");

var base = { greet() { return "base"; } };
var derived = {
  __proto__: base,
  greet() { return () => "derived+" + super.greet(); },
};
assertEq(derived.greet()(), "derived+base");

class A {
  constructor(x) { this.x = x; }
  who() { return "A" + this.x; }
  static make() { return "A.make"; }
}
class B extends A {
  constructor() {
    var callSuper = () => super(5);
    callSuper();
  }
  who() { var f = () => super.who(); return "B>" + f(); }
  static make() { return (() => super.make())() + "!"; }
  get getter() { return super.who(); }
}
var b = new B();
assertEq(b.x, 5);
assertEq(b.who(), "B>A5");
assertEq(B.make(), "A.make!");
assertEq(b.getter, "A5");

function NT() { return (() => new.target)(); }
assertEq(new NT() instanceof NT, false);
assertEq(NT(), undefined);

var sloppyThis = function () { return this; };
assertEq(sloppyThis(), globalThis);
var strictThis = function () { "use strict"; return this; };
assertEq(strictThis(), undefined);
