// Grammar corners: ASI, regexp vs division, templates, numeric literals, Unicode identifiers,
// HTML-like comments, labels, getters/setters, optional chaining, classes.
var a = 1
var b = a
++a
assertEq(a, 2);
assertEq(b, 1);
function noValue() {
  return
  42;
}
assertEq(noValue(), undefined);
var re = 4 / 2 / 1;
assertEq(re, 2);
var g = 2, i = 1;
assertEq(a /g/ i, 1); // division, not a regexp
assertTrue(/=/.test("a=b"));
assertEq("x".replace(/x/g, "/"), "/");
assertEq(`line1
line2`, "line1\nline2");
assertEq(`\u{41}${"B"}\x43`, "ABC");
function raw(s) { return s.raw.join("|"); }
assertEq(raw`a\n${1}b`, "a\\n|b");
assertEq(0b1010 + 0o17 + 0xff + 1e3 + .5, 10 + 15 + 255 + 1000 + 0.5);
assertEq(9007199254740993, 9007199254740992);
assertEq(1_0.0_1, 10.01);
var ünïcödé = 3, $_ = 4, \u0078y = 5;
assertEq(ünïcödé + $_ + xy, 12);
var x = 1 <!-- 2
;
assertEq(x, 1);
--> this whole line is a comment (Annex B)
outer: for (var p = 0; p < 3; p++) {
  inner: for (var q = 0; q < 3; q++) {
    if (q === 1) continue outer;
    if (p === 2) break outer;
  }
}
assertEq(p, 2);
var obj = { get v() { return this._v * 2; }, set v(n) { this._v = n; }, _v: 0, "quoted key": 1, 2: "two", [1 + 2]: "three" };
obj.v = 5;
assertEq(obj.v, 10);
assertEq(obj["quoted key"] + obj[2] + obj[3], "1twothree");
var deep = { a: { b: null } };
assertEq(deep?.a?.b?.c.d.e, undefined);
assertEq(deep.a.missing?.(), undefined);
assertEq((null)?.x ?? "dflt", "dflt");
class Point {
  static origin = new Point(0, 0);
  #x; #y;
  constructor(x, y) { this.#x = x; this.#y = y; }
  get length() { return Math.sqrt(this.#x ** 2 + this.#y ** 2); }
  static equal(a, b) { return a.#x === b.#x && a.#y === b.#y; }
}
assertEq(new Point(3, 4).length, 5);
assertTrue(Point.equal(Point.origin, new Point(0, 0)));
var { length } = "four";
assertEq(length, 4);
var swap1 = 1, swap2 = 2;
[swap1, swap2] = [swap2, swap1];
assertEq(swap1 * 10 + swap2, 21);
assertEq(((a, b = a * 2, ...r) => a + b + r.length)(1, undefined, 7, 8), 5);
assertEq(typeof async function () {}, "function");
assertEq(void 0 ?? "n", "n");
assertEq(-(2 ** 2), -4);
assertEq(2 ** -1, 0.5);
assertEq(eval("let z = 3; z"), 3);
assertEq(eval("{ 1; 2 }"), 2);
assertEq(eval("if (true) 'yes'; else 'no'"), "yes");
