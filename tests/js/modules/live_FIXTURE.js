// Fixture for tests/js/modules: exported bindings of every kind.
export var counter = 1;
export let later;
export const fixed = "const";
export function bump() { counter++; later = "set"; }
export class Klass {}
export default function () { return "default fn"; }
export { counter as "string name", fixed as aliased };
export * as self from "./live_FIXTURE.js";
