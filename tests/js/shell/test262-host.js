// flags: --test262
// $262 as test262's INTERPRETING.md describes it.
assertEq(typeof $262, "object");
assertEq($262.global, globalThis);
assertEq(typeof $262.gc, "function");
$262.gc();
assertEq($262.evalScript("var fromEvalScript = 6 * 7; fromEvalScript"), 42);
assertEq(fromEvalScript, 42);
assertThrows(function () { $262.evalScript("var x = ;"); }, SyntaxError);
assertThrows(function () { $262.evalScript("throw new RangeError('r')"); }, RangeError);

var other = $262.createRealm();
assertEq(typeof other, "object");
assertTrue(other !== $262);
assertTrue(other.global !== globalThis);
assertTrue(other.global.Array !== Array);
assertEq(other.evalScript("typeof print"), "function");
assertEq(other.evalScript("var inOther = 1; typeof fromEvalScript"), "undefined");
assertEq(other.global.inOther, 1);
var OtherArray = other.global.Array;
var arr = new OtherArray(1, 2);
assertFalse(arr instanceof Array);
assertTrue(Array.isArray(arr));
var otherError = assertThrows(function () { other.evalScript("null.x"); }, other.global.TypeError);
assertFalse(otherError instanceof TypeError);

var buf = new ArrayBuffer(8);
assertEq($262.detachArrayBuffer(buf), null);
assertEq(buf.byteLength, 0);
assertTrue(buf.detached);
assertThrows(function () { buf.slice(0); }, TypeError);

assertEq(typeof $262.agent, "object");
$262.agent.start('$262.agent.report("started " + typeof $262.agent.receiveBroadcast);');
var agentReport;
while ((agentReport = $262.agent.getReport()) === null) $262.agent.sleep(1);
assertEq(agentReport, "started function");
assertEq(typeof $262.agent.monotonicNow(), "number");

// Unhandled rejections are ignored in --test262 mode.
Promise.reject(new Error("ignored in test262 mode"));
