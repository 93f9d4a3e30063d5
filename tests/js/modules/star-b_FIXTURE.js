export const two = 2, clash = "b";
export * from "./shared_FIXTURE.js";
