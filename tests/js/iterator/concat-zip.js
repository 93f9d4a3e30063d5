// Iterator.concat, Iterator.zip, Iterator.zipKeyed: values, modes, closing.
assertArrayEq(Iterator.concat([1, 2], new Set([3]), "ab".split("")).toArray(), [1, 2, 3, "a", "b"]);
assertArrayEq(Iterator.concat().toArray(), []);
assertThrows(function () { Iterator.concat(1); }, TypeError);
assertThrows(function () { Iterator.concat({}); }, TypeError);
assertEq(Object.getPrototypeOf(Iterator.concat()), Object.getPrototypeOf([].values().map(function (x) { return x; })));

// return() forwards to the inner iterator only while it is active
var log = [];
function tracked(name, values) {
  return { [Symbol.iterator]() {
    var i = 0;
    return { next() { return i < values.length ? { value: values[i++], done: false } : { done: true }; },
             return() { log.push("close " + name); return {}; } };
  } };
}
var c = Iterator.concat(tracked("a", [1, 2]));
c.return();
assertArrayEq(log, []);
c = Iterator.concat(tracked("a", [1, 2]));
c.next();
c.return();
assertArrayEq(log, ["close a"]);

// zip modes
function pairs(it) { return it.toArray().map(function (a) { return a.join(":"); }).join(","); }
assertEq(pairs(Iterator.zip([[1, 2, 3], ["a", "b"]])), "1:a,2:b");
assertEq(pairs(Iterator.zip([[1, 2, 3], ["a"]], { mode: "longest", padding: ["x", "y"] })), "1:a,2:y,3:y");
assertEq(pairs(Iterator.zip([[1, 2], ["a", "b"]], { mode: "strict" })), "1:a,2:b");
assertThrows(function () { Iterator.zip([[1, 2], ["a"]], { mode: "strict" }).toArray(); }, TypeError);
assertThrows(function () { Iterator.zip([[1]], { mode: "other" }); }, TypeError);
assertThrows(function () { Iterator.zip([[1]], 5); }, TypeError);
assertThrows(function () { Iterator.zip(["ab"]); }, TypeError); // strings are rejected
assertEq(Iterator.zip([]).next().done, true);

// shortest closes the other iterators, last first
log = [];
Iterator.zip([tracked("a", [1, 2]), tracked("b", [1]), tracked("c", [1, 2])]).toArray();
assertArrayEq(log, ["close c", "close a"]);
log = [];
var z = Iterator.zip([tracked("a", [1, 2]), tracked("b", [1, 2])]);
z.next();
z.return();
assertArrayEq(log, ["close b", "close a"]);

// zipKeyed
var rows = Iterator.zipKeyed({ x: [1, 2], y: ["a", "b"], skip: undefined }).toArray();
assertEq(rows.length, 2);
assertEq(Object.getPrototypeOf(rows[0]), null);
assertEq(JSON.stringify(rows), '[{"x":1,"y":"a"},{"x":2,"y":"b"}]');
var longest = Iterator.zipKeyed({ x: [1, 2], y: ["a"] }, { mode: "longest", padding: { y: "-" } }).toArray();
assertEq(JSON.stringify(longest), '[{"x":1,"y":"a"},{"x":2,"y":"-"}]');
