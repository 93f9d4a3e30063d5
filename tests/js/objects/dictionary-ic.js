// Named-property caches on dictionary-mode objects (src/ic/property-ic.c): the dictionary
// changes without a map change, so every hit rechecks its entry. Deleting, re-adding,
// redefining as an accessor or read-only, and rebuilding the dictionary must all be seen.

function big() {
  var o = {};
  for (var i = 0; i < 200; i++) o["p" + i] = i; // past the fast-property limit
  return o;
}
function getP5(o) { return o.p5; }
function setP5(o, v) { o.p5 = v; }
var d = big();
for (var i = 0; i < 3; i++) assertEq(getP5(d), 5);
setP5(d, 50);
setP5(d, 51);
assertEq(getP5(d), 51);
delete d.p5;
assertEq(getP5(d), undefined);
setP5(d, 52); // re-added at a new entry
assertEq(getP5(d), 52);
Object.defineProperty(d, "p5", { get: function () { return "getter"; }, set: function (v) { this.seen = v; }, configurable: true });
assertEq(getP5(d), "getter");
setP5(d, 53);
assertEq(d.seen, 53);
Object.defineProperty(d, "p5", { value: 54, writable: false, configurable: true });
assertEq(getP5(d), 54);
setP5(d, 55);
assertEq(getP5(d), 54);
assertThrows(function () { "use strict"; d.p5 = 56; }, TypeError);
// Rebuild the dictionary (many deletes and adds), then read again.
for (var i = 100; i < 200; i++) delete d["p" + i];
for (var i = 0; i < 300; i++) d["q" + i] = i;
assertEq(getP5(d), 54);
assertEq(d.q299, 299);

// Two dictionary-mode objects at one site.
var d2 = big();
d2.p5 = "second";
assertEq(getP5(d2), "second");
assertEq(getP5(d), 54);

// A prototype in dictionary mode holding methods.
function Proto() {}
for (var i = 0; i < 200; i++) Proto.prototype["m" + i] = function (k) { return function () { return k; }; }(i);
var inst = new Proto();
function callM7(o) { return o.m7(); }
for (var i = 0; i < 3; i++) assertEq(callM7(inst), 7);
Proto.prototype.m7 = function () { return "replaced"; };
assertEq(callM7(inst), "replaced");
inst.m7 = function () { return "own"; };
assertEq(callM7(inst), "own");
var inst2 = new Proto();
assertEq(callM7(inst2), "replaced");
delete Proto.prototype.m7;
assertThrows(function () { callM7(inst2); }, TypeError);
Object.prototype.m7 = function () { return "root"; };
assertEq(callM7(inst2), "root");
delete Object.prototype.m7;
