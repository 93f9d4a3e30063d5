// flags: --max-heap-size=8
// Past the heap limit an allocation throws RangeError "Out of memory"; the isolate keeps working.
var chunks = [];
var caught = null;
try {
  for (var i = 0; i < 100000000; i++) chunks.push([i, i + 1, i + 2, i + 3, "x" + i]);
} catch (e) {
  caught = e;
}
chunks = null;
assertTrue(caught instanceof RangeError);
assertEq(caught.message, "Out of memory");
var after = [];
for (var j = 0; j < 1000; j++) after.push({ j: j });
assertEq(after[999].j, 999);
