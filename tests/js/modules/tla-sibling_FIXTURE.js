import { log } from "./tla-dep_FIXTURE.js";
log.push("sibling");
