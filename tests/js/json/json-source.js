// JSON.parse source text access, JSON.rawJSON / JSON.isRawJSON (json-parse-with-source; newer
// than node 20, so expectations follow the proposal's spec text).
var seen = [];
var r = JSON.parse('{"a": 1.50, "b": [true, "x\\u0041"], "c": 12345678901234567890}', function (k, v, ctx) {
  seen.push(k + "=" + (ctx && "source" in ctx ? ctx.source : "<none>"));
  return v;
});
assertEq(seen.join("|"), 'a=1.50|0=true|1="x\\u0041"|b=<none>|c=12345678901234567890|=<none>');
assertEq(r.c, 12345678901234567000);
// A value replaced before its turn loses its source.
var sources = [];
JSON.parse("[1, 2]", function (k, v, ctx) {
  if (k === "0") this[1] = 3;
  sources.push(ctx.source);
  return v;
});
assertEq(sources[0], "1");
assertEq(sources[1], undefined);
// rawJSON
var raw = JSON.rawJSON("1e1000");
assertTrue(JSON.isRawJSON(raw));
assertEq(Object.getPrototypeOf(raw), null);
assertTrue(Object.isFrozen(raw));
assertEq(raw.rawJSON, "1e1000");
assertEq(JSON.stringify({big: JSON.rawJSON("12345678901234567890")}), '{"big":12345678901234567890}');
assertEq(JSON.stringify([JSON.rawJSON('"s"'), JSON.rawJSON("null")]), '["s",null]');
assertFalse(JSON.isRawJSON({rawJSON: "1"}));
assertFalse(JSON.isRawJSON(1));
assertThrows(function () { JSON.rawJSON(""); }, SyntaxError);
assertThrows(function () { JSON.rawJSON(" 1"); }, SyntaxError);
assertThrows(function () { JSON.rawJSON("1\n"); }, SyntaxError);
assertThrows(function () { JSON.rawJSON("{}"); }, SyntaxError);
assertThrows(function () { JSON.rawJSON("[1]"); }, SyntaxError);
assertThrows(function () { JSON.rawJSON("1 2"); }, SyntaxError);
assertThrows(function () { JSON.rawJSON("tru"); }, SyntaxError);
