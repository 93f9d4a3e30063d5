// Atomics on BigInt64Array and BigUint64Array: ToBigInt operands, 64-bit wrapping results.
for (const shared of [false, true]) {
  const buf = shared ? new SharedArrayBuffer(32) : new ArrayBuffer(32);
  const i64 = new BigInt64Array(buf);
  const u64 = new BigUint64Array(buf);

  assertEq(Atomics.store(i64, 0, 5n), 5n);
  assertEq(Atomics.load(i64, 0), 5n);
  assertEq(Atomics.add(i64, 0, 10n), 5n);
  assertEq(Atomics.load(i64, 0), 15n);
  assertEq(Atomics.sub(i64, 0, 20n), 15n);
  assertEq(Atomics.load(i64, 0), -5n);
  assertEq(Atomics.load(u64, 0), 2n ** 64n - 5n);
  assertEq(Atomics.and(u64, 0, 0xffn), 2n ** 64n - 5n);
  assertEq(Atomics.load(u64, 0), 0xfbn);
  assertEq(Atomics.or(u64, 0, 0x100n), 0xfbn);
  assertEq(Atomics.xor(u64, 0, 0x1ffn), 0x1fbn);
  assertEq(Atomics.load(u64, 0), 4n);
  assertEq(Atomics.exchange(i64, 1, -1n), 0n);
  assertEq(Atomics.load(u64, 1), 2n ** 64n - 1n);

  // Wrapping at 64 bits.
  Atomics.store(i64, 2, 2n ** 63n - 1n);
  assertEq(Atomics.add(i64, 2, 1n), 2n ** 63n - 1n);
  assertEq(Atomics.load(i64, 2), -(2n ** 63n));
  // store returns the BigInt as converted (not wrapped), like the spec's v.
  assertEq(Atomics.store(u64, 3, 2n ** 64n + 7n), 2n ** 64n + 7n);
  assertEq(Atomics.load(u64, 3), 7n);
  assertEq(Atomics.store(u64, 3, true), 1n);
  assertEq(Atomics.store(u64, 3, "42"), 42n);

  // compareExchange returns the old value either way.
  assertEq(Atomics.compareExchange(i64, 0, 4n, 9n), 4n);
  assertEq(Atomics.load(i64, 0), 9n);
  assertEq(Atomics.compareExchange(i64, 0, 4n, 1n), 9n);
  assertEq(Atomics.load(i64, 0), 9n);
  assertEq(Atomics.compareExchange(u64, 1, -1n, 3n), 2n ** 64n - 1n);
  assertEq(Atomics.load(u64, 1), 3n);

  // Numbers are not BigInts.
  assertThrows(() => Atomics.add(i64, 0, 1), TypeError);
  assertThrows(() => Atomics.store(u64, 0, 1.5), TypeError);
  assertThrows(() => Atomics.compareExchange(i64, 0, 1n, 2), TypeError);
  // and the Number arrays refuse BigInts.
  assertThrows(() => Atomics.add(new Int32Array(buf), 0, 1n), TypeError);
  assertThrows(() => Atomics.load(i64, 4), RangeError);
}

// wait / notify on a BigInt64Array (BigUint64Array is not waitable).
const sab = new SharedArrayBuffer(16);
const w = new BigInt64Array(sab);
Atomics.store(w, 0, 2n ** 40n);
assertEq(Atomics.wait(w, 0, 0n, 0), "not-equal");
assertEq(Atomics.wait(w, 0, 2n ** 40n, 0), "timed-out");
assertEq(Atomics.wait(w, 0, 2n ** 40n + 2n ** 64n, 0), "timed-out"); // ToBigInt64 wraps
assertEq(Atomics.notify(w, 0, 1), 0);
assertThrows(() => Atomics.wait(w, 0, 0, 0), TypeError);
assertThrows(() => Atomics.wait(new BigUint64Array(sab), 0, 0n, 0), TypeError);
assertThrows(() => Atomics.wait(new BigInt64Array(8), 0, 0n, 0), TypeError);
const r = Atomics.waitAsync(w, 0, 1n);
assertEq(r.async, false);
assertEq(r.value, "not-equal");
const r2 = Atomics.waitAsync(w, 0, 2n ** 40n, 0);
assertEq(r2.value, "timed-out");
