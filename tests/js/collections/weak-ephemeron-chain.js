// flags: --expose-gc
// A chain of ephemerons inserted in reverse order: each value is the next key, so the collector
// must iterate to a fixed point to keep the whole chain alive from its live head.
var wm = new WeakMap();
var head = {};
(function () {
  var keys = [head];
  for (var i = 1; i < 500; i++) keys.push({ id: i });
  for (var i = keys.length - 1; i >= 1; i--) wm.set(keys[i - 1], keys[i]);
  wm.set(keys[keys.length - 1], 'end');
})();
gc();
var k = head, n = 0;
while (typeof wm.get(k) === 'object') { k = wm.get(k); n++; }
assertEq(n, 499);
assertEq(wm.get(k), 'end');
assertEq(k.id, 499);
