// flags: --module
// Cyclic imports: hoisted functions are bound at instantiation, lexical bindings are in their
// TDZ until their declaration runs, evaluation order is depth-first.
import { seenHoisted, seenTdz, seenTdzCall, order } from "./cycle-a_FIXTURE.js";
export function hoistedInCycle() { return "hoisted"; }
export let lexicalInCycle = "ready";
export function readLexical() { return lexicalInCycle; }
assertEq(seenHoisted, "hoisted");
assertEq(seenTdz, "ReferenceError");
assertEq(seenTdzCall, "ReferenceError");
order.push("main");
assertArrayEq(order, ["a", "main"]);
