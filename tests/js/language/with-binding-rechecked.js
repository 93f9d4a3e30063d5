// A `with` object's binding is looked up (HasBinding: has, then @@unscopables) and then asked
// again when used (GetBindingValue / SetMutableBinding: has, then get or set), so a binding that
// disappears in between is undefined in sloppy code and a ReferenceError in strict code.

var log = [];
var env = { Object: Object, v: 1 };
var proxy = new Proxy(env, {
  has(t, k) { log.push("has:" + String(k)); return Reflect.has(t, k); },
  get(t, k, r) { log.push("get:" + String(k)); return Reflect.get(t, k, r); },
  set(t, k, v, r) { log.push("set:" + String(k)); return Reflect.set(t, k, v, r); },
});
with (proxy) { Object(); }
assertArrayEq(log, ["has:Object", "get:Symbol(Symbol.unscopables)", "has:Object", "get:Object"]);

// (node 20's V8 leaves out the second has:v of SetMutableBinding; test262's
// set-mutable-binding-idref-with-proxy-env.js asks for it, as the spec does)
log = [];
with (proxy) { v = 2; }
assertArrayEq(log, ["has:v", "get:Symbol(Symbol.unscopables)", "has:v", "set:v"]);
assertEq(env.v, 2);

function envDeletingIn(name) {
  var e = {};
  e[name] = 0;
  Object.defineProperty(e, Symbol.unscopables, {
    get() { delete e[name]; return null; },
  });
  return e;
}

// sloppy read: undefined
var e1 = envDeletingIn("gone");
var seen = "unset";
with (e1) { seen = gone; }
assertEq(seen, undefined);

// strict read and write: ReferenceError
var e2 = envDeletingIn("gone2");
with (e2) {
  assertThrows(function () { "use strict"; return gone2; }, ReferenceError);
}
var e3 = envDeletingIn("gone3");
with (e3) {
  assertThrows(function () { "use strict"; gone3 = 1; }, ReferenceError);
}
assertEq("gone3" in e3, false);

// sloppy write after the binding went away: an ordinary Set on the object
var e4 = envDeletingIn("gone4");
with (e4) { gone4 = 5; }
assertEq(e4.gone4, 5);
