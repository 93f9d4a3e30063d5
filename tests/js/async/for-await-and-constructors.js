// Job ordering checked against node v20: every log line and its position must match.
var log = [];
function p(x){ log.push(x); }
async function* gen() { yield 1; yield 2; yield 3; }
async function main() {
  for await (const x of gen()) p("ag " + x);
  for await (const x of [1, Promise.resolve(2), 3]) p("sync " + x);
  var closed = 0;
  var iterable = { [Symbol.iterator]() { var i = 0; return { next() { return { value: i++, done: false }; }, return() { closed++; return {}; } }; } };
  for await (var y of iterable) { if (y == 2) break; p("it " + y); }
  p("closed " + closed);
  async function* g2() { try { yield "a"; yield "b"; } finally { p("g2 finally"); } }
  for await (let z of g2()) { p(z); break; }
  try { for await (let z of g2()) { throw new Error("inner"); } } catch (e) { p("caught " + e.message); }
  try { for await (let z of [Promise.reject(new Error("rej"))]) p("never"); } catch (e) { p("rej " + e.message); }
  return "main done";
}
main().then(v => p(v), e => p("main failed " + e));
Promise.resolve().then(() => p("tick1")).then(() => p("tick2")).then(() => p("tick3")).then(() => p("tick4"));
var AsyncFunction = (async function(){}).constructor;
var af = new AsyncFunction("a", "return await a + 1;");
af(1).then(v => p("AF " + v + " " + (Object.getPrototypeOf(af) === AsyncFunction.prototype)));
var AGF = Object.getPrototypeOf(async function*(){}).constructor;
var agf = AGF("yield 5;");
agf().next().then(r => p("AGF " + r.value));
p(Object.prototype.toString.call(async function(){}) + " " + AsyncFunction.name + " " + AGF.name);
var expected = [
"[object AsyncFunction] AsyncFunction AsyncGeneratorFunction",
"tick1",
"ag 1",
"tick2",
"AF 2 true",
"AGF 5",
"tick3",
"ag 2",
"tick4",
"ag 3",
"sync 1",
"sync 2",
"sync 3",
"it 0",
"it 1",
"closed 1",
"a",
"g2 finally",
"g2 finally",
"caught inner",
"rej rej",
"main done"
];
setTimeout(function () {
  assertEq(log.length, expected.length, 'log length: ' + log.join(' | '));
  for (var i = 0; i < expected.length; i++) assertEq(log[i], expected[i], 'line ' + i);
}, 0);
