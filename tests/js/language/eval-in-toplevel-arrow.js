// A direct eval inside an arrow follows the arrow's closest non-arrow function: at script top
// level there is none, so new.target is a SyntaxError and `this` is the script's this
// (test262 language/eval-code/direct/new.target-arrow.js).
var topArrow = () => eval("new.target;");
assertThrows(topArrow, SyntaxError);
var thisArrow = () => eval("this");
assertEq(thisArrow(), this);
var nested = () => (() => eval("this"))();
assertEq(nested(), this);

function F() { return (() => eval("new.target"))(); }
assertEq(F(), undefined);
assertEq(Reflect.construct(F, []), F);
function G() { return eval("(() => eval('new.target'))()"); }
assertEq(Reflect.construct(G, []), G);
function H() { return (() => eval("this"))(); }
var o = { H: H };
assertEq(o.H(), o);
