// Sonora prelude: how the modules publish the API. api() puts a name on the global object (the
// only way a name becomes global); members() records method and property names. Both feed tab
// completion (JsHost.completionNames).
import { Error, push, includes, concat, map, defineProp, ownDescriptor } from './builtins.mjs';

const global = globalThis; // as it was when the prelude loaded: a script may reassign globalThis

const API = [];     // global names, in the order they were defined
const MEMBERS = []; // method and property names, for completion after a dot

export function api(name, value) {
  // a plain global, as an assignment makes it; defined, so that it also replaces a lazyApi accessor
  defineProp(global, name, { value, writable: true, enumerable: true, configurable: true });
  if (!includes(API, name)) push(API, name);
  return value;
}

// A module not loaded yet (JsHost loads most of them on first use): each of its global names
// is an accessor that loads it, whose api() calls then put the real values in their place.
export function lazyApi(names, load) {
  for (let i = 0; i < names.length; i++) {
    const name = names[i];
    const loadOnce = () => {
      load();
      const d = ownDescriptor(global, name);
      if (d !== undefined && d.get !== undefined && d.get === accessor.get) {
        throw new Error(`internal: loading the module of '${name}' did not define it`);
      }
    };
    const accessor = {
      get() { loadOnce(); return global[name]; },
      set(v) { loadOnce(); global[name] = v; },
      enumerable: true,
      configurable: true,
    };
    defineProp(global, name, accessor);
    if (!includes(API, name)) push(API, name);
  }
}

// help() lists every topic: the modules not loaded yet first load (JsHost sets this)
let loadAll = () => {};
export function setLoadAll(fn) { loadAll = fn; }
export function loadAllModules() { loadAll(); }

export function members(...names) {
  for (let i = 0; i < names.length; i++) if (!includes(MEMBERS, names[i])) push(MEMBERS, names[i]);
}

// tab completion: global names, then members prefixed with a dot
export function completionNames() {
  return concat(API, map(MEMBERS, (m) => '.' + m));
}

// an API refusal: a plain Error with the message (the report names the user's line)
export const fail = (message) => { throw new Error(message); };
