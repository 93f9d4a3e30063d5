// flags: --module --stress-lazy-reparse
// Per-function reparse in module code: functions compiled from a parse of their own range reach
// imports and local exports through the module's cells (indices kept in the scope snapshot).
import def, { live, bump, fixed } from "./module_FIXTURE.js";
import * as ns from "./module_FIXTURE.js";
export let mine = "m";
export function readAll() { return [live, fixed, def(), ns.live, mine]; }
function assignImport() { live = 5; }
function setMine(v) { mine = v; }
const readLater = () => laterConst;
assertThrows(readLater, ReferenceError);
const laterConst = "later";
assertEq(readLater(), "later");
function nested() { return function () { return () => [live, mine, laterConst]; }; }
assertArrayEq(readAll(), [1, "fixed", "default", 1, "m"]);
bump();
setMine("n");
assertArrayEq(readAll(), [2, "fixed", "default", 2, "n"]);
assertArrayEq(nested()()(), [2, "n", "later"]);
assertThrows(assignImport, TypeError);
async function usesAwait() { const f = async () => await live; return f(); }
assertEq(await usesAwait(), 2);
