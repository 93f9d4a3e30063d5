import { nothere } from "./live_FIXTURE.js";
