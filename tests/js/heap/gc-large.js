// flags: --expose-gc --stress-gc=0
// A million-element linked list is marked without recursion. (Opts out of the --stress-gc pass:
// collecting every 100 allocations with a million live objects is quadratic.)
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

