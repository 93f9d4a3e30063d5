// A reference inside `with` is resolved once: a compound assignment writes to the object the
// value was read from, even when the right-hand side deletes the binding.
var scope = {x: 1};
var x = 100;
with (scope) {
  x += (delete scope.x, 2);
}
assertEq(scope.x, 3);
assertEq(x, 100);

var s2 = {y: 10};
var y = 0;
with (s2) {
  y = (delete s2.y, 7);
}
assertEq(s2.y, 7);
assertEq(y, 0);

var s3 = {z: 1};
with (s3) { z++; ++z; z *= 10; }
assertEq(s3.z, 30);

var w = 5;
var s4 = {};
with (s4) { w += 1; }
assertEq(w, 6);

// a property added to the with object during the right-hand side does not capture the write
var s5 = {};
var v = 1;
with (s5) { v += (s5.v = 50, 1); }
assertEq(v, 2);
assertEq(s5.v, 50);

// logical assignment too
var s6 = {q: 0};
with (s6) { q ||= (delete s6.q, 4); }
assertEq(s6.q, 4);

// `var x = v` inside with resolves x before evaluating v
var wobj = { wid: 1 };
with (wobj) {
  var wid = delete wobj.wid;
}
assertEq(wobj.wid, true);
assertEq(wid, undefined);
