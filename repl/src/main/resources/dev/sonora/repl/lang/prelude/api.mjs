// Sonora prelude: how the modules publish the API. api() puts a name on the global object (the
// only way a name becomes global); members() records method and property names. Both feed tab
// completion (JsHost.completionNames).
import { Error, push, includes, concat, map } from './builtins.mjs';

const API = [];     // global names, in the order they were defined
const MEMBERS = []; // method and property names, for completion after a dot

export function api(name, value) {
  globalThis[name] = value;
  if (!includes(API, name)) push(API, name);
  return value;
}

export function members(...names) {
  for (let i = 0; i < names.length; i++) if (!includes(MEMBERS, names[i])) push(MEMBERS, names[i]);
}

// tab completion: global names, then members prefixed with a dot
export function completionNames() {
  return concat(API, map(MEMBERS, (m) => '.' + m));
}

// an API refusal: a plain Error with the message (the report names the user's line)
export const fail = (message) => { throw new Error(message); };
