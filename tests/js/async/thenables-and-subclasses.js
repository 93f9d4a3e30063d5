// Job ordering checked against node v20: every log line and its position must match.
var log = [];
function p(x){ log.push(x); }
class MyP extends Promise {}
async function f1() { await { then(r) { p("then called"); r("T"); } }; p("f1 after"); }
async function f2() { await MyP.resolve(1); p("f2 after"); }
async function f3() { return { then(r) { r("ret thenable"); } }; }
async function* g1() { return Promise.resolve("gret"); }
async function* g2() { yield* { [Symbol.asyncIterator]() { return { next() { return { value: Promise.resolve("raw"), done: false }; }, return() { p("g2 inner return"); return { done: true, value: "rv" }; } }; } }; }
f1(); f2(); f3().then(v => p(v));
g1().next().then(r => p("g1 " + r.value + r.done));
var it = g2(); it.next().then(r => p("g2 " + (r.value instanceof Promise))); it.return("x").then(r => p("g2 ret " + JSON.stringify(r)));
(async () => { try { for await (var x of [1, Promise.reject("bad"), 3]) p("fa " + x); } catch (e) { p("fa err " + e); } })();
Promise.resolve().then(() => p("tick1")).then(() => p("tick2")).then(() => p("tick3")).then(() => p("tick4")).then(() => p("tick5"));
var expected = [
"then called",
"tick1",
"f1 after",
"ret thenable",
"g1 grettrue",
"g2 true",
"g2 inner return",
"fa 1",
"tick2",
"f2 after",
"tick3",
"g2 ret {\"value\":\"rv\",\"done\":true}",
"fa err bad",
"tick4",
"tick5"
];
setTimeout(function () {
  assertEq(log.length, expected.length, 'log length: ' + log.join(' | '));
  for (var i = 0; i < expected.length; i++) assertEq(log[i], expected[i], 'line ' + i);
}, 0);
