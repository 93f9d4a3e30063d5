// Script-scope let/const/class declarations live in the realm's script bindings, not on the
// global object: they can be declared after the global object was made non-extensible
// (test262 language/global-code/script-decl-lex.js).
var global = this;
Object.preventExtensions(global);
load("tests/js/language/script-lexicals_FIXTURE.js");

scriptLet = 2;
assertEq(scriptLet, 2);
assertThrows(function () { scriptConst = 4; }, TypeError);
assertEq(scriptConst, 3);
ScriptClass = 5;
assertEq(ScriptClass, 5);
["scriptLet", "scriptConst", "ScriptClass"].forEach(function (name) {
  assertFalse(Object.prototype.hasOwnProperty.call(global, name), name + " is not a global property");
});
// No hidden property either: the global object's own keys did not change.
assertEq(Object.getOwnPropertySymbols(global).length, 0);
assertFalse(Reflect.ownKeys(global).some(function (k) { return typeof k === "symbol"; }));

// A var (or function) declaration still needs an extensible global object.
assertThrows(function () { (0, eval)("var newGlobalVar = 1;"); }, TypeError);
