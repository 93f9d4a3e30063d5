// A class's heritage and computed keys are strict code even inside sloppy code: failed stores,
// assignments to undeclared names and to read-only globals throw.
function computedKeyStore() { class B { [Object.preventExtensions({}).prop = 4]() {} } }
function heritageUndeclared() { class B extends (undeclaredInHeritage = Object) {} }
function readOnlyGlobal() { class B { [undefined = 1]() {} } }
function frozenKeyed() { var k = "p"; class B { [Object.freeze({})[k] = 1]() {} } }
assertThrows(computedKeyStore, TypeError);
assertThrows(heritageUndeclared, ReferenceError);
assertThrows(readOnlyGlobal, TypeError);
assertThrows(frozenKeyed, TypeError);
assertEq(typeof undeclaredInHeritage, "undefined");

// Successful stores work as usual, and the surrounding sloppy code stays sloppy.
var o = {}, k = "y", count = 0;
class C { [o[k] = "z"]() {} [o.x = "w"]() {} [count++]() {} [count += 2]() {} }
assertEq(o.y, "z");
assertEq(o.x, "w");
assertEq(count, 3);
assertEq(typeof C.prototype.z, "function");
Object.preventExtensions({}).prop = 1; // sloppy: silently ignored here
sloppyGlobalCreated = 1;
assertEq(sloppyGlobalCreated, 1);
