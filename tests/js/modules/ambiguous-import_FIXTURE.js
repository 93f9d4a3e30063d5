import { clash } from "./ambiguous_FIXTURE.js";
