// Symbol constructor, registry, well-known symbols and Symbol.prototype.
var s = Symbol("desc");
assertEq(typeof s, "symbol");
assertEq(s.toString(), "Symbol(desc)");
assertEq(s.description, "desc");
assertEq(Symbol().description, undefined);
assertEq(Symbol().toString(), "Symbol()");
assertEq(Symbol(undefined).description, undefined);
assertEq(Symbol(null).description, "null");
assertTrue(Symbol("a") !== Symbol("a"));
var e = assertThrows(function () { new Symbol(); }, TypeError);
assertEq(e.message, "Symbol is not a constructor");
assertEq(Symbol.length, 0);
assertEq(Symbol.for("k"), Symbol.for("k"));
assertEq(Symbol.keyFor(Symbol.for("k")), "k");
assertEq(Symbol.keyFor(s), undefined);
assertThrows(function () { Symbol.keyFor("k"); }, TypeError);
assertEq(typeof Symbol.iterator, "symbol");
assertEq(Symbol.iterator.description, "Symbol.iterator");
assertEq(Symbol.asyncIterator.toString(), "Symbol(Symbol.asyncIterator)");
var names = ["asyncIterator", "hasInstance", "isConcatSpreadable", "iterator", "match", "matchAll",
             "replace", "search", "species", "split", "toPrimitive", "toStringTag", "unscopables"];
for (var i = 0; i < names.length; i++) {
  var d = Object.getOwnPropertyDescriptor(Symbol, names[i]);
  assertEq(typeof d.value, "symbol", names[i]);
  assertFalse(d.writable);
  assertFalse(d.configurable);
}
assertEq(Object(s).valueOf(), s);
assertEq(Object(s) == s, true);
assertEq(Symbol.prototype[Symbol.toStringTag], "Symbol");
assertEq(Symbol.prototype[Symbol.toPrimitive].call(s), s);
assertEq(Symbol.prototype[Symbol.toPrimitive].name, "[Symbol.toPrimitive]");
assertThrows(function () { Symbol.prototype.toString.call("x"); }, TypeError);
assertThrows(function () { Symbol.prototype.valueOf.call({}); }, TypeError);
assertThrows(function () { s + ""; }, TypeError);
assertEq(String(s), "Symbol(desc)");
assertEq(Object.getOwnPropertyDescriptor(Symbol.prototype, "description").get.name, "get description");
