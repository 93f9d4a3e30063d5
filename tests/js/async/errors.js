// Errors: rejections, receivers, syntax, and what stays synchronous.
var log = [];
async function* ag(a = (function () { throw new RangeError("param"); })()) {}
assertThrows(function () { ag(); }, RangeError); // async generator parameters throw synchronously
var bad = [];
async function run() {
  try { await Object.getPrototypeOf(async function* () {}).prototype.next.call({}); } catch (e) { bad.push(e instanceof TypeError); }
  try { await (async () => { null.x; })(); } catch (e) { bad.push(e instanceof TypeError); }
  var thenable = { then(res) { res("thenable"); } };
  bad.push(await thenable);
  var g = (async function* () { yield 1; })();
  await g.return("early");
  bad.push(JSON.stringify(await g.next()));
  var g2 = (async function* () { yield 1; })();
  try { await g2.throw(new EvalError("x")); } catch (e) { bad.push(e instanceof EvalError); }
  bad.push(JSON.stringify(await g2.next()));
  return bad;
}
assertThrows(function () { eval("async function f() { function g() { await 1; } }"); }, SyntaxError);
assertThrows(function () { eval("async function f(a = await 1) {}"); }, SyntaxError);
var AsyncFunction = Object.getPrototypeOf(async function () {}).constructor;
assertEq(typeof AsyncFunction, "function");
assertThrows(function () { AsyncFunction("await;"); }, SyntaxError);
assertThrows(function () { new (async function () {})(); }, TypeError);
assertEq((async function () {}).prototype, undefined);
assertEq(Object.getPrototypeOf((async function* () {}).prototype), Object.getPrototypeOf(async function* () {}).prototype);
var done = false;
run().then(function (r) {
  assertEq(r.join(","), 'true,true,thenable,{"done":true},true,{"done":true}');
  done = true;
});
setTimeout(function () { assertTrue(done, "run() settled"); }, 0);
