// A super property reference takes its base (the home object's prototype) when it is made,
// before the key is converted with ToPropertyKey; a plain store converts the key after the
// right-hand side.
// (node 20's V8 still converts the key first; test262's prop-expr-getsuperbase-before-topropertykey-*
// files follow the current spec.)
function setup(log) {
  var proto = { p: 1 };
  var proto2 = { p: -1 };
  var obj = {
    __proto__: proto,
    read() { return super[key]; },
    compound() { return super[key] += 1; },
    inc() { return super[key]++; },
    store() { super[key] = (log.push("rhs"), 5); return proto.q; },
  };
  var key = {
    toString() { log.push("key"); Object.setPrototypeOf(obj, proto2); return "p"; },
  };
  return { obj, proto, proto2, set key(k) { key = k; } };
}

var log = [];
var s = setup(log);
assertEq(s.obj.read(), 1);
s = setup(log);
assertEq(s.obj.compound(), 2);      // read and written on the original prototype's chain
s = setup(log);
assertEq(s.obj.inc(), 1);
log = [];
s = setup(log);
s.obj.store();
assertArrayEq(log, ["rhs", "key"]);
assertEq(s.obj.p, 5);               // the receiver is `this`

// the base is checked when the reference is used
var nullProto = {
  m() { return super.x; },
  n() { super.x = 1; },
};
Object.setPrototypeOf(nullProto, null);
assertThrows(() => nullProto.m(), TypeError);
assertThrows(() => nullProto.n(), TypeError);
