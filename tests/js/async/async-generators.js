// Job ordering checked against node v20: every log line and its position must match.
var log = [];
function p(x){ log.push(x); }
async function* ag(n) { p("ag start"); for (var i = 0; i < n; i++) { var s = yield i; p("sent " + s); } try { yield await Promise.resolve("last"); } finally { p("finally"); } return "ret"; }
var it = ag(2);
p(Object.prototype.toString.call(it));
it.next("a").then(r => p("r1 " + JSON.stringify(r)));
it.next("b").then(r => p("r2 " + JSON.stringify(r)));
it.next("c").then(r => p("r3 " + JSON.stringify(r)));
it.next("d").then(r => p("r4 " + JSON.stringify(r)));
it.next("e").then(r => p("r5 " + JSON.stringify(r)));
Promise.resolve().then(() => p("tick1")).then(() => p("tick2")).then(() => p("tick3")).then(() => p("tick4")).then(() => p("tick5"));
var it2 = ag(5);
it2.next().then(r => p("it2 " + JSON.stringify(r)));
it2.return(Promise.resolve("early")).then(r => p("it2 ret " + JSON.stringify(r)));
it2.next().then(r => p("it2 after " + JSON.stringify(r)));
var it3 = ag(1);
it3.throw(new Error("x")).catch(e => p("it3 " + e.message));
async function* thrower() { yield 1; throw new RangeError("rt"); }
var it4 = thrower();
it4.next().then(r => p("it4 " + r.value));
it4.next().catch(e => p("it4 err " + e.constructor.name));
it4.next().then(r => p("it4 done " + r.done));
async function* yp() { var x = yield Promise.resolve(42); return x; }
var it5 = yp(); it5.next().then(r => p("it5 " + r.value)); it5.next("back").then(r => p("it5b " + r.value + r.done));
p("sync end");
var expected = [
"[object AsyncGenerator]",
"ag start",
"ag start",
"sync end",
"sent b",
"tick1",
"it3 x",
"r1 {\"value\":0,\"done\":false}",
"sent c",
"tick2",
"it2 {\"value\":0,\"done\":false}",
"it4 1",
"it4 err RangeError",
"it4 done true",
"it5 42",
"r2 {\"value\":1,\"done\":false}",
"tick3",
"it2 ret {\"value\":\"early\",\"done\":true}",
"it2 after {\"done\":true}",
"it5b backtrue",
"finally",
"tick4",
"r3 {\"value\":\"last\",\"done\":false}",
"tick5",
"r4 {\"value\":\"ret\",\"done\":true}",
"r5 {\"done\":true}"
];
setTimeout(function () {
  assertEq(log.length, expected.length, 'log length: ' + log.join(' | '));
  for (var i = 0; i < expected.length; i++) assertEq(log[i], expected[i], 'line ' + i);
}, 0);
