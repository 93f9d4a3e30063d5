// Lazy compilation of generators, async functions and async generators, started at first call.
function* counter(n) { for (let i = 0; i < n; i++) yield i; }
assertArrayEq([...counter(3)], [0, 1, 2]);
var o = { *g() { yield* counter(2); } };
assertArrayEq([...o.g()], [0, 1]);

var log = [];
async function af(x) { await null; log.push("af" + x); return x * 2; }
var aa = async (x) => { log.push("aa" + (await af(x))); };
async function* ag() { yield 1; yield await Promise.resolve(2); }
aa(1);
(async () => { for await (var v of ag()) log.push("ag" + v); })();
setTimeout(function () {
  assertArrayEq(log.slice().sort(), ["aa2", "af1", "ag1", "ag2"]);
}, 0);
