// Sonora prelude: the door to Java. JsHost hands the main bridge (dev.sonora.repl.lang.Bridge)
// to connect() once, right after this module loads and before any module that uses it; the
// extension modules (time, samples, midi) get theirs the same way and guard them here. Scripts
// never see a bridge: nothing here is global, and the modules cannot be imported by scripts.
import { Error, createObject, objectKeys, apply } from './builtins.mjs';

export let B = null;         // the main bridge, guarded: what the modules call
export let rawBridge = null; // the main bridge itself, for the extensions' Java sides (attach)
let hostMessage = null;

export function connect(bridge) {
  if (B !== null) throw new Error('the prelude is connected to its bridge once');
  rawBridge = bridge;
  hostMessage = bridge.hostMessage;
  B = guard(bridge);
}

// A refusal from Java (a full command queue, a corrupt file) would reach scripts as a Java
// exception: String(e) and e.name start with its class name. Every bridge method is wrapped so
// that scripts see a plain Error with the message only (its stack is the script's, so the
// report still names the user's line).
function hostError(e) {
  const m = hostMessage(e); // null: a JS error (maybe a script's own, thrown through a callback)
  return m === null ? e : new Error(m);
}

export function guard(host) {
  const g = createObject(null);
  const names = objectKeys(host);
  for (let i = 0; i < names.length; i++) {
    const method = host[names[i]];
    g[names[i]] = function () {
      try {
        return apply(method, host, arguments);
      } catch (e) {
        throw hostError(e);
      }
    };
  }
  return g;
}
