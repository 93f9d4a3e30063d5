// Destructuring resolves each target before reading its value: a name inside `with` is looked up
// (the environment's `has`) before GetV / the iterator step / the rest copy, like a member target.
var log = [];
var env = new Proxy({}, { has: function (t, k) { log.push("has:" + String(k)); return false; } });
var source = { get p() { log.push("get p"); return undefined; } };
var key = { toString: function () { log.push("key"); return "p"; } };
var dflt = 0, target, first, restTarget;

with (env) {
  var { [key]: target = dflt } = source;
}
assertEq(log.join(), "has:source,has:key,key,has:target,get p,has:dflt");
assertEq(target, 0);

log = [];
var iterable = {};
iterable[Symbol.iterator] = function () {
  log.push("iterator");
  return { next: function () { log.push("next"); return { done: false, value: 7 }; },
           return: function () { log.push("return"); return {}; } };
};
with (env) {
  [first] = iterable;
}
assertEq(log.join(), "has:iterable,iterator,has:first,next,return");
assertEq(first, 7);

log = [];
var copied = { get a() { log.push("get a"); return 1; } };
with (env) {
  ({ ...restTarget } = copied);
}
assertEq(log.join(), "has:copied,has:restTarget,get a");
assertEq(restTarget.a, 1);

// A member as an object-rest target is evaluated before the copy too.
log = [];
var holder = {};
function getHolder() { log.push("holder"); return holder; }
({ ...getHolder().out } = copied);
assertEq(log.join(), "holder,get a");
assertEq(holder.out.a, 1);

// Through `with`, a binding the object has receives the value.
var scopeObj = { w: 0 };
with (scopeObj) {
  var { q: w } = { q: 5 };
}
assertEq(scopeObj.w, 5);
