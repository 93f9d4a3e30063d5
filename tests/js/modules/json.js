// flags: --module
// JSON modules: the default export is the parsed value; the same module each time.
import data from "./data_FIXTURE.json" with { type: "json" };
import * as dataNs from "./data_FIXTURE.json" with { type: "json" };
assertEq(data.name, "petrel");
assertArrayEq(data.list, [1, 2, 3]);
assertEq(data.nested.ok, true);
assertEq(dataNs.default, data);
assertArrayEq(Object.keys(dataNs), ["default"]);
const again = await import("./data_FIXTURE.json", { with: { type: "json" } });
assertEq(again.default, data, "one module per path and type");
let err = null;
try { await import("./bad_FIXTURE.json", { with: { type: "json" } }); } catch (e) { err = e; }
assertTrue(err instanceof SyntaxError, "invalid JSON rejects with a SyntaxError");
err = null;
try { await import("./data_FIXTURE.json", { with: { type: "css" } }); } catch (e) { err = e; }
assertTrue(err instanceof TypeError, "an unknown module type rejects with a TypeError");
err = null;
try { await import("./data_FIXTURE.json", { with: { kind: "json" } }); } catch (e) { err = e; }
assertTrue(err instanceof SyntaxError, "an unsupported attribute key rejects with a SyntaxError");
