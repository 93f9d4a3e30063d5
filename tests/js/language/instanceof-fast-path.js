// `instanceof` answers ordinary functions without a call (interpreter.c instance_of_fast); every
// case that could observe the difference takes the generic path: an own or inherited
// Symbol.hasInstance, bound functions, proxies on the chain, a non-object prototype, primitives.

function A() {}
function B() {}
B.prototype = Object.create(A.prototype);
var b = new B();
assertTrue(b instanceof B);
assertTrue(b instanceof A);
assertTrue(b instanceof Object);
assertFalse(b instanceof Array);
assertFalse(1 instanceof A);
assertFalse("s" instanceof String);
assertFalse(null instanceof A);
assertTrue(new String("s") instanceof String);
assertFalse(Object.create(null) instanceof Object);

// The prototype property changes: the new value is read each time.
var oldProto = A.prototype;
A.prototype = {};
assertFalse(b instanceof A);
A.prototype = oldProto;
assertTrue(b instanceof A);
A.prototype = 5;
assertThrows(function () { return b instanceof A; }, TypeError);
A.prototype = oldProto;

// An own Symbol.hasInstance (static method or defined later) is called.
var calls = 0;
function C() {}
Object.defineProperty(C, Symbol.hasInstance, { value: function (v) { calls++; return v === 42; } });
assertTrue(42 instanceof C);
assertFalse(b instanceof C);
assertEq(calls, 2);
class D { static [Symbol.hasInstance](v) { return v === "d"; } }
assertTrue("d" instanceof D);
assertFalse(new D() instanceof D);
// A class extending another inherits the static method through its [[Prototype]].
class E extends D {}
assertTrue("d" instanceof E);

// A function whose [[Prototype]] is not Function.prototype.
function F() {}
var fObj = new F();
Object.setPrototypeOf(F, { [Symbol.hasInstance]: function () { return "yes"; } });
assertTrue(fObj instanceof F === true);
assertTrue(({}) instanceof F);

// Bound functions use the target's prototype.
function G() {}
var BoundG = G.bind(null);
assertTrue(new G() instanceof BoundG);
assertFalse({} instanceof BoundG);

// Proxies on the lhs chain run their getPrototypeOf trap.
var trapCalls = 0;
var px = new Proxy({}, { getPrototypeOf: function () { trapCalls++; return G.prototype; } });
assertTrue(px instanceof G);
assertEq(trapCalls, 1);
var child = Object.create(px);
assertTrue(child instanceof G);
assertEq(trapCalls, 2);

// Callables without an object prototype property, and non-callable right-hand sides.
var arrow = () => 1;
assertThrows(function () { return {} instanceof arrow; }, TypeError);
assertFalse(1 instanceof arrow);
assertThrows(function () { return {} instanceof {}; }, TypeError);
assertThrows(function () { return {} instanceof 3; }, TypeError);
