// Eval code declaring a global function checks CanDeclareGlobalFunction first and makes an
// existing configurable property an ordinary one.
assertThrows(function () { (0, eval)("function NaN() {}"); }, TypeError);
assertThrows(function () { (0, eval)("var ok1; function undefined() {}"); }, TypeError);
assertEq(typeof ok1, "undefined");
Object.defineProperty(globalThis, "evalFn", { value: 1, writable: false, enumerable: false, configurable: true });
(0, eval)("function evalFn() { return 2; }");
var d = Object.getOwnPropertyDescriptor(globalThis, "evalFn");
assertEq(d.value(), 2);
assertTrue(d.writable);
assertTrue(d.enumerable);
assertTrue(d.configurable);
