import source liveSource from "./live_FIXTURE.js";
