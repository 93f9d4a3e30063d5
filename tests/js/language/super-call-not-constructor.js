// SuperCall evaluates its arguments before it checks that the super constructor is a
// constructor, and the TypeError names both as V8 does.
function messageOf(f) {
  try { f(); } catch (e) { assertTrue(e instanceof TypeError); return e.message; }
  throw new Error("no exception");
}

var evaluated = false;
class C extends Object { constructor() { super(evaluated = true); } }
Object.setPrototypeOf(C, parseInt);
assertEq(messageOf(() => new C()), "Super constructor parseInt of C is not a constructor");
assertTrue(evaluated);

class N extends null { constructor() { super(); } }
assertEq(messageOf(() => new N()), "Super constructor null of N is not a constructor");

var B = class extends Object { constructor() { super(); } };
Object.setPrototypeOf(B, {});
assertEq(messageOf(() => new B()), "Super constructor #<Object> of B is not a constructor");

// from an arrow in an anonymous class
var D = (0, class extends Object { constructor() { (() => super())(); } });
Object.setPrototypeOf(D, Math.max);
assertEq(messageOf(() => new D()), "Super constructor max of anonymous class is not a constructor");

// spread arguments are evaluated (iterated) first too (node 20's V8 checks before it iterates a
// last-position spread; the spec's SuperCall evaluation does not)
var iterated = 0;
var it = { [Symbol.iterator]() { return { next() { iterated++; return { done: true }; } }; } };
class S extends Object { constructor() { super(...it); } }
Object.setPrototypeOf(S, Math.min);
messageOf(() => new S());
assertEq(iterated, 1);
