// A module whose only await is a top-level `for await`.
export const seen = [];
async function* gen() { yield 1; yield 2; }
for await (const v of gen()) seen.push(v);
