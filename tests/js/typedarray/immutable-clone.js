// Structured clone (the shell's Worker.postMessage, i.e. the ValueSerializer) refuses immutable
// ArrayBuffers clearly: V8's wire format cannot carry the flag, and a transfer would detach.
var w = new Worker("onmessage = function (e) { postMessage(e.data); }", { type: "string" });
var ib = new ArrayBuffer(4).transferToImmutable();
var e = assertThrows(function () { w.postMessage(ib); }, Error);
assertTrue(/immutable ArrayBuffer could not be cloned/.test(e.message), e.message);
e = assertThrows(function () { w.postMessage({ view: new Uint8Array(ib) }); }, Error);
assertTrue(/immutable/.test(e.message), e.message);
assertThrows(function () { w.postMessage(new ArrayBuffer(1), [ib]); }, TypeError);
assertEq(ib.byteLength, 4);
assertFalse(ib.detached);
// A mutable copy made with slice still clones.
w.postMessage(ib.slice(0));
w.terminate();
