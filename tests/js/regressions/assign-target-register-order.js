// The base and key of an assignment target are evaluated before the right-hand side: a local
// variable used as the key (or base) must not be re-read after the right-hand side assigns it.
// (Octane NavierStokes: `lastX = x[currentRow] = (... x[++currentRow] ...)`.)
function keyed() {
  var x = [1, 2, 3, 4, 5], c = 1, l;
  l = x[c] = x[++c] + 100;
  assertArrayEq(x, [1, 103, 3, 4, 5]);
  assertEq(c, 2);
  assertEq(l, 103);
  var a = [1, 2, 3], i = 0;
  a[i] = (i = 2, 7);
  assertArrayEq(a, [7, 2, 3]);
  var b = [1, 2, 3], q = 0;
  b[q] += (q = 2, 7);
  assertArrayEq(b, [8, 2, 3]);
  var d = [0, 0, 0], k = 0;
  d[k] ||= (k = 1, 9);
  assertArrayEq(d, [9, 0, 0]);
}
function base() {
  var o1 = {}, o2 = {}, o = o1;
  o.p = (o = o2, 1);
  assertEq(o1.p, 1);
  assertEq(o2.p, undefined);
  var a1 = [], a2 = [], arr = a1;
  arr[0] = (arr = a2, 5);
  assertEq(a1[0], 5);
  assertEq(a2.length, 0);
  var b1 = [1], b2 = [1], ba = b1;
  ba[0] += (ba = b2, 5);
  assertArrayEq(b1, [6]);
  assertArrayEq(b2, [1]);
}
function destructuring() {
  var t = [0, 0, 0], j = 0;
  [t[j] = (j = 2, 4)] = [];
  assertArrayEq(t, [4, 0, 0]);
  var u = [0, 0, 0], m = 0;
  ({ a: u[m] = (m = 1, 6) } = {});
  assertArrayEq(u, [6, 0, 0]);
}
keyed();
base();
destructuring();
