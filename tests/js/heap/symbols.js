// Symbols: identity, descriptions, the registry, well-known symbols.
var a = Symbol("desc"), b = Symbol("desc");
assertTrue(a !== b);
assertEq(a.description, "desc");
assertEq(Symbol().description, undefined);
assertEq(typeof a, "symbol");
assertEq(Symbol.for("app.key"), Symbol.for("app.key"));
assertTrue(Symbol.for("app.key") !== Symbol.for("app.other"));
assertEq(Symbol.keyFor(Symbol.for("app." + "key")), "app.key");
assertEq(Symbol.keyFor(a), undefined);
assertEq(Symbol.keyFor(Symbol.iterator), undefined);
assertEq(Symbol.iterator.description, "Symbol.iterator");
assertTrue(Symbol.iterator !== Symbol.asyncIterator);
assertThrows(function () { Symbol.keyFor("x"); }, TypeError);
var o = {};
o[a] = 1;
o[b] = 2;
assertEq(o[a], 1);
assertEq(o[b], 2);
