export let log = [];
log.push("dep start");
await null;
log.push("dep after await");
export const value = await Promise.resolve(42);
