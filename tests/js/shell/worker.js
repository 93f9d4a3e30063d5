// d8-style Worker: a script string on its own thread and isolate; structured-clone messages both
// ways (cycles, Map, Date, RegExp, typed arrays), SharedArrayBuffers shared (Atomics across
// threads), ArrayBuffers transferred (the sender's detached), getMessage, close, terminate, and
// parent-side onmessage from the event loop.
var w = new Worker(`
  onmessage = function (e) {
    var d = e.data;
    switch (d.cmd) {
      case 'add':
        Atomics.add(new Int32Array(d.sab), 0, d.n);
        postMessage({bytes: d.buf.byteLength, first: new Uint8Array(d.buf)[0]});
        break;
      case 'echo': postMessage(d.value); break;
      case 'wait':
        var ia = new Int32Array(d.sab);
        Atomics.store(ia, 1, 1);
        postMessage(Atomics.wait(ia, 2, 0, 10000));
        break;
      case 'transfer-back':
        var b = new ArrayBuffer(3); new Uint8Array(b)[2] = 42;
        postMessage(b, [b]);
        postMessage(b.byteLength);
        break;
      case 'close': close(); break;
    }
  };
  postMessage('ready');
`, {type: 'string'});
assertEq(w.getMessage(), 'ready');

var sab = new SharedArrayBuffer(16), ab = new ArrayBuffer(8);
new Uint8Array(ab)[0] = 7;
w.postMessage({cmd: 'add', sab: sab, n: 5, buf: ab}, [ab]);
var r = w.getMessage();
assertEq(r.bytes, 8);
assertEq(r.first, 7);
assertEq(Atomics.load(new Int32Array(sab), 0), 5);
assertEq(ab.byteLength, 0); // transferred: detached here
assertTrue(ab.detached);

var o = {m: new Map([[1, 'one']]), s: new Set(['x']), d: new Date(12345), r: /a+/gi,
         t: new Int16Array([1, -2]), e: new RangeError('boom'), list: [1, , 3]};
o.self = o;
w.postMessage({cmd: 'echo', value: o});
var c = w.getMessage();
assertTrue(c !== o);
assertEq(c.self, c);
assertEq(c.m.get(1), 'one');
assertTrue(c.s.has('x'));
assertEq(c.d.getTime(), 12345);
assertEq(c.r.source, 'a+');
assertEq(c.r.flags, 'gi');
assertArrayEq(Array.from(c.t), [1, -2]);
assertTrue(c.e instanceof RangeError);
assertEq(c.e.message, 'boom');
assertEq(c.list.length, 3);
assertFalse(1 in c.list);

// Cross-thread wait/notify on the shared buffer.
var ia = new Int32Array(sab);
w.postMessage({cmd: 'wait', sab: sab});
while (Atomics.load(ia, 1) !== 1) {}
var woken = 0;
while (woken === 0) woken = Atomics.notify(ia, 2);
assertEq(woken, 1);
assertEq(w.getMessage(), 'ok');

// A buffer transferred back from the worker.
w.postMessage({cmd: 'transfer-back'});
var back = w.getMessage();
assertEq(back.byteLength, 3);
assertEq(new Uint8Array(back)[2], 42);
assertEq(w.getMessage(), 0); // detached on the worker's side

// Uncloneable values throw in the sender.
assertThrows(function () { w.postMessage(function () {}); }, Error);
assertThrows(function () { w.postMessage(Symbol()); }, Error);
assertThrows(function () { w.postMessage(1, [new SharedArrayBuffer(1)]); }, TypeError);
assertThrows(function () { Worker('x'); }, TypeError);
assertThrows(function () { new Worker('x', {type: 'module-ish'}); }, TypeError);

// close() ends the worker: getMessage then returns undefined.
w.postMessage({cmd: 'close'});
assertEq(w.getMessage(), undefined);
w.postMessage('dropped'); // posting to a closed worker is ignored

// terminate() stops a worker stuck in a loop.
var spin = new Worker('postMessage("spinning"); for (;;) {}', {type: 'string'});
assertEq(spin.getMessage(), 'spinning');
spin.terminate();
assertEq(spin.getMessage(), undefined);

// Parent-side onmessage, from the event loop, in order.
var got = [];
var w2 = new Worker('postMessage(1); postMessage({two: 2}); close();', {type: 'string'});
w2.onmessage = function (e) {
  got.push(e.data);
  if (got.length === 2) {
    assertEq(got[0], 1);
    assertEq(got[1].two, 2);
  }
};
