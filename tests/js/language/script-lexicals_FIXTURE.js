// Loaded by script-lexicals-nonextensible-global.js as a separate script.
let scriptLet = 1;
const scriptConst = 3;
class ScriptClass {}
