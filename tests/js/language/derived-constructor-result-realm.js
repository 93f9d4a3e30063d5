// flags: --test262
// A derived constructor's result checks happen in [[Construct]] after the callee's context is
// gone: their errors come from the caller's realm. An error inside the body (this before
// super()) comes from the constructor's own realm.
var other = $262.createRealm().global;
var ReturnsNull = other.eval("(class extends Object { constructor() { return null; } })");
var NoSuper = other.eval("(class extends Object { constructor() {} })");
var ThisFirst = other.eval("(class extends Object { constructor() { this.x = 1; } })");
var ArrowThis = other.eval("(class extends Object { constructor() { var f = () => this; f(); } })");
assertThrows(function () { new ReturnsNull(); }, TypeError);
assertThrows(function () { new NoSuper(); }, ReferenceError);
assertThrows(function () { new ThisFirst(); }, other.ReferenceError);
assertThrows(function () { new ArrowThis(); }, other.ReferenceError);
try { new ThisFirst(); } catch (e) { assertFalse(e instanceof ReferenceError, "body error is the other realm's"); }
// Reflect.construct (a built-in of this realm) as the caller
assertThrows(function () { Reflect.construct(NoSuper, []); }, ReferenceError);
