// Sonora prelude, script files (docs/api.md, "Files, status, console"): load, watch, unwatch.
// JsHost reads and runs the files; paths are relative to the script that names them.
import { B } from './bridge.mjs';
import { api, fail } from './api.mjs';
import { describe } from './show.mjs';

// said here, in the script's words: the host would refuse a non-string in the engine's own
function path(p, what) {
  if (typeof p !== 'string' || p === '') fail(`${what}: expected a script's path, like ${what}('drums.js'), got ${describe(p)}`);
  return p;
}
api('load', function load(p) {
  B.load(path(p, 'load'));
});
api('watch', function watch(p) {
  B.print(`watching ${B.watch(path(p, 'watch'))} (reloads on save)`);
});
api('unwatch', function unwatch(p) {
  return B.unwatch(path(p, 'unwatch'));
});
