// Array destructuring closes its iterator when a generator is returned at a yield inside it.
var returns = 0, nexts = 0;
var iterable = {};
iterable[Symbol.iterator] = function () {
  return {
    next: function () { nexts++; return {done: false, value: undefined}; },
    return: function () { returns++; return {}; }
  };
};
function* g() { var a; [a = yield] = iterable; }
var it = g();
it.next();
var r = it.return(7);
assertEq(r.value, 7);
assertTrue(r.done);
assertEq(returns, 1);
assertEq(nexts, 1);

// a rest element's member target is evaluated before the rest is collected
var log = [];
var counted = {};
counted[Symbol.iterator] = function () {
  var i = 0;
  return { next: function () { log.push("next"); return {done: i++ >= 2, value: i}; } };
};
var holder = {};
[...holder[(log.push("key"), "k")]] = counted;
assertArrayEq(log, ["key", "next", "next", "next"]);
assertArrayEq(holder.k, [1, 2]);

// object pattern: source key, then the target reference, then the property read
log = [];
var src = { get p() { log.push("get"); return 1; } };
var tgt = { set q(v) { log.push("set " + v); } };
({ [(log.push("skey"), "p")]: (log.push("target"), tgt)[(log.push("tkey"), "q")] } = src);
assertArrayEq(log, ["skey", "target", "tkey", "get", "set 1"]);

// for-of reads `next` once
var loads = 0;
var iter2 = { i: 0 };
Object.defineProperty(iter2, "next", { get: function () { loads++; return function () { return {done: this.i++ > 1, value: this.i}; }; } });
var it2 = {};
it2[Symbol.iterator] = function () { return iter2; };
var seen = [];
for (var x of it2) seen.push(x);
assertEq(loads, 1);
assertArrayEq(seen, [1, 2]);
var [d1, d2] = (iter2.i = 0, it2);
assertEq(loads, 2);
