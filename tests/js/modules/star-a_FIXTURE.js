export const one = 1, clash = "a";
export { shared } from "./shared_FIXTURE.js";
