// Sonora prelude, script files (docs/api.md, "Files, status, console"): load, watch, unwatch.
// JsHost reads and runs the files; paths are relative to the script that names them.
import { B } from './bridge.mjs';
import { api } from './api.mjs';

api('load', function load(path) {
  B.load(path);
});
api('watch', function watch(path) {
  B.print(`watching ${B.watch(path)} (reloads on save)`);
});
api('unwatch', function unwatch(path) {
  return B.unwatch(path);
});
