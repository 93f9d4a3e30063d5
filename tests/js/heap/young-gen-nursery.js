// flags: --young-gen --min-semi-space-size=1 --max-semi-space-size=1 --expose-gc
// The young generation without --stress-gc: objects come from the allocation fast path (bump
// allocation in the nursery) and real scavenges run whenever the 1 MB nursery fills. Survivors
// are kept in old and young holders alike and checked after many scavenges.
var kept = [];        // grows old: its backing store holds ever younger objects
var ring = new Array(512); // a window of recent objects, most of which die young
for (var i = 0; i < 200000; i++) {
  var o = { i: i, s: "s" + i, a: [i, i * 2], f: function () { return i; } };
  ring[i % 512] = o;
  if (i % 997 === 0) kept.push(o);
  if (i % 5000 === 0) {
    // Old objects receive young values through stores (the write barrier) ...
    kept[kept.length - 1].late = { v: "late" + i };
    // ... and through their backing arrays.
    kept[0].a.push("young" + i);
  }
}
for (var k = 0; k < kept.length; k++) {
  var o = kept[k];
  assertEq(o.i, k * 997);
  assertEq(o.s, "s" + o.i);
  assertEq(o.a[1], o.i * 2);
}
assertEq(kept[0].a.length, 2 + 40);
assertEq(kept[0].a[41], "young195000");
for (var j = 0; j < 512; j++) {
  var r = ring[j];
  assertEq(r.i % 512, j);
  assertEq(r.s, "s" + r.i);
}
var lates = kept.filter(function (o) { return o.late; });
assertTrue(lates.length > 0);
lates.forEach(function (o) { assertTrue(o.late.v.startsWith("late")); });
gc();
assertEq(kept[kept.length - 1].s, "s" + kept[kept.length - 1].i);

// Strings, arrays and closures made by built-ins in C between scavenges.
var parts = [];
for (var n = 0; n < 20000; n++) parts.push(String(n).padStart(6, "0").split("").reverse().join(""));
assertEq(parts[12345], "543210");
assertEq(parts.join(",").length, 20000 * 7 - 1);
