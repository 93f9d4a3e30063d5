// Global functions and value properties; expected values from node.
assertEq(encodeURIComponent("a b&c=d/é€😀"), "a%20b%26c%3Dd%2F%C3%A9%E2%82%AC%F0%9F%98%80");
assertEq(encodeURI("http://x.com/a b?q=1&r=é#frag"), "http://x.com/a%20b?q=1&r=%C3%A9#frag");
assertEq(encodeURIComponent("-_.!~*'()"), "-_.!~*'()");
assertEq(encodeURI(";/?:@&=+$,#"), ";/?:@&=+$,#");
assertEq(decodeURIComponent("%E2%82%AC%F0%9F%98%80%20"), "€😀 ");
assertEq(decodeURI("%3B%2F%3F%3A%40%26%3D%2B%24%2C%23%20"), "%3B%2F%3F%3A%40%26%3D%2B%24%2C%23 ");
assertEq(decodeURIComponent("%3B%2F%3F%3A%40%26%3D%2B%24%2C%23"), ";/?:@&=+$,#");
assertEq(decodeURI("%41%62c"), "Abc");
assertEq(escape("a b+c/é€@*_-."), "a%20b+c/%E9%u20AC@*_-.");
assertEq(unescape("%u20AC%41%zz%u12"), "€A%zz%u12");
assertEq(unescape("%"), "%");
assertEq(NaN, NaN);
assertEq(Infinity, Infinity);
assertEq(undefined, undefined);
assertEq(typeof globalThis.isNaN, "function");
assertEq(Object.getOwnPropertyDescriptor(globalThis, "NaN").writable, false);
assertEq(Object.getOwnPropertyDescriptor(globalThis, "Infinity").configurable, false);
assertEq(Object.getOwnPropertyDescriptor(globalThis, "undefined").enumerable, false);
assertEq(Object.getOwnPropertyDescriptor(globalThis, "parseInt").enumerable, false);
assertEq(encodeURIComponent.length, 1);
assertEq(parseInt.length, 2);
// URIError "URI malformed"
assertEq(assertThrows(function () { decodeURIComponent("%"); }, URIError).message, "URI malformed");
assertThrows(function () { decodeURIComponent("%E2%82"); }, URIError);
assertThrows(function () { decodeURIComponent("%C0%80"); }, URIError); // overlong
assertThrows(function () { decodeURIComponent("%ED%A0%80"); }, URIError); // surrogate
assertThrows(function () { decodeURIComponent("%F4%90%80%80"); }, URIError); // > U+10FFFF
assertThrows(function () { decodeURIComponent("%80"); }, URIError);
assertThrows(function () { decodeURI("%zz"); }, URIError);
assertThrows(function () { encodeURIComponent("\ud800"); }, URIError);
assertThrows(function () { encodeURIComponent("\udc00x"); }, URIError);
// NaN / Infinity / undefined cannot be overwritten.
NaN = 1;
Infinity = 2;
undefined = 3;
assertEq(NaN, NaN);
assertEq(Infinity, 1 / 0);
assertEq(undefined, void 0);
