// flags: --test262
// Script-scope let/const/class bindings live in one hash table per realm (interp-runtime.c):
// declaring many, in one script or in many, takes linear time (a context grown one slot per
// binding made 50,000 top-level lets take 47 s), and the global IC caches them with their TDZ
// and const rules.
var n = 20000;
var src = [];
for (var i = 0; i < n; i++) src.push((i % 2 ? "let" : "const") + " lex" + i + " = " + i + ";");
$262.evalScript(src.join("\n"));
assertEq(lex0, 0);
assertEq(lex19999, 19999);
var sum = 0, expected = 0;
for (var i = 0; i < n; i += 97) {
  sum += (0, eval)("lex" + i); // an indirect eval reads the script scope
  expected += i;
}
assertEq(sum, expected);
assertThrows(function () { lex0 = 1; }, TypeError); // const
lex1 = -1; // let
assertEq(lex1, -1);
assertFalse(Object.prototype.hasOwnProperty.call(globalThis, "lex1"));

// Many scripts, one binding each; a duplicate is still an early error of the later script.
for (var i = 0; i < 2000; i++) $262.evalScript("let perScript" + i + " = " + i + ";");
assertEq(perScript0 + perScript1999, 1999);
assertThrows(function () { $262.evalScript("var perScript7;"); }, SyntaxError);
assertThrows(function () { $262.evalScript("let lex5;"); }, SyntaxError);
assertEq(lex5, 5);

// A site that reads and writes a lexical in a loop (cached) sees every update.
$262.evalScript("let counter = 0; function bump() { counter = counter + 1; return counter; }");
for (var i = 0; i < 100; i++) bump();
assertEq(counter, 100);

// A const through a site that ran before: every assignment throws.
$262.evalScript("const fixed = 1; function setFixed(v) { fixed = v; }");
for (var i = 0; i < 3; i++) assertThrows(function () { setFixed(2); }, TypeError);
assertEq(fixed, 1);

// A site that cached a global property: a later script's lexical of the same name shadows it,
// and is in its TDZ until its declaration runs.
globalThis.shadowed = "property";
function readShadowed() { return shadowed; }
function writeShadowed(v) { shadowed = v; }
for (var i = 0; i < 3; i++) {
  assertEq(readShadowed(), "property");
  writeShadowed("property");
}
$262.evalScript(
  "var tdz = [];\n" +
  "try { readShadowed(); } catch (e) { tdz.push(e.constructor.name); }\n" +
  "try { writeShadowed(1); } catch (e) { tdz.push(e.constructor.name); }\n" +
  "let shadowed = 'lexical';");
assertEq(tdz.join(), "ReferenceError,ReferenceError");
assertEq(readShadowed(), "lexical");
writeShadowed("written");
assertEq(readShadowed(), "written");
assertEq(globalThis.shadowed, "property");
