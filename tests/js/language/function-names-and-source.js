// Function `name` and `length` everywhere the spec infers them, Function.prototype.toString
// returning the exact source text, and class heritage evaluation order.

// Inferred names.
const anon = function () {};
const arrow = () => {};
let assigned; assigned = function () {};
const { dflt = () => {} } = {};
const sym = Symbol("desc");
const o = {
  method() {}, ["comp" + "uted"]() {}, [sym]() {}, [Symbol()]() {},
  get g() { return 1; }, set s(v) {}, prop: function () {}, arrowProp: () => {},
  async am() {}, *gm() {}, async *agm() {},
};
assertEq(anon.name, "anon");
assertEq(arrow.name, "arrow");
assertEq(assigned.name, "assigned");
assertEq(dflt.name, "dflt");
assertEq(o.method.name, "method");
assertEq(o.computed.name, "computed");
assertEq(o[sym].name, "[desc]");
assertEq(Object.getOwnPropertySymbols(o).map(s => o[s].name).join(), "[desc],");
assertEq(Object.getOwnPropertyDescriptor(o, "g").get.name, "get g");
assertEq(Object.getOwnPropertyDescriptor(o, "s").set.name, "set s");
assertEq(o.prop.name, "prop");
assertEq(o.arrowProp.name, "arrowProp");
assertEq(o.am.name + o.gm.name + o.agm.name, "amgmagm");
assertEq(anon.bind(null).name, "bound anon");
assertEq(anon.bind(null).bind(null).name, "bound bound anon");
class C { static #p() {} static m() {} static get sg() { return 0; } static field = () => {}; #f = function () {}; getF() { return this.#f; } }
assertEq(C.name, "C");
assertEq(C.m.name, "m");
assertEq(C.field.name, "field");
assertEq(new C().getF().name, "#f");
class PrivateNames { #m() {} get #g() { return 0; } static names(o) { return o.#m.name; } }
assertEq(PrivateNames.names(new PrivateNames()), "#m");
assertEq((class {}).name, "");
assertEq((function () {}).name, "");
assertEq(new Function("a", "b", "return a").name, "anonymous");
// A name property of the class itself wins over inference.
const Named = class { static name() {} };
assertEq(typeof Named.name, "function");

// length: parameters before the first default or rest.
assertEq(((a, b) => {}).length, 2);
assertEq(((a, b = 1, c) => {}).length, 1);
assertEq(((...r) => {}).length, 0);
assertEq((({ a }, [b]) => {}).length, 2);
assertEq(anon.bind(null, 1, 2).length, 0);
assertEq(function (a, b, c) {}.bind(null, 1).length, 2);
const ld = Object.getOwnPropertyDescriptor(arrow, "length");
assertEq(ld.writable || ld.enumerable, false);
assertEq(ld.configurable, true);

// toString returns the source text exactly, comments and spacing included.
function   spaced /* c1 */ ( a ,b ) { return a /* c2 */ + b }
assertEq(spaced.toString(), "function   spaced /* c1 */ ( a ,b ) { return a /* c2 */ + b }");
assertEq(o.method.toString(), "method() {}");
assertEq(Object.getOwnPropertyDescriptor(o, "g").get.toString(), "get g() { return 1; }");
assertEq(C.m.toString(), "static m() {}".slice(7));
assertEq((class   X  { }).toString(), "class   X  { }");
assertEq(arrow.toString(), "() => {}");
assertEq(Math.max.toString(), "function max() { [native code] }");
assertEq(anon.bind(null).toString(), "function () { [native code] }");
assertEq(new Function("a", "b", "return a").toString(), "function anonymous(a,b\n) {\nreturn a\n}");

// Class heritage: the heritage expression is evaluated before the body's computed keys, inside
// the class scope (the class binding is in its TDZ there).
const order = [];
class Base {}
class D extends (order.push("heritage"), Base) { [(order.push("key"), "k")]() {} }
assertEq(order.join(), "heritage,key");
assertThrows(() => { class E extends E {} }, ReferenceError);
assertThrows(() => { class F extends 5 {} }, TypeError);
assertThrows(() => { function P() {} P.prototype = 3; class G extends P {} }, TypeError);
class H extends null {}
assertEq(Object.getPrototypeOf(H.prototype), null);
