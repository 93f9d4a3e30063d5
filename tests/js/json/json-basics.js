// JSON.parse / JSON.stringify; expected values and V8's error messages from node.
assertEq(JSON.stringify({a: [1, {b: 2}], c: "x"}), "{\"a\":[1,{\"b\":2}],\"c\":\"x\"}");
assertEq(JSON.stringify({a: [1, {b: 2}], c: "x"}, null, 2), "{\n  \"a\": [\n    1,\n    {\n      \"b\": 2\n    }\n  ],\n  \"c\": \"x\"\n}");
assertEq(JSON.stringify([1, [2, []], {}], null, "--"), "[\n--1,\n--[\n----2,\n----[]\n--],\n--{}\n]");
assertEq(JSON.stringify({a: 1, b: [1, 2]}, null, 20), "{\n          \"a\": 1,\n          \"b\": [\n                    1,\n                    2\n          ]\n}");
assertEq(JSON.stringify({a: 1, b: 2, c: {a: 3, d: 4}}, ["a", "c"]), "{\"a\":1,\"c\":{\"a\":3}}");
assertEq(JSON.stringify({1: "one", 2: "two"}, [1]), "{\"1\":\"one\"}");
assertEq(JSON.stringify({a: 1, b: "x"}, function (k, v) { return typeof v === "number" ? v * 10 : v; }), "{\"a\":10,\"b\":\"x\"}");
assertEq(JSON.stringify("\ud800\udc00\ud800x\udc00"), "\"𐀀\\ud800x\\udc00\"");
assertEq(JSON.stringify("\u0000\u001f\b\f\n\r\t\"\\/\u007f\u2028"), "\"\\u0000\\u001f\\b\\f\\n\\r\\t\\\"\\\\/ \"");
assertEq(JSON.stringify({a: undefined, b: function () {}, c: Symbol()}), "{}");
assertEq(JSON.stringify([undefined, function () {}, Symbol()]), "[null,null,null]");
assertEq(JSON.stringify(undefined), undefined);
assertEq(JSON.stringify(function () {}), undefined);
assertEq(JSON.stringify(null), "null");
assertEq(JSON.stringify([NaN, Infinity, -0, 1e21, 1.5e-7]), "[null,null,0,1e+21,1.5e-7]");
assertEq(JSON.stringify(new Date(0)), "\"1970-01-01T00:00:00.000Z\"");
assertEq(JSON.stringify({toJSON: function (k) { return "key:" + k; }}), "\"key:\"");
assertEq(JSON.stringify({x: {toJSON: function (k) { return "key:" + k; }}}), "{\"x\":\"key:x\"}");
assertEq(JSON.stringify([new Number(3), new String("s"), new Boolean(false)]), "[3,\"s\",false]");
assertEq(JSON.stringify({[Symbol()]: 1, a: 2}), "{\"a\":2}");
assertEq(JSON.stringify(Object.create({inherited: 1})), "{}");
assertEq(JSON.stringify("abc", null, 4), "\"abc\"");
assertEq(JSON.stringify({}, null, 2), "{}");
assertEq(JSON.stringify([], null, 2), "[]");
assertEq(JSON.stringify({a: []}, null, 2), "{\n  \"a\": []\n}");
assertEq(JSON.stringify(JSON.parse("[1, 2.5e3, -0.5, true, false, null, \"a\\u0041\\n\"]")), "[1,2500,-0.5,true,false,null,\"aA\\n\"]");
assertEq(JSON.parse(" {\"a\" : {\"b\" : [ ] } } ").a.b.length, 0);
assertEq(JSON.parse("{\"__proto__\": 1}").__proto__, 1);
assertEq(JSON.parse("{\"a\":1,\"a\":2}").a, 2);
assertEq(JSON.parse("\"\\ud800\"").length, 1);
assertEq(JSON.parse("-0"), -0);
assertEq(JSON.parse("1E400"), Infinity);
assertEq(JSON.parse("123456789012345678901234567890"), 1.2345678901234568e+29);
assertEq(JSON.stringify(JSON.parse("[1,{\"b\":[2,3]}]", function (k, v) { return typeof v === "number" ? v + 1 : v; })), "[2,{\"b\":[3,4]}]");
assertEq(JSON.stringify(JSON.parse("{\"a\":1,\"b\":2}", function (k, v) { return k === "a" ? undefined : v; })), "{\"b\":2}");
assertEq(Object.prototype.toString.call(JSON), "[object JSON]");
assertEq(JSON.parse.length, 2);
assertEq(JSON.stringify.length, 3);
assertEq(assertThrows(function () { JSON.parse("{\"a\":}"); }, SyntaxError).message, "Unexpected token '}', \"{\"a\":}\" is not valid JSON");
assertEq(assertThrows(function () { JSON.parse(""); }, SyntaxError).message, "Unexpected end of JSON input");
assertEq(assertThrows(function () { JSON.parse("[1,]"); }, SyntaxError).message, "Unexpected token ']', \"[1,]\" is not valid JSON");
assertEq(assertThrows(function () { JSON.parse("{\"a\":1"); }, SyntaxError).message, "Expected ',' or '}' after property value in JSON at position 6");
assertEq(assertThrows(function () { JSON.parse("tru"); }, SyntaxError).message, "Unexpected end of JSON input");
assertEq(assertThrows(function () { JSON.parse("\"abc"); }, SyntaxError).message, "Unterminated string in JSON at position 4");
assertEq(assertThrows(function () { JSON.parse("[1 2]"); }, SyntaxError).message, "Expected ',' or ']' after array element in JSON at position 3");
assertEq(assertThrows(function () { JSON.parse("{a:1}"); }, SyntaxError).message, "Expected property name or '}' in JSON at position 1");
assertEq(assertThrows(function () { JSON.parse("\"\\x\""); }, SyntaxError).message, "Bad escaped character in JSON at position 2");
assertEq(assertThrows(function () { JSON.parse("01"); }, SyntaxError).message, "Unexpected number in JSON at position 1");
assertEq(assertThrows(function () { JSON.parse("1."); }, SyntaxError).message, "Unterminated fractional number in JSON at position 2");
assertEq(assertThrows(function () { JSON.parse("-"); }, SyntaxError).message, "No number after minus sign in JSON at position 1");
assertEq(assertThrows(function () { JSON.parse("\"\u0001\""); }, SyntaxError).message, "Bad control character in string literal in JSON at position 1");
assertEq(assertThrows(function () { JSON.parse("{\"a\" 1}"); }, SyntaxError).message, "Expected ':' after property name in JSON at position 5");
assertEq(assertThrows(function () { JSON.parse("["); }, SyntaxError).message, "Unexpected end of JSON input");
assertEq(assertThrows(function () { JSON.parse("xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"); }, SyntaxError).message, "Unexpected token 'x', \"xxxxxxxxxx\"... is not valid JSON");
assertEq(assertThrows(function () { JSON.parse("123abc"); }, SyntaxError).message, "Unexpected non-whitespace character after JSON at position 3");
assertEq(assertThrows(function () { JSON.parse("\"\\u12\""); }, SyntaxError).message, "Bad Unicode escape in JSON at position 5");
assertEq(assertThrows(function () { JSON.parse("[1e]"); }, SyntaxError).message, "Exponent part is missing a number in JSON at position 3");
assertEq(assertThrows(function () { JSON.parse("{\"a\":1,}"); }, SyntaxError).message, "Expected double-quoted property name in JSON at position 7");
assertEq(assertThrows(function () { JSON.parse("'a'"); }, SyntaxError).message, "Unexpected token ''', \"'a'\" is not valid JSON");
assertEq(assertThrows(function () { JSON.parse("undefined"); }, SyntaxError).message, "\"undefined\" is not valid JSON");
assertEq(assertThrows(function () { JSON.parse("NaN"); }, SyntaxError).message, "\"NaN\" is not valid JSON");
assertEq(assertThrows(function () { JSON.parse("[1,2"); }, SyntaxError).message, "Expected ',' or ']' after array element in JSON at position 4");
assertEq(assertThrows(function () { JSON.parse("{\"a\":1 \"b\":2}"); }, SyntaxError).message, "Expected ',' or '}' after property value in JSON at position 7");
// Cycles
var a = [];
a.push(a);
assertEq(assertThrows(function () { JSON.stringify(a); }, TypeError).message,
         "Converting circular structure to JSON\n    --> starting at object with constructor 'Array'\n    --- index 0 closes the circle");
var o = {x: {y: {}}};
o.x.y.z = o;
assertEq(assertThrows(function () { JSON.stringify(o); }, TypeError).message,
         "Converting circular structure to JSON\n    --> starting at object with constructor 'Object'\n    |     property 'x' -> object with constructor 'Object'\n    |     property 'y' -> object with constructor 'Object'\n    --- property 'z' closes the circle");
// The same object twice (not a cycle) is fine.
var shared = {v: 1};
assertEq(JSON.stringify([shared, shared]), '[{"v":1},{"v":1}]');
// Errors from user code propagate.
assertThrows(function () { JSON.stringify({toJSON: function () { throw new TypeError("boom"); }}); }, TypeError);
assertThrows(function () { JSON.parse("[1]", function () { throw new RangeError("r"); }); }, RangeError);
// Order of keys: integer keys first, then insertion order.
assertEq(JSON.stringify({b: 1, 2: 2, a: 3, 1: 4}), '{"1":4,"2":2,"b":1,"a":3}');
