export let x = 1;
throw new RangeError("module body threw");
