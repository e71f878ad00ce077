// Sonora prelude, the sandbox's edges (docs/api.md: "Not available in the sandbox"): GraalJS shell
// extras removed, and require and Polyglot refused in words instead of a ReferenceError.
import { defineProp } from './builtins.mjs';
import { fail } from './api.mjs';
import { describe } from './show.mjs';

const global = globalThis;
// GraalJS shell extras a script has no use for (the prelude defines its own load and console)
const SHELL_EXTRAS = ['Graal', 'java', 'javax', 'Packages', 'com', 'org', 'edu', 'net', 'loadWithNewGlobal', 'print',
  'printErr', 'quit', 'read', 'readbuffer', 'readline'];
for (let i = 0; i < SHELL_EXTRAS.length; i++) delete global[SHELL_EXTRAS[i]];
// GraalJS has no require and (as configured) no Polyglot: say so in words
global.require = (m) => fail(`require(${describe(m)}) is not available: scripts share one scope; use load('file.js')`);
global.Polyglot = {
  eval: (lang) => fail(`sandbox: other languages are not available to scripts (asked for ${describe(lang)})`),
  import: () => fail('sandbox: polyglot bindings are not available to scripts'),
};
// not API names: kept out of Object.keys(globalThis) and tab completion
defineProp(global, 'require', { enumerable: false });
defineProp(global, 'Polyglot', { enumerable: false });
