// NamedEvaluation sees through parentheses: `key: (function () {})` names the function "key"
// (IsAnonymousFunctionDefinition of a ParenthesizedExpression); a comma expression hides it.
var sym = Symbol("described"), anon = Symbol();
var o = {
  id: (function () {}),
  cls: (class {}),
  arrow: ((() => 1)),
  comma: (0, function () {}),
  [sym]: (function () {}),
  [anon]: (function () {}),
};
assertEq(o.id.name, "id");
assertEq(o.cls.name, "cls");
assertEq(o.arrow.name, "arrow");
assertEq(o.comma.name, "");
assertEq(o[sym].name, "[described]");
assertEq(o[anon].name, "");
var desc = Object.getOwnPropertyDescriptor(o.id, "name");
assertFalse(desc.writable);
assertFalse(desc.enumerable);
assertTrue(desc.configurable);

var x;
x = (function () {});
assertEq(x.name, "x");
var { y = (function () {}) } = {};
assertEq(y.name, "y");
var z = (class {});
assertEq(z.name, "z");
// __proto__: value is not a NamedEvaluation
var p = { __proto__: (function () {}) };
assertEq(Object.getPrototypeOf(p).name, "");

// Class fields with computed keys name anonymous function and class values after the key, at
// run time (static and instance fields); named functions and private fields keep their names.
var k = "x";
var s = Symbol("sym");
class K {
  static [k] = () => 1;
  [k + "y"] = function () {};
  [1] = class {};
  static [s] = function () {};
  [k + "z"] = function named() {};
  static #p = () => 1;
  static p() { return K.#p.name; }
}
var inst = new K();
assertEq(K.x.name, "x");
assertEq(inst.xy.name, "xy");
assertEq(inst[1].name, "1");
assertEq(K[s].name, "[sym]");
assertEq(inst.xz.name, "named");
assertEq(K.p(), "#p");
