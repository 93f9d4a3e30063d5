// A top-level arrow's `this` is the script's this (the global this), whatever its caller passes.
var obj = {};
var seen;
[1].forEach(() => { seen = this; }, obj);
assertTrue(seen === globalThis);
var arrow = () => this;
assertTrue(arrow.call(obj) === globalThis);
assertTrue((() => () => this)().call(obj) === globalThis);
// inside a function the arrow keeps that function's this
function f() { return [1].map(() => this, obj)[0]; }
assertTrue(f.call(obj) === obj);
