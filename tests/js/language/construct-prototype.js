// `new F()` reads F's own "prototype" data field directly (interpreter.c frame_this); a
// non-object prototype falls back to %Object.prototype%, and other new.targets (proxies, bound
// functions, Reflect.construct) go through GetPrototypeFromConstructor.
function F() { this.v = 1; }
var p1 = F.prototype;
assertEq(Object.getPrototypeOf(new F()), p1);
F.prototype = { marker: true };
assertTrue(new F().marker);
F.prototype = null;
assertEq(Object.getPrototypeOf(new F()), Object.prototype);
F.prototype = 7;
assertEq(Object.getPrototypeOf(new F()), Object.prototype);
F.prototype = p1;

function NT() {}
var viaReflect = Reflect.construct(F, [], NT);
assertEq(Object.getPrototypeOf(viaReflect), NT.prototype);
assertEq(viaReflect.v, 1);

var gets = 0;
var proxyNT = new Proxy(NT, { get: function (t, k) { if (k === "prototype") gets++; return t[k]; } });
var viaProxy = Reflect.construct(F, [], proxyNT);
assertEq(gets, 1);
assertEq(Object.getPrototypeOf(viaProxy), NT.prototype);

var BoundF = F.bind(null);
assertEq(Object.getPrototypeOf(new BoundF()), F.prototype);

class K { constructor() { this.k = 2; } }
assertEq(Object.getPrototypeOf(new K()), K.prototype);
class L extends K {}
assertEq(Object.getPrototypeOf(new L()), L.prototype);
assertEq(new L().k, 2);
