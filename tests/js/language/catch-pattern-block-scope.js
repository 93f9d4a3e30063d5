// With a destructuring catch parameter, closures in its initializers see the scope outside the
// catch block, not the block's lexical declarations; a block-level lexical name may still not
// repeat a parameter name.
var probeParam, probeBlock;
let x = "outside";
try { throw []; } catch ([_ = probeParam = function () { return x; }]) {
  probeBlock = function () { return x; };
  let x = "inside";
}
assertEq(probeParam(), "outside");
assertEq(probeBlock(), "inside");

(function () {
  "use strict"; // no Annex B var binding for the block's function
  try { throw {}; } catch ({ a = () => typeof f }) {
    function f() {}
    assertEq(a(), "undefined");   // the block's function is not visible to the parameter
    assertEq(typeof f, "function");
  }
})();

for (const src of ["try{}catch([a]){let a}", "try{}catch([a]){function a(){}}", "try{}catch({a}){var a}",
                   "try{}catch({a}){const a = 1}", "try{}catch(a){let a}"])
  assertThrows(() => eval(src), SyntaxError);
for (const src of ["try{}catch(a){var a}", "try{}catch([a]){ {let a} }", "try{}catch([a]){ let b }"])
  eval(src);
