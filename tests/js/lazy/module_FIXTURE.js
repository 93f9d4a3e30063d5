export let live = 1;
export function bump() { live++; }
export const fixed = "fixed";
export default function () { return "default"; }
