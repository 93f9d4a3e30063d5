// flags: --young-gen --stress-gc=23 --expose-gc
// The moving young generation: objects move at each scavenge (every 23 allocations here, with a
// full collection every 8th time); every kind of reference must follow them.

// Out-of-object properties and elements (backing arrays written through their owner).
var holder = {};
for (var i = 0; i < 300; i++) holder["p" + i] = { n: i, s: "v" + i };
for (var i = 0; i < 300; i++) {
  assertEq(holder["p" + i].n, i);
  assertEq(holder["p" + i].s, "v" + i);
}
var arr = [];
for (var i = 0; i < 2000; i++) arr.push([i, "e" + i]);
for (var i = 0; i < 2000; i++) assertEq(arr[i][1], "e" + arr[i][0]);
arr.sort(function (a, b) { return b[0] - a[0]; });
assertEq(arr[0][0], 1999);
assertEq(arr[1999][1], "e0");

// Objects as Map/Set/WeakMap keys are hashed by address: they must not move.
var keys = [], m = new Map(), s = new Set(), wm = new WeakMap();
for (var i = 0; i < 500; i++) {
  var k = { id: i };
  keys.push(k);
  m.set(k, "m" + i);
  s.add(k);
  wm.set(k, { w: i });
}
gc();
for (var i = 0; i < 500; i++) {
  assertEq(m.get(keys[i]), "m" + i);
  assertTrue(s.has(keys[i]));
  assertEq(wm.get(keys[i]).w, i);
}

// Closures and their contexts; generators (frames saved in the heap).
function counter() {
  var c = { v: 0 };
  return function () { c.v++; return "c" + c.v; };
}
var counters = [];
for (var i = 0; i < 200; i++) counters.push(counter());
for (var r = 0; r < 3; r++) for (var i = 0; i < 200; i++) assertEq(counters[i](), "c" + (r + 1));
function* gen(n) {
  var acc = [];
  for (var i = 0; i < n; i++) { acc.push({ i: i }); yield acc.length; }
  return acc;
}
var g = gen(300), last;
for (var x = g.next(); !x.done; x = g.next()) last = x.value;
assertEq(last, 300);

// WeakRef targets are kept by minor collections and updated when they move.
var target = { t: "target" };
var ref = new WeakRef(target);
for (var i = 0; i < 1000; i++) ({ garbage: i });
assertEq(ref.deref().t, "target");

// Strings: internalized ones follow their moves in the string table; ropes flatten.
var parts = [];
for (var i = 0; i < 500; i++) parts.push("k" + i);
var o2 = {};
for (var i = 0; i < 500; i++) o2[parts[i]] = i;
for (var i = 0; i < 500; i++) assertEq(o2["k" + i], i);
var rope = "";
for (var i = 0; i < 300; i++) rope += "ab";
assertEq(rope.length, 600);
assertEq(rope.indexOf("ba"), 1);

// JSON round trip, symbols with young descriptions, errors with messages.
var json = JSON.stringify(arr.slice(0, 50));
assertEq(JSON.parse(json)[49][1], arr[49][1]);
var syms = [];
for (var i = 0; i < 100; i++) syms.push(Symbol("d" + i));
for (var i = 0; i < 100; i++) assertEq(syms[i].description, "d" + i);
var errs = [];
for (var i = 0; i < 100; i++) errs.push(new Error("msg" + i));
for (var i = 0; i < 100; i++) assertEq(errs[i].message, "msg" + i);

// Promises and jobs.
var resolved = [];
for (var i = 0; i < 50; i++) Promise.resolve({ v: i }).then(function (o) { resolved.push(o.v); });
Promise.resolve().then(function () {}).then(function () { assertEq(resolved.length, 50); });
