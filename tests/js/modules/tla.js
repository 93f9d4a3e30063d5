// flags: --module
// Top-level await: a module waits for its async dependencies; siblings run in order.
import { log, value } from "./tla-dep_FIXTURE.js";
import "./tla-sibling_FIXTURE.js";
assertEq(value, 42);
assertArrayEq(log, ["dep start", "dep after await", "sibling"]);
const r = await new Promise(resolve => setTimeout(() => resolve("timer"), 0));
assertEq(r, "timer");
let caught = null;
try { await Promise.reject(new RangeError("x")); } catch (e) { caught = e; }
assertTrue(caught instanceof RangeError);
// a namespace binding of an async module is live once it finished
const ns = await import("./tla-dep_FIXTURE.js");
assertEq(ns.value, 42);
