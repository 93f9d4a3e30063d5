// flags: --module
// Lazy compilation in module code: imports and local exports used from functions compiled at
// their first call are the live module bindings.
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
assertArrayEq(readAll(), [1, "fixed", "default", 1, "m"]);
bump();
setMine("n");
assertArrayEq(readAll(), [2, "fixed", "default", 2, "n"]);
assertThrows(assignImport, TypeError);
