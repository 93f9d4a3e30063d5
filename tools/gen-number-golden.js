#!/usr/bin/env node
// Generates the golden number-formatting data used by tests/unit/dtoa-golden.c, from node's own
// output (V8). Deterministic: a fixed-seed xorshift PRNG picks the doubles.
//   node tools/gen-number-golden.js tests/data
// Writes:
//   number-tostring.txt  "<hex bits> <String(x)>"                      10,000 lines
//   number-format.txt    "<op> <hex bits> <arg> <result>"  op: fixed|exp|prec|radix
'use strict';
const fs = require('fs');
const path = require('path');
const dir = process.argv[2] || path.join(__dirname, '..', 'tests', 'data');

let s0 = 0x12345678n, s1 = 0x9abcdef0n;
const M64 = (1n << 64n) - 1n;
function next64() {  // xorshift128+
  let x = s0, y = s1;
  s0 = y;
  x ^= (x << 23n) & M64;
  s1 = x ^ y ^ (x >> 17n) ^ (y >> 26n);
  return (s1 + y) & M64;
}
const buf = new DataView(new ArrayBuffer(8));
function fromBits(b) { buf.setBigUint64(0, b); return buf.getFloat64(0); }
function bitsHex(d) { buf.setFloat64(0, d); return buf.getBigUint64(0).toString(16).padStart(16, '0'); }
function randInt(n) { return Number(next64() % BigInt(n)); }

function randomDouble(i) {
  switch (i % 5) {
    case 0: case 1: {  // random bit pattern
      for (;;) { const d = fromBits(next64()); if (Number.isFinite(d)) return d; }
    }
    case 2:  // short decimal at a random scale
      return randInt(100000) * Math.pow(10, randInt(50) - 25);
    case 3:  // integers and small values people print
      return (randInt(2) ? -1 : 1) * randInt(1 << 30) / (1 << randInt(31));
    default: // around the exponent-form thresholds
      return (1 + randInt(999)) * Math.pow(10, [-9, -8, -7, -6, -5, 18, 19, 20, 21, 22][randInt(10)]);
  }
}

const lines = [];
for (let i = 0; i < 10000; i++) {
  const d = randomDouble(i);
  lines.push(bitsHex(d) + ' ' + String(d));
}
fs.writeFileSync(path.join(dir, 'number-tostring.txt'), lines.join('\n') + '\n');

const fmt = [];
for (let i = 0; i < 3000; i++) {
  let d = randomDouble(i);
  if (i % 7 === 0) d = randInt(2000) / 8 + 0.5 * randInt(2);  // exact ties for rounding
  if (Math.abs(d) < 1e21) {
    const f = randInt(i % 3 === 0 ? 101 : 21);
    fmt.push(`fixed ${bitsHex(d)} ${f} ${d.toFixed(f)}`);
  }
  const e = randInt(i % 3 === 0 ? 101 : 21);
  fmt.push(`exp ${bitsHex(d)} ${e} ${d.toExponential(e)}`);
  if (i % 4 === 0) fmt.push(`exp ${bitsHex(d)} -1 ${d.toExponential()}`);
  const p = 1 + randInt(i % 3 === 0 ? 100 : 21);
  fmt.push(`prec ${bitsHex(d)} ${p} ${d.toPrecision(p)}`);
  const r = 2 + randInt(35);
  fmt.push(`radix ${bitsHex(d)} ${r} ${d.toString(r)}`);
}
fs.writeFileSync(path.join(dir, 'number-format.txt'), fmt.join('\n') + '\n');
