// let/const, TDZ, per-iteration bindings
let a1 = 1;
{ let a1 = 2; assertEq(a1, 2); }
assertEq(a1, 1);
const K = 5;
assertThrows(function () { K = 6; }, TypeError);
assertThrows(function () { tdz; let tdz = 1; }, ReferenceError);
var fs = [];
for (let i = 0; i < 3; i++) fs.push(function () { return i; });
assertEq(fs[0]() + fs[1]() + fs[2](), 0 + 1 + 2);
var fs2 = [];
for (let k of [10, 20]) fs2.push(() => k);
assertEq(fs2[0]() + fs2[1](), 30);

// arrows and lexical this
var o = { v: 3, f: function () { return [1, 2].map(x => x * this.v); } };
assertArrayEq(o.f(), [3, 6]);
var sq = x => x * x;
assertEq(sq(7), 49);
var noargs = () => 42;
assertEq(noargs(), 42);

// template literals
var name = "world";
assertEq(`hello ${name}!`, "hello world!");
assertEq(`${1 + 1}${"x"}`, "2x");
function tag(strs, ...vals) { return strs.raw.join("|") + ":" + vals.join(","); }
assertEq(tag`a${1}b${2}c`, "a|b|c:1,2");
function same(s) { return s; }
function site() { return same`x`; }
assertTrue(site() === site(), "template object cached per site");
assertTrue(Object.isFrozen(site()));

// default and rest parameters, spread
function def(a, b = a + 1, ...rest) { return a + b + rest.length; }
assertEq(def(1), 3);
assertEq(def(1, 5, 9, 9), 8);
function sum3(a, b, c) { return a + b + c; }
assertEq(sum3(...[1, 2, 3]), 6);
assertEq(sum3(1, ...[2, 3]), 6);
assertArrayEq([0, ...[1, 2], 3], [0, 1, 2, 3]);
assertEq(sum3(...[1, 5], 3), 9);

// destructuring
var [p, q = 10, ...r] = [1, undefined, 3, 4];
assertEq(p, 1); assertEq(q, 10); assertArrayEq(r, [3, 4]);
var { x, y: yy, z = 7, ...others } = { x: 1, y: 2, w: 3, v: 4 };
assertEq(x, 1); assertEq(yy, 2); assertEq(z, 7); assertEq(Object.keys(others).join(), "w,v");
var m, n;
[m, n] = [n, m] = [1, 2];
assertEq(m, 1);
function dp({ a, b } = {}, [c] = [9]) { return (a || 0) + (b || 0) + c; }
assertEq(dp({ a: 1, b: 2 }, [3]), 6);
assertEq(dp(), 9);
assertThrows(function () { var { zz } = null; }, TypeError);

// computed and shorthand properties, methods
var key = "dyn";
var lit = { [key + "1"]: 1, key, meth() { return this.key; } };
assertEq(lit.dyn1, 1);
assertEq(lit.meth(), "dyn");

// for-of and iterator closing
var got = [];
for (var v of [1, 2, 3]) got.push(v);
assertArrayEq(got, [1, 2, 3]);
var closed = 0;
var iterable = {
  [Symbol.iterator]() {
    var i = 0;
    return { next() { return { value: i++, done: i > 5 }; }, return() { closed++; return {}; } };
  }
};
for (var it of iterable) { if (it == 2) break; }
assertEq(closed, 1);
try { for (var it2 of iterable) { throw 1; } } catch (e) {}
assertEq(closed, 2);
var chars = [];
for (var ch of "ab") chars.push(ch);
assertArrayEq(chars, ["a", "b"]);

// classes
class A {
  constructor(v) { this.v = v; }
  get double() { return this.v * 2; }
  static make() { return new A(1); }
  inc() { return ++this.v; }
}
class B extends A {
  constructor(v) { super(v + 1); this.b = true; }
  inc() { return super.inc() * 10; }
}
var bb = new B(1);
assertEq(bb.v, 2);
assertEq(bb.double, 4);
assertEq(bb.inc(), 30);
assertEq(A.make().v, 1);
assertTrue(bb instanceof A);
assertThrows(function () { A(); }, TypeError);
class F { x = 1; #p = 2; static s = 3; getP() { return this.#p; } #m() { return 5; } callM() { return this.#m(); } static { F.t = 4; } }
var ff = new F();
assertEq(ff.x, 1); assertEq(ff.getP(), 2); assertEq(F.s, 3); assertEq(F.t, 4); assertEq(ff.callM(), 5);
class D extends A {}
assertEq(new D(7).v, 7);
class N extends null { constructor() { return Object.create(N.prototype); } }
assertTrue(new N() instanceof N);
assertEq(typeof class {}, "function");

// new.target
function NT() { return new.target; }
assertEq(new NT(), NT);
assertEq(NT(), undefined);

// generators
function* gen() { var x = yield 1; yield x + 1; return 5; }
var g = gen();
assertEq(g.next().value, 1);
assertEq(g.next(10).value, 11);
var last = g.next();
assertEq(last.value, 5); assertEq(last.done, true);
assertEq(g.next().done, true);
function* inner() { yield 1; yield 2; }
function* outer2() { yield 0; yield* inner(); yield 3; }
assertArrayEq([...outer2()], [0, 1, 2, 3]);
function* fin() { try { yield 1; yield 2; } finally { fin.cleaned = true; } }
var fg = fin();
fg.next();
assertEq(fg.return(9).value, 9);
assertTrue(fin.cleaned);
var tg = gen();
tg.next();
assertThrows(function () { tg.throw(new TypeError("x")); }, TypeError);

// optional chaining, nullish, exponent
var oc = { a: { b: () => 1 } };
assertEq(oc?.a?.b(), 1);
assertEq(oc.x?.y.z, undefined);
assertEq(oc.x?.(), undefined);
var nn = null;
nn ??= 4;
assertEq(nn, 4);
var ex = 2;
ex **= 3;
assertEq(ex, 8);

// optional catch binding, labeled block
try { throw 1; } catch { }
lbl: { break lbl; }

// super inside arrow functions
class SA { constructor(x) { this.x = x; } m() { return "SA.m"; } }
class SB extends SA {
  constructor() { var init = () => super(5); init(); this.y = this.x + 1; }
  m() { return (() => super.m())(); }
}
var sb = new SB();
assertEq(sb.x, 5); assertEq(sb.y, 6); assertEq(sb.m(), "SA.m");
class SC extends SA { f = 3; constructor() { (() => { (() => super(1))(); })(); } }
var sc = new SC();
assertEq(sc.x, 1); assertEq(sc.f, 3);
assertThrows(function () { class SD extends SA { constructor() { var k = () => super(2); k(); k(); } } new SD(); }, ReferenceError);

// completion values
assertEq(eval("1; if (true) {}"), undefined);
assertEq(eval("1; {}"), 1);
assertEq(eval("1; try { 2 } finally { 3 }"), 2);
assertEq(eval("1; do { 2; break; } while (false)"), 2);
