// Calling a missing method of a `new` expression names "(intermediate value).foo", as V8 does;
// the name is a rope and used to abort the engine (str_char_at on a rope).
var e = assertThrows(function () { new Date(0).foo(); }, TypeError);
assertEq(e.message, "(intermediate value).foo is not a function");
e = assertThrows(function () { (new Object()).bar(); }, TypeError);
assertEq(e.message, "(intermediate value).bar is not a function");
