// Array.fromAsync: async and sync iterables, array-likes, mapping, this as constructor, closing.
var results = [];
async function* agen() { yield 1; yield Promise.resolve(2); yield 3; }
function C(n) { this.args = arguments.length; this.n = n; }
var closed = 0;
var closing = {
  [Symbol.asyncIterator]() {
    return { next() { return Promise.resolve({ value: 1, done: false }); },
             return() { closed++; return Promise.resolve({}); } };
  }
};
(async function () {
  results.push(JSON.stringify(await Array.fromAsync(agen())));
  results.push(JSON.stringify(await Array.fromAsync([Promise.resolve("a"), "b"])));
  results.push(JSON.stringify(await Array.fromAsync({ length: 2, 0: "x", 1: Promise.resolve("y") })));
  results.push(JSON.stringify(await Array.fromAsync([1, 2], async function (v, i) { return v * 10 + i + this.k; }, { k: 100 })));
  var viaCtor = await Array.fromAsync.call(C, [5, 6]);
  results.push(viaCtor instanceof C, viaCtor.args, viaCtor.length, viaCtor[1]);
  var alCtor = await Array.fromAsync.call(C, { length: 1, 0: 9 });
  results.push(alCtor.args, alCtor.n, alCtor.length);
  try { await Array.fromAsync(closing, function () { throw new RangeError("map"); }); } catch (e) { results.push(e.name); }
  results.push(closed);
  var p = Array.fromAsync(null);
  results.push(p instanceof Promise);
  try { await p; } catch (e) { results.push(e.name); }
  try { await Array.fromAsync([], 5); } catch (e) { results.push(e.name); }
})();
setTimeout(function () {
  assertArrayEq(results, ["[1,2,3]", '["a","b"]', '["x","y"]', "[110,121]", true, 0, 2, 6, 1, 1, 1,
                          "RangeError", 1, true, "TypeError", "TypeError"]);
}, 0);
