// A cycle with cycle.js: runs before it, while cycle.js's bindings are uninitialized except its
// hoisted functions.
import { hoistedInCycle, lexicalInCycle, readLexical } from "./cycle.js";
export const seenHoisted = hoistedInCycle();
let tdz = "none";
try { lexicalInCycle; } catch (e) { tdz = e.constructor.name; }
export const seenTdz = tdz;
let tdzCall = "none";
try { readLexical(); } catch (e) { tdzCall = e.constructor.name; }
export const seenTdzCall = tdzCall;
export let order = ["a"];
