// super.x = v in sloppy code ignores a failed [[Set]]; strict code throws.
var proto = {};
Object.defineProperty(proto, "ro", { value: 1, writable: false });
var sloppy = { __proto__: proto, m() { super.ro = 9; return this.ro; } };
assertEq(sloppy.m(), 1);
var strict = { __proto__: proto, m() { "use strict"; super.ro = 9; } };
assertThrows(function () { strict.m(); }, TypeError);

// `this` is checked before the key expression runs
class Base { constructor() { throw new RangeError("base"); } }
class Derived extends Base { constructor() { super[super()] = 0; } }
assertThrows(function () { new Derived(); }, ReferenceError);
