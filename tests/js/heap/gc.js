// flags: --expose-gc
// The collector: garbage goes, reachable data stays, a million-element linked list is marked
// without recursion.
var head = null;
for (var i = 0; i < 1000000; i++) head = { value: i, next: head };
gc();
var count = 0, ok = true;
for (var n = head; n !== null; n = n.next) {
  if (n.value !== 999999 - count) ok = false;
  count++;
}
assertTrue(ok);
assertEq(count, 1000000);
head = null;
gc();

// Lots of short-lived garbage with a few survivors.
var keep = [];
for (var j = 0; j < 200000; j++) {
  var tmp = { a: j, b: "s" + j, c: [j, j + 1] };
  if (j % 1000 === 0) keep.push(tmp);
}
gc();
assertEq(keep.length, 200);
assertEq(keep[199].a, 199000);
assertEq(keep[199].b, "s199000");
assertEq(keep[199].c[1], 199001);

// A deep array nesting is fine too.
var deep = [];
for (var d = 0; d < 100000; d++) deep = [deep];
gc();
var depth = 0;
while (deep.length) { deep = deep[0]; depth++; }
assertEq(depth, 100000);
