// A module whose only await is an `await using` at top level: it is an async module, and its
// importer runs after the disposal settled.
export const log = [];
await using res = {
  async [Symbol.asyncDispose]() {
    log.push("dispose start");
    await null;
    log.push("dispose end");
  },
};
log.push("body");
