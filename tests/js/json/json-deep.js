// Deep nesting gives a RangeError, never a crash (the C recursion checks the stack).
var deep = [];
for (var i = 0; i < 100000; i++) deep = [deep];
assertThrows(function () { JSON.stringify(deep); }, RangeError);
var text = "";
for (var i = 0; i < 100000; i++) text += "[";
assertThrows(function () { JSON.parse(text); }, RangeError);
var obj = {};
for (var i = 0; i < 20000; i++) obj = {a: obj};
assertThrows(function () { JSON.stringify(obj); }, RangeError);
