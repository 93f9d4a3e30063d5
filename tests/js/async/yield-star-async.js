// Job ordering checked against node v20: every log line and its position must match.
var log = [];
function p(x){ log.push(x); }
async function* inner() { try { var x = yield 1; p("inner got " + x); yield 2; return "inner ret"; } finally { p("inner finally"); } }
async function* outer() { var r = yield* inner(); p("r = " + r); yield* [10, Promise.resolve(20)]; }
(async function() {
  for await (var v of outer()) p("v " + v);
  var it = outer(); await it.next(); p(JSON.stringify(await it.return("R")));
  var it2 = outer(); await it2.next(); try { await it2.throw(new Error("T")); } catch (e) { p("thrown " + e.message); }
  var it3 = outer(); p(JSON.stringify(await it3.next())); p(JSON.stringify(await it3.next("sent")));
})().then(() => p("done"), e => p("fail " + e));
Promise.resolve().then(() => p("tick1")).then(() => p("tick2")).then(() => p("tick3")).then(() => p("tick4")).then(() => p("tick5")).then(() => p("tick6"));
var expected = [
"tick1",
"tick2",
"v 1",
"inner got undefined",
"tick3",
"tick4",
"tick5",
"v 2",
"tick6",
"inner finally",
"r = inner ret",
"v 10",
"v 20",
"inner finally",
"{\"value\":\"R\",\"done\":true}",
"inner finally",
"thrown T",
"{\"value\":1,\"done\":false}",
"inner got sent",
"{\"value\":2,\"done\":false}",
"done"
];
setTimeout(function () {
  assertEq(log.length, expected.length, 'log length: ' + log.join(' | '));
  for (var i = 0; i < expected.length; i++) assertEq(log[i], expected[i], 'line ' + i);
}, 0);
