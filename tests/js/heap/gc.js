// flags: --expose-gc
// The collector: garbage goes, reachable data stays (sized to run under --stress-gc too;
// gc-large.js has the million-element list).
var head = null;
for (var i = 0; i < 20000; i++) head = { value: i, next: head };
gc();
var count = 0, ok = true;
for (var n = head; n !== null; n = n.next) {
  if (n.value !== 19999 - count) ok = false;
  count++;
}
assertTrue(ok);
assertEq(count, 20000);
head = null;
gc();

// Lots of short-lived garbage with a few survivors.
var keep = [];
for (var j = 0; j < 50000; j++) {
  var tmp = { a: j, b: "s" + j, c: [j, j + 1] };
  if (j % 1000 === 0) keep.push(tmp);
}
gc();
assertEq(keep.length, 50);
assertEq(keep[49].a, 49000);
assertEq(keep[49].b, "s49000");
assertEq(keep[49].c[1], 49001);

// A deep array nesting is fine too.
var deep = [];
for (var d = 0; d < 20000; d++) deep = [deep];
gc();
var depth = 0;
while (deep.length) { deep = deep[0]; depth++; }
assertEq(depth, 20000);
