// flags: --module
// `await using` and `for await` at module top level make the module async (their disposal /
// iteration awaits); importers see the finished module.
import { log } from "./await-using-top-level_FIXTURE.js";
import { seen } from "./for-await-top-level_FIXTURE.js";
assertArrayEq(log, ["body", "dispose start", "dispose end"]);
assertArrayEq(seen, [1, 2]);

const order = [];
{
  await using a = { [Symbol.asyncDispose]() { order.push("a"); } };
  using b = { [Symbol.dispose]() { order.push("b"); } };
  order.push("block");
}
assertArrayEq(order, ["block", "b", "a"]);
for (await using x of [{ async [Symbol.asyncDispose]() { order.push("x"); } }]) order.push("loop");
assertArrayEq(order, ["block", "b", "a", "loop", "x"]);
