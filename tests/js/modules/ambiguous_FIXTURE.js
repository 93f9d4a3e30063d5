export * from "./star-a_FIXTURE.js";
export * from "./star-b_FIXTURE.js";
