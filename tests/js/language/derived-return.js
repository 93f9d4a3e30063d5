// A derived constructor checks its return value where it really returns: after finally blocks
// (which may call super()).
class C extends class {} { constructor() { try { return; } finally { super(); } } }
assertEq(typeof new C(), "object");
class D extends Object { constructor() { return 1; } }
assertThrows(function () { new D(); }, TypeError);
class E extends Object { constructor() { } }
assertThrows(function () { new E(); }, ReferenceError);
class F extends Object { constructor() { super(); return {a: 1}; } }
assertEq(new F().a, 1);
class G extends Object { constructor() { try { return 5; } finally { super(); } } }
assertThrows(function () { new G(); }, TypeError);
// the check happens after the constructor body: a catch inside it does not see the TypeError
class H extends class {} { constructor() { try { return 0; } catch (e) { super(); } } }
assertThrows(function () { new H(); }, TypeError);
class I extends class {} { constructor() { super(); for (var x of [1]) { return; } } }
assertEq(typeof new I(), "object");
