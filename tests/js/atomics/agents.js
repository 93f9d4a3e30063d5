// flags: --test262
// $262.agent: agents on their own threads share a SharedArrayBuffer; Atomics.wait blocks them
// until the main thread notifies; notify counts; reports come back as strings; waitAsync in an
// agent settles on the agent's own thread.
var ia = new Int32Array(new SharedArrayBuffer(32));
var N = 3;
for (var i = 0; i < N; i++) {
  $262.agent.start(`
    $262.agent.receiveBroadcast(function (sab, id) {
      var ia = new Int32Array(sab);
      Atomics.add(ia, 1, 1);
      $262.agent.report("woke:" + Atomics.wait(ia, 0, 0));
      $262.agent.leaving();
    });
  `);
}
$262.agent.broadcast(ia.buffer, 0);
while (Atomics.load(ia, 1) !== N) $262.agent.sleep(1);
// Give the agents time to block, then wake exactly one, then the rest.
function waitersAfterNotify(count) {
  var woken = 0;
  for (var tries = 0; tries < 1000 && woken === 0; tries++) {
    woken = Atomics.notify(ia, 0, count);
    if (woken === 0) $262.agent.sleep(2);
  }
  return woken;
}
assertEq(waitersAfterNotify(1), 1);
var n = 0;
for (var tries = 0; tries < 1000 && n < N - 1; tries++) {
  n += Atomics.notify(ia, 0);
  if (n < N - 1) $262.agent.sleep(2);
}
assertEq(n, N - 1);
var reports = [];
while (reports.length < N) {
  var r = $262.agent.getReport();
  if (r === null) $262.agent.sleep(1);
  else reports.push(r);
}
assertArrayEq(reports, ["woke:ok", "woke:ok", "woke:ok"]);
assertEq($262.agent.getReport(), null);

// A timed wait in an agent times out; a monotonic clock moves forward.
var t0 = $262.agent.monotonicNow();
$262.agent.start(`
  $262.agent.receiveBroadcast(function (sab) {
    var ia = new Int32Array(sab);
    $262.agent.report(Atomics.wait(ia, 2, 0, 20));
    $262.agent.report(Atomics.wait(ia, 2, 1, 20));
    Atomics.waitAsync(ia, 3, 0).value.then(function (v) { $262.agent.report("async:" + v); });
    Atomics.store(ia, 4, 1);
    $262.agent.leaving();
  });
`);
$262.agent.broadcast(ia.buffer);
function nextReport() {
  var r;
  while ((r = $262.agent.getReport()) === null) $262.agent.sleep(1);
  return r;
}
assertEq(nextReport(), "timed-out");
assertEq(nextReport(), "not-equal");
while (Atomics.load(ia, 4) !== 1) $262.agent.sleep(1);
var woke = 0;
while (woke === 0) { woke = Atomics.notify(ia, 3); if (!woke) $262.agent.sleep(1); }
assertEq(nextReport(), "async:ok");
assertTrue($262.agent.monotonicNow() - t0 >= 20);
assertThrows(function () { $262.agent.broadcast(new ArrayBuffer(4)); }, TypeError);
assertThrows(function () { $262.agent.receiveBroadcast(function () {}); }, TypeError);

// An agent stuck in an endless wait is terminated when the shell exits.
$262.agent.start(`
  $262.agent.receiveBroadcast(function (sab) {
    Atomics.wait(new Int32Array(sab), 5, 0);
  });
`);
$262.agent.broadcast(ia.buffer);
