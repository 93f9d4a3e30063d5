// flags: --module
// Static imports: live bindings, default exports, aliases, string export names, namespaces,
// immutability of imports, `this` and import.meta in module code.
import def, { counter, later, fixed, bump, Klass, aliased, "string name" as strName } from "./live_FIXTURE.js";
import * as ns from "./live_FIXTURE.js";

assertEq(counter, 1);
assertEq(later, undefined);
assertEq(fixed, "const");
assertEq(aliased, "const");
assertEq(strName, 1);
assertEq(typeof Klass, "function");
assertEq(def(), "default fn");
assertEq(def.name, "default");
bump();
assertEq(counter, 2, "imports are live");
assertEq(strName, 2);
assertEq(later, "set");
assertEq(ns.counter, 2);
assertEq(ns["string name"], 2);
assertEq(ns.self, ns, "export * as self re-exports the module's own namespace");

// Imports are immutable bindings: TypeError, as for const.
assertThrows(() => { counter = 5; }, TypeError);
assertThrows(() => { counter++; }, TypeError);
assertThrows(() => { ns = null; }, TypeError);
assertEq(counter, 2);

// Module code is strict, and its `this` is undefined.
assertEq(this, undefined);
assertEq((() => this)(), undefined);
assertEq(eval("this"), undefined);
assertEq(eval("(() => this)()"), undefined);
assertThrows(() => { undeclared_in_module = 1; }, ReferenceError);

// import.meta: one object per module, null prototype; the shell sets url.
assertEq(Object.getPrototypeOf(import.meta), null);
assertEq(import.meta, import.meta);
assertTrue(import.meta.url.startsWith("file:///"));
assertTrue(import.meta.url.endsWith("/tests/js/modules/basic.js"));

// Exports of this module are module variables too.
export let mine = 1;
mine++;
assertEq(mine, 2);
function hoisted() { return "hoisted"; }
export { hoisted };
assertEq(hoisted(), "hoisted");

// Direct eval in module code sees the module's bindings, imports included.
assertEq(eval("mine + counter"), 4);
eval("mine = 10");
assertEq(mine, 10);
assertThrows(() => eval("counter = 1"), TypeError);
assertThrows(() => eval("fixed = 1"), TypeError);
assertEq((0, eval)("typeof mine"), "undefined", "indirect eval runs in the global scope");
