// flags: --module
// Module namespace exotic objects (ECMA-262 10.4.6): every internal method.
import * as ns from "./live_FIXTURE.js";
import * as amb from "./ambiguous_FIXTURE.js";

assertEq(Object.getPrototypeOf(ns), null);
assertEq(Object.isExtensible(ns), false);
assertEq(Object.isFrozen(ns), false, "bindings are writable");
assertEq(Reflect.setPrototypeOf(ns, {}), false);
assertEq(Reflect.setPrototypeOf(ns, null), true);
assertEq(Reflect.preventExtensions(ns), true);
assertEq(ns[Symbol.toStringTag], "Module");
assertEq(Object.prototype.toString.call(ns), "[object Module]");
let tag = Object.getOwnPropertyDescriptor(ns, Symbol.toStringTag);
assertEq(tag.writable, false);
assertEq(tag.enumerable, false);
assertEq(tag.configurable, false);

// Keys: export names sorted by code units, then the symbol.
assertArrayEq(Object.keys(ns), ["Klass", "aliased", "bump", "counter", "default", "fixed", "later", "self", "string name"]);
assertEq(Reflect.ownKeys(ns).length, 10);
assertEq(Reflect.ownKeys(ns)[9], Symbol.toStringTag);

let d = Object.getOwnPropertyDescriptor(ns, "counter");
assertEq(d.value, ns.counter);
assertEq(d.writable, true);
assertEq(d.enumerable, true);
assertEq(d.configurable, false);
assertEq(Object.getOwnPropertyDescriptor(ns, "nope"), undefined);

// [[Set]] and [[Delete]] fail; [[DefineOwnProperty]] only accepts the current state.
assertThrows(() => { ns.counter = 3; }, TypeError);
assertThrows(() => { ns.newName = 3; }, TypeError);
assertEq(Reflect.set(ns, "counter", 3), false);
assertThrows(() => { delete ns.counter; }, TypeError);
assertEq(Reflect.deleteProperty(ns, "nope"), true);
assertEq(Reflect.defineProperty(ns, "counter", {value: ns.counter}), true);
assertEq(Reflect.defineProperty(ns, "counter", {value: 99}), false);
assertEq(Reflect.defineProperty(ns, "counter", {configurable: true}), false);
assertEq(Reflect.defineProperty(ns, "counter", {get() {}}), false);
assertEq("counter" in ns, true);
assertEq("nope" in ns, false);
assertEq(ns.nope, undefined);

// A name two star exports provide from different modules is ambiguous: not in the namespace.
assertArrayEq(Object.keys(amb), ["one", "shared", "two"]);
assertEq(amb.shared, "same binding through both stars");
assertFalse("clash" in amb);
