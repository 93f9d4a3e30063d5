// flags: --expose-gc
// WeakMap/WeakSet keys, weak semantics with the collector, WeakRef, FinalizationRegistry.
var wm = new WeakMap();
var k = {};
wm.set(k, 'v');
assertEq(wm.get(k), 'v');
assertEq(wm.has({}), false);
assertEq(wm.get(1), undefined);
assertEq(wm.delete(1), false);
assertThrows(function () { wm.set(1, 1); }, TypeError);
assertThrows(function () { wm.set(Symbol.for('reg'), 1); }, TypeError);
var sym = Symbol('local');
wm.set(sym, 's');
assertEq(wm.get(sym), 's');
assertEq(wm.getOrInsert(k, 'other'), 'v');
assertEq(wm.getOrInsertComputed({}, function () { return 7; }), 7);
assertThrows(function () { wm.getOrInsertComputed(1, function () {}); }, TypeError);
var ws = new WeakSet([k]);
assertEq(ws.has(k), true);
assertThrows(function () { ws.add('x'); }, TypeError);
assertEq(ws.delete(k), true);
assertEq(ws.has(k), false);

// Ephemerons: a value reachable only through its own key does not keep the key alive, and a
// live key keeps its value (and everything the value references) alive across collections.
var keep = {};
(function () {
  var m = new WeakMap();
  var chainKey = {};
  m.set(keep, { next: chainKey, payload: 'p' });
  m.set(chainKey, { payload: 'q' });
  for (var i = 0; i < 1000; i++) m.set({}, { big: new Array(10) });
  gc();
  assertEq(m.get(keep).payload, 'p');
  assertEq(m.get(m.get(keep).next).payload, 'q');
  globalThis.theMap = m;
})();
gc();
assertEq(theMap.get(keep).payload, 'p');

// WeakRef: targets are kept during the job that made/deref'd them, cleared after a collection in a
// later job; FinalizationRegistry callbacks run as jobs after the collection.
var cleaned = [];
var registry = new FinalizationRegistry(function (held) { cleaned.push(held); });
var ref;
(function () {
  var target = {};
  ref = new WeakRef(target);
  registry.register(target, 'held-1');
  registry.register({}, 'held-2', keep);
  assertEq(ref.deref(), target);
})();
assertEq(registry.unregister(keep), true);
assertEq(registry.unregister(keep), false);
assertThrows(function () { registry.register(1, 1); }, TypeError);
assertThrows(function () { registry.register(keep, keep); }, TypeError);
assertThrows(function () { registry.unregister(1); }, TypeError);
var liveRef = new WeakRef(keep);

setTimeout(function () {
  gc();
  assertEq(ref.deref(), undefined);
  assertEq(liveRef.deref(), keep);
  setTimeout(function () {
    assertArrayEq(cleaned, ['held-1']);
    print('weak ok');
  }, 0);
}, 0);
