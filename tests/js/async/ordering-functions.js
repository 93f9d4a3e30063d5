// Job ordering checked against node v20: every log line and its position must match.
var log = [];
function p(x){ log.push(x); }
async function f(x) { p("f start " + x); var v = await x; p("f got " + v); return v * 2; }
async function g() { try { await Promise.reject(new Error("boom")); } catch (e) { p("caught " + e.message); } return "g done"; }
async function h() { throw new TypeError("bad"); }
async function k(a = (() => { throw new RangeError("param"); })()) {}
f(1).then(v => p("f resolved " + v));
f(Promise.resolve(5)).then(v => p("f2 resolved " + v));
Promise.resolve().then(() => p("tick1")).then(() => p("tick2")).then(() => p("tick3")).then(() => p("tick4"));
g().then(v => p(v));
h().catch(e => p("h rejected " + (e instanceof TypeError)));
k().catch(e => p("k rejected " + (e instanceof RangeError)));
var o = { async m() { return this.x; }, x: 7 };
o.m().then(v => p("method " + v));
class C { async m(y) { return await y + 1; } static async s() { return "static"; } }
new C().m(1).then(v => p("class " + v));
C.s().then(v => p(v));
var arrow = async (z) => z + await z;
arrow(3).then(v => p("arrow " + v));
async function ret_promise() { return Promise.resolve("rp"); }
ret_promise().then(v => p(v));
p("sync end");
var expected = [
"f start 1",
"f start [object Promise]",
"sync end",
"f got 1",
"f got 5",
"tick1",
"caught boom",
"h rejected true",
"k rejected true",
"method 7",
"static",
"f resolved 2",
"f2 resolved 10",
"tick2",
"g done",
"class 2",
"arrow 6",
"tick3",
"rp",
"tick4"
];
setTimeout(function () {
  assertEq(log.length, expected.length, 'log length: ' + log.join(' | '));
  for (var i = 0; i < expected.length; i++) assertEq(log[i], expected[i], 'line ' + i);
}, 0);
