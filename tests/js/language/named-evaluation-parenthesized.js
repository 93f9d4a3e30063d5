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
