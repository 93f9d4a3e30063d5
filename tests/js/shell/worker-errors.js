// Worker edge cases: what a worker's global has, a missing script file (type 'classic', d8's
// default, takes a file name), and a worker script that throws.
var w0 = new Worker('postMessage(typeof read)', {type: 'string'});
assertEq(w0.getMessage(), 'undefined'); // workers get print/postMessage/close, not the shell's file functions
assertThrows(function () { new Worker('/nonexistent/petrel-worker.js'); }, Error);
var bad = new Worker('postMessage("before"); throw new Error("worker failed");', {type: 'string'});
assertEq(bad.getMessage(), 'before');
assertEq(bad.getMessage(), undefined); // the worker ended with its error
