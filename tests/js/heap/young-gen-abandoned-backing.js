// flags: --young-gen --stress-gc=1000 --verify-heap --expose-gc
// An old object's backing array that received a young value and was then replaced (a grown
// property or element store) before the next scavenge. The store's write barrier names the object
// as host; if only the object entered the remembered set, the abandoned array (garbage, but
// unswept until the next full collection) kept a young reference that the scavenge never
// updated, and a stale word on the stack could resurrect it for a full collection's marking,
// which then followed the dangling slot (use-after-poison of the Date corpus under ASan).
// --verify-heap checks before each scavenge that every old object, garbage included, has its
// young references in the remembered set, so this fails at once without the fix.
var objs = [], arrs = [];
for (var i = 0; i < 300; i++) {
  var o = { a: i };
  for (var j = 0; j < 5; j++) o["k" + j] = j;
  objs.push(o);
  arrs.push([i, i + 1]);
}
gc(); // everything old now: the stores below put young strings into old backing arrays
for (var round = 0; round < 12; round++) {
  for (var i = 0; i < objs.length; i++) {
    // Each new property eventually outgrows the out-of-object properties array; each push
    // eventually outgrows the elements array. The old arrays are dropped holding young strings.
    objs[i]["r" + round] = "v" + i + "_" + round;
    arrs[i].push("e" + i + "_" + round);
  }
}
for (var i = 0; i < objs.length; i++) {
  for (var round = 0; round < 12; round++) {
    assertEq(objs[i]["r" + round], "v" + i + "_" + round);
    assertEq(arrs[i][2 + round], "e" + i + "_" + round);
  }
  assertEq(objs[i].k4, 4);
  assertEq(arrs[i].length, 14);
}
gc();
objs = arrs = null;
gc();
