// super() inside a direct eval in a derived constructor (also through arrows and nested evals)
// binds the constructor's this, runs its field initializers, and passes its new.target.
class Base { constructor() { this.base = 1; this.target = new.target; } }
class Direct extends Base {
  field = 7;
  constructor() {
    var r = eval("super(); this");
    assertEq(r, this);
    assertEq(this.base, 1);
    assertEq(this.field, 7);
    assertEq(this.target, Direct);
  }
}
new Direct();

class ViaArrow extends Base {
  constructor() {
    (() => eval("super()"))();
    assertTrue(this instanceof ViaArrow);
    assertEq(this, eval("this"));
    assertEq(this, (() => this)());
  }
}
new ViaArrow();

class Nested extends Base {
  constructor() {
    eval("eval('super()')");
    assertEq(this.target, Nested);
  }
}
new Nested();

class Twice extends Base {
  constructor() {
    eval("super()");
    // a plain function inside the constructor is not the constructor: SyntaxError there
    assertThrows(function () { eval("super()"); }, SyntaxError);
    var self = this;
    assertThrows(() => eval("super()"), ReferenceError);
    assertEq(self.base, 1);
  }
}
new Twice();

// Outside a derived constructor super() in eval code is a SyntaxError.
class Plain { constructor() { assertThrows(() => eval("super()"), SyntaxError); } }
new Plain();
function f() { return eval("super()"); }
assertThrows(f, SyntaxError);
