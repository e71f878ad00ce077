// Sonora prelude: how the modules publish the API. api() puts a name on the global object (the
// only way a name becomes global); members() records method and property names. Both feed tab
// completion (JsHost.completionNames).
import { Error, String, Map, push, concat, map, defineProp, ownDescriptor, mapGet, mapSet, split, strStartsWith,
  regexExec } from './builtins.mjs';

const global = globalThis; // as it was when the prelude loaded: a script may reassign globalThis

const API = [];            // global names, in the order they were defined
const IN_API = new Map();  // the same names, to test membership without a scan
const MEMBERS = [];        // method and property names, for completion after a dot
const IN_MEMBERS = new Map();

// appends name to list unless seen (a map of the list's names) has it
function addOnce(list, seen, name) {
  if (mapGet(seen, name) === undefined) {
    mapSet(seen, name, true);
    push(list, name);
  }
}
const listName = (name) => addOnce(API, IN_API, name);

// global names a script assigned before their module loaded: the script's value stays theirs
const TAKEN = new Map();

const plainGlobal = (name, value) =>
  defineProp(global, name, { value, writable: true, enumerable: true, configurable: true });

export function api(name, value) {
  // a plain global, as an assignment makes it; defined, so that it also replaces a lazyApi accessor
  if (mapGet(TAKEN, name) === undefined) plainGlobal(name, value);
  listName(name);
  return value;
}

// The modules not loaded yet (JsHost loads most of them on first use), in one call: each of their
// global names is an accessor that asks load(name) for its module, whose api() calls then put the
// real values in the accessors' place. A script that assigns the name first (var n = ...) gets a
// plain global of its own, and the module, when it loads for another name, leaves it alone.
export function lazyApi(names, load) {
  for (let i = 0; i < names.length; i++) {
    const name = names[i];
    const accessor = {
      get() { loadOnce(name, accessor, load); return global[name]; },
      set(v) { mapSet(TAKEN, name, true); plainGlobal(name, v); },
      enumerable: true,
      configurable: true,
    };
    defineProp(global, name, accessor);
    listName(name);
  }
}

function loadOnce(name, accessor, load) {
  load(name);
  const d = ownDescriptor(global, name);
  if (d !== undefined && d.get !== undefined && d.get === accessor.get) {
    throw new Error(`internal: loading the module of '${name}' did not define it`);
  }
}

// help() lists every topic: the modules not loaded yet first load (JsHost sets this)
let loadAll = () => {};
export function setLoadAll(fn) { loadAll = fn; }
export function loadAllModules() { loadAll(); }

export function members(...names) {
  for (let i = 0; i < names.length; i++) addOnce(MEMBERS, IN_MEMBERS, names[i]);
}

// tab completion: global names, then members prefixed with a dot
export function completionNames() {
  return concat(API, map(MEMBERS, (m) => '.' + m));
}

// an API refusal: a plain Error with the message (the report names the user's line)
export const fail = (message) => { throw new Error(message); };

// The innermost frame of a user's file on the stack: {file, line}, or undefined (a prompt line, the
// prelude). Where a handler was made (handlers.mjs), and the folder a relative path in a loop body
// means (JsHost.resolve). "at name (file:12:5)" or "at file:12:5": a file's name may hold spaces,
// parentheses and colons.
export function callerFrame() {
  const stack = split(String(new Error().stack), '\n');
  for (let i = 1; i < stack.length; i++) {
    const m = regexExec(/^\s*at (?:[^\s(][^(]*? \((.+):(\d+):\d+\)|(.+):(\d+):\d+)\s*$/, stack[i]);
    if (!m) continue;
    const file = m[1] !== undefined ? m[1] : m[3];
    if (strStartsWith(file, 'sonora:') || strStartsWith(file, '<')) continue;
    return { file, line: m[1] !== undefined ? m[2] : m[4] };
  }
  return undefined;
}
