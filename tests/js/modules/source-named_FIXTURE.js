import source from "./live_FIXTURE.js";
export { source };
