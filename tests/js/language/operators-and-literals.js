// ES2020+ operators and literals: logical assignment, numeric separators, Unicode escapes in
// identifiers, globalThis, and where import.meta may appear.

// Logical assignment short-circuits: the setter runs only when the assignment happens.
let sets = 0;
const o = { get a() { return this._a; }, set a(v) { sets++; this._a = v; }, _a: 0 };
o.a ||= 5; assertEq(o._a, 5); assertEq(sets, 1);
o.a ||= 7; assertEq(o._a, 5); assertEq(sets, 1);   // truthy: no store
o.a &&= 9; assertEq(o._a, 9); assertEq(sets, 2);
o._a = null; o.a ??= 3; assertEq(o._a, 3); assertEq(sets, 3);
o.a ??= 4; assertEq(o._a, 3); assertEq(sets, 3);   // not nullish: no store
let z = 0; z ||= 1; assertEq(z, 1);
const k = 1;
k ||= 2;                                            // short-circuits: no assignment, no error
assertThrows(() => { k &&= 2; }, TypeError);        // assigns to a const
assertThrows(() => Function("a ||= 1 = 2"), SyntaxError);
assertThrows(() => Function("f() &&= 1"), SyntaxError);
// The right side is evaluated once and only when needed.
let evals = 0; const side = () => { evals++; return 10; };
let n = null; n ??= side(); n ??= side(); assertEq(n, 10); assertEq(evals, 1);

// Numeric separators.
assertEq(1_000_000, 1000000);
assertEq(0xff_ff, 65535);
assertEq(0b1010_0101, 165);
assertEq(0o7_7, 63);
assertEq(1_0.2_5e1_0, 10.25e10);
assertEq(Number("1_000"), NaN);                     // not in string numeric literals
assertEq(parseInt("1_000"), 1);
for (const bad of ["1__0", "1_", "0_1", "0x_1", "1._5", "1_.5", "1e_5", "08_1"])
  assertThrows(() => Function("return " + bad), SyntaxError);

// Unicode escapes in identifiers (and keywords may not be written with escapes).
var \u0061bc = 1;
assertEq(abc, 1);
var \u{62}cd = 2;
assertEq(bcd, 2);
const obj = { \u0078: 3 };
assertEq(obj.x, 3);
assertThrows(() => Function("var v\\u0061r = 1; return var"), SyntaxError);
assertThrows(() => Function("\\u0076ar x = 1"), SyntaxError);
assertThrows(() => Function("var a\\u002Db"), SyntaxError);    // escape of a non-identifier char

// globalThis: the global object, writable and configurable, not enumerable.
assertEq(globalThis, this);
const gd = Object.getOwnPropertyDescriptor(globalThis, "globalThis");
assertEq(gd.writable, true);
assertEq(gd.enumerable, false);
assertEq(gd.configurable, true);
assertEq(typeof globalThis.Array, "function");

// import.meta belongs to module code only.
assertThrows(() => Function("return import.meta"), SyntaxError);
assertThrows(() => (0, eval)("import.meta"), SyntaxError);
