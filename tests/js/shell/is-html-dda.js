// flags: --test262
// $262.IsHTMLDDA: an object with [[IsHTMLDDA]] (Annex B.3.6).
const dda = $262.IsHTMLDDA;
assertEq(typeof dda, "undefined");
assertTrue(typeof dda === "undefined");
assertTrue(!dda);
assertEq(Boolean(dda), false);
assertEq(dda ? 1 : 2, 2);
let branch = "none";
if (dda) branch = "then"; else branch = "else";
assertEq(branch, "else");
while (dda) { branch = "loop"; break; }
assertEq(branch, "else");
assertEq(dda || "or", "or");
assertEq(dda && "and", dda);
// Loose equality with null and undefined only.
assertTrue(dda == null);
assertTrue(dda == undefined);
assertTrue(null == dda);
assertTrue(undefined == dda);
assertTrue(!(dda != null));
assertTrue(dda == dda);
assertEq(dda == 0, false);
assertEq(dda == false, false);
assertEq(dda == "", false);
assertEq(dda == {}, false);
// Strict equality, ??, ?. and default values see an object.
assertEq(dda === undefined, false);
assertEq(dda === null, false);
assertEq(dda ?? "default", dda);
let x = dda;
x ??= 5;
assertEq(x, dda);
assertEq(dda?.missing, undefined);
assertEq(dda?.call === Function.prototype.call, true);
function f(a = "default") { return a; }
assertEq(f(dda), dda);
const { p = "default" } = { p: dda };
assertEq(p, dda);
// Calls.
assertEq(dda(), null);
assertEq(dda(""), null);
assertEq(typeof dda.call(null), "object");
assertThrows(() => new dda(), TypeError);
assertThrows(() => { class C extends dda {} }, TypeError);
assertEq(Object.prototype.hasOwnProperty.call(dda, "prototype"), false);
// Other objects of the same kind stay ordinary.
assertEq(typeof print, "function");
assertTrue(!!print);
assertEq(print == null, false);
// Properties added later keep it undetectable.
dda.extra = 1;
assertEq(typeof dda, "undefined");
assertTrue(dda == null);
// switch uses strict equality.
let hit = "none";
switch (dda) { case undefined: hit = "undefined"; break; case null: hit = "null"; break; default: hit = "default"; }
assertEq(hit, "default");
// Each realm has its own.
const other = $262.createRealm().IsHTMLDDA;
assertEq(typeof other, "undefined");
assertTrue(other !== dda);

// The interpreter's TestEqual fast path for null/undefined operands must still see undetectable
// objects (a merged fast path once skipped the check), in both operand orders and in a loop.
(function () {
  const dda = $262.IsHTMLDDA;
  function eqNull(x) { return x == null; }
  function nullEq(x) { return undefined == x; }
  for (let i = 0; i < 5; i++) {
    assertEq(eqNull(dda), true);
    assertEq(nullEq(dda), true);
    assertEq(eqNull({}), false);
    assertEq(nullEq(0), false);
  }
})();
