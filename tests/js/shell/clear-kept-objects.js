// flags: --test262
// $262.clearKeptObjects: WeakRef targets kept alive during a job are released by ClearKeptObjects.
// (Each step runs in its own function so that no stale copy of a target stays in this frame's
// registers, which the conservative stack scan would treat as a reference.)
assertEq(typeof $262.clearKeptObjects, "function");
assertEq($262.clearKeptObjects(), undefined);

let ref;
(function () { ref = new WeakRef({ big: 1 }); })();
// Kept by the construction for the rest of this job, even through a collection.
(function () { $262.gc(); })();
(function () { assertTrue(ref.deref() !== undefined); })();
// After ClearKeptObjects nothing keeps it: the next full collection clears the WeakRef.
(function () { $262.clearKeptObjects(); $262.gc(); })();
assertEq(ref.deref(), undefined);

// deref() after a clear keeps its target again until the next clear.
let ref2;
(function () { ref2 = new WeakRef({ other: 2 }); })();
(function () { $262.clearKeptObjects(); })();
(function () { ref2.deref(); })();
(function () { $262.gc(); })();
(function () { assertTrue(ref2.deref() !== undefined); })();
(function () { $262.clearKeptObjects(); $262.gc(); })();
assertEq(ref2.deref(), undefined);
