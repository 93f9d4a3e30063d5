// DisposableStack: use/adopt/defer/move/dispose, disposed state, errors.
var log = [];
var s = new DisposableStack();
assertFalse(s.disposed);
var res = { [Symbol.dispose]() { log.push("use"); } };
assertEq(s.use(res), res);
assertEq(s.use(null), null);
assertEq(s.adopt(7, function (v) { "use strict"; log.push("adopt " + v + " " + (this === undefined)); }), 7);
assertEq(s.defer(function () { log.push("defer " + arguments.length); }), undefined);
assertEq(s.dispose(), undefined);
assertTrue(s.disposed);
assertArrayEq(log, ["defer 0", "adopt 7 true", "use"]);
assertEq(s.dispose(), undefined); // a second dispose does nothing
assertThrows(function () { s.use(res); }, ReferenceError);
assertThrows(function () { s.defer(function () {}); }, ReferenceError);
assertThrows(function () { s.move(); }, ReferenceError);
assertEq(DisposableStack.prototype[Symbol.dispose], DisposableStack.prototype.dispose);
assertEq(Object.prototype.toString.call(s), "[object DisposableStack]");
assertThrows(function () { DisposableStack(); }, TypeError);
assertThrows(function () { DisposableStack.prototype.dispose.call({}); }, TypeError);
assertThrows(function () { new DisposableStack().use(1); }, TypeError);
assertThrows(function () { new DisposableStack().defer(1); }, TypeError);

// move transfers the resources
log = [];
var a = new DisposableStack();
a.defer(function () { log.push("moved"); });
var b = a.move();
assertTrue(a.disposed);
assertFalse(b.disposed);
assertEq(Object.getPrototypeOf(b), DisposableStack.prototype);
a.dispose();
assertArrayEq(log, []);
b.dispose();
assertArrayEq(log, ["moved"]);

// errors: first one as is, later ones wrap it
var c = new DisposableStack();
c.defer(function () { throw new Error("first"); });
c.defer(function () { throw new Error("second"); });
try { c.dispose(); } catch (e) {
  assertEq(e.constructor, SuppressedError);
  assertEq(e.error.message, "first");
  assertEq(e.suppressed.message, "second");
}

// SuppressedError itself
var se = new SuppressedError(1, 2, "msg");
assertEq(se.error, 1);
assertEq(se.suppressed, 2);
assertEq(se.message, "msg");
assertEq(Object.getPrototypeOf(SuppressedError), Error);
assertEq(SuppressedError.length, 3);
assertEq(SuppressedError.prototype.name, "SuppressedError");
assertFalse(Object.prototype.hasOwnProperty.call(SuppressedError(1, 2), "message"));

// iterators are disposable
var closed = 0;
var iter = { __proto__: Object.getPrototypeOf(Object.getPrototypeOf([][Symbol.iterator]())),
             return() { closed++; return {}; } };
{ using x = iter; }
assertEq(closed, 1);
