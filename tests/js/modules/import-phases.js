// Import phases (proposals): a JavaScript module has no source object, so source-phase imports
// fail with a SyntaxError; import defer is not implemented yet and says so.
let done = false;
const log = [];
(async () => {
  async function rejects(promise, check, what) {
    try { await promise; } catch (e) { check(e); return; }
    throw new Error(what + " did not reject");
  }
  await rejects(import.source("./live_FIXTURE.js"), e => assertTrue(e instanceof SyntaxError), "import.source");
  await rejects(import("./source-import_FIXTURE.js"), e => assertTrue(e instanceof SyntaxError), "import source x");
  await rejects(import.source({ toString() { throw new URIError("spec"); } }),
                e => assertTrue(e instanceof URIError), "import.source specifier ToString");
  await rejects(import.defer("./live_FIXTURE.js"), e => {
    assertEq(e.constructor, Error);
    assertTrue(/not implemented yet/.test(e.message));
  }, "import.defer");
  // `import source from "m"` is a default import named source
  const ns = await import("./source-named_FIXTURE.js");
  assertEq(ns.source(), "default fn");
  assertThrows(() => eval("new import.source('./live_FIXTURE.js')"), SyntaxError);
  assertThrows(() => eval("import.sauce('./live_FIXTURE.js')"), SyntaxError);
  done = true;
})().catch(e => log.push(e));
setTimeout(() => {
  if (log.length) throw log[0];
  if (!done) throw new Error("import phases test did not finish");
}, 0);
