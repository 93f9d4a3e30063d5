// flags: --module --young-gen --stress-gc=100
// Module records and binding cells are FixedArrays that the linker keeps in malloc'd lists and
// hashes by address; with the moving young generation they moved under it, and a namespace made
// after a scavenge was bound to dead cells (test262's dynamic-import/usage/nested-async-arrow-
// function-await-specifier-tostring.js read a stale value for imported.default). They are pinned
// now (src/modules/module.c, new_cell / new_record).
const spec = { toString() { return "./live_FIXTURE.js"; } };
let junk = [];
for (let i = 0; i < 200; i++) junk.push({ i, s: "x" + i });
for (let round = 0; round < 3; round++) {
  const ns = await import(spec);
  assertEq(typeof ns.bump, "function");
  assertEq(ns.fixed, "const");
  assertEq(ns.aliased, "const");
  assertEq(ns.default(), "default fn");
  assertEq(ns.self, ns);
  assertArrayEq(Object.keys(ns), ["Klass", "aliased", "bump", "counter", "default", "fixed", "later", "self", "string name"]);
  for (let i = 0; i < 200; i++) junk[i] = { i, s: "y" + i + round };
}
