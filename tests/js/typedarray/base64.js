// Uint8Array base64 and hex.
var u = new Uint8Array([72, 101, 108, 108, 111, 255]);
assertEq(u.toBase64(), "SGVsbG//");
assertEq(u.toBase64({alphabet: "base64url"}), "SGVsbG__");
assertEq(new Uint8Array([1]).toBase64(), "AQ==");
assertEq(new Uint8Array([1]).toBase64({omitPadding: true}), "AQ");
assertEq(u.toHex(), "48656c6c6fff");
assertArrayEq(Array.from(Uint8Array.fromBase64("SGVs bG8=")), [72, 101, 108, 108, 111]);
assertArrayEq(Array.from(Uint8Array.fromHex("00Ff10")), [0, 255, 16]);
assertThrows(function () { Uint8Array.fromHex("abc"); }, SyntaxError);
assertThrows(function () { Uint8Array.fromBase64("A"); }, SyntaxError);
assertThrows(function () { Uint8Array.fromBase64("AR==", {lastChunkHandling: "strict"}); }, SyntaxError);
assertThrows(function () { Uint8Array.fromBase64(5); }, TypeError);
assertThrows(function () { u.toBase64({alphabet: "other"}); }, TypeError);
assertThrows(function () { Uint8Array.prototype.toHex.call(new Int8Array(1)); }, TypeError);
var target = new Uint8Array(4);
var r = target.setFromBase64("AQIDBAUG");
assertEq(r.read, 4);
assertEq(r.written, 3);
assertArrayEq(Array.from(target), [1, 2, 3, 0]);
r = target.setFromHex("aabbccddee");
assertEq(r.read, 8);
assertEq(r.written, 4);
assertArrayEq(Array.from(target), [0xaa, 0xbb, 0xcc, 0xdd]);
// A partial write happens before the SyntaxError.
var t2 = new Uint8Array(4);
assertThrows(function () { t2.setFromHex("0102zz"); }, SyntaxError);
assertArrayEq(Array.from(t2), [1, 2, 0, 0]);
// Resizable views cannot be made non-extensible; fixed ones can, but not frozen while non-empty.
assertThrows(function () { Object.preventExtensions(new Uint8Array(new ArrayBuffer(1, {maxByteLength: 2}))); }, TypeError);
assertEq(Object.isExtensible(Object.preventExtensions(new Uint8Array(1))), false);
assertThrows(function () { Object.freeze(new Uint8Array(1)); }, TypeError);
